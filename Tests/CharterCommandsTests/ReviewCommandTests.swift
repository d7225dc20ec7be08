import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// Issue 19 end to end: diffs that say what they compare and refuse two languages, and
/// decisions on record (`charter review`), on a store a file:// watch made.
struct ReviewCommandTests {
    static let binary = TestPaths.charterBinary

    /// A watched file:// source with two French versions (a marketing cookie added) and
    /// one English version.
    static func watchedStore() throws -> (folder: URL, db: String) {
        let folder = try ExtractCommandTests.temporaryFolder()
        let fr = folder.appendingPathComponent("charte-fr.html")
        let en = folder.appendingPathComponent("charte-en.html")
        try FileManager.default.copyItem(
            at: TestPaths.fixture("opendatasoft-portal-fr.html", in: "CharterExtractTests"), to: fr)
        try FileManager.default.copyItem(
            at: TestPaths.fixture("opendatasoft-portal-en.html", in: "CharterExtractTests"), to: en)
        let config = folder.appendingPathComponent("charter.yml").path
        let template = folder.appendingPathComponent("charte-{lang}.html").path
        try "sources:\n  - id: portal\n    url: file://\(template)\n    languages: [fr, en]\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("store.sqlite").path
        let first = try run(binary, ["watch", "--allow-files", "--config", config, "--db", db])
        #expect(first.status == 0 || first.status == 1, "\(first.stderr)")
        var page = try String(contentsOf: fr, encoding: .utf8)
        let end = try #require(page.range(of: "</table>"))
        page.insert(
            contentsOf:
                "<tr><td>Google</td><td>Publicité</td><td>_gcl_au</td><td>Mesurer l'efficacité des publicités personnalisées</td></tr>",
            at: end.lowerBound)
        try page.write(to: fr, atomically: true, encoding: .utf8)
        // Captures a second apart, so that each side shows its own time.
        Thread.sleep(forTimeInterval: 1.1)
        let second = try run(binary, ["watch", "--allow-files", "--config", config, "--db", db])
        #expect(second.status == 3, "\(second.stdout) \(second.stderr)")
        return (folder, db)
    }

    @Test func twoLanguagesAreRefusedUnlessAsked() throws {
        let fr = TestPaths.fixture("opendatasoft-portal-fr.html", in: "CharterExtractTests").path
        let en = TestPaths.fixture("opendatasoft-portal-en.html", in: "CharterExtractTests").path
        let refused = try run(Self.binary, ["diff", fr, en])
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("OLD is in fr and NEW in en"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        let across = try run(Self.binary, ["diff", "--across-languages", fr, en])
        #expect(across.status != 2, "\(across.stderr)")
        #expect(across.stdout.hasPrefix("Across languages: the old version is in fr, the new one in en"))
    }

    @Test func storedLanguagesAreRefusedToo() throws {
        let (folder, db) = try Self.watchedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let refused = try run(Self.binary, ["diff", "--db", db, "portal@en", "portal@fr"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("OLD is in en and NEW in fr"), "\(refused.stderr)")
    }

    @Test func aStoredDiffNamesBothVersions() throws {
        let (folder, db) = try Self.watchedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(Self.binary, ["diff", "--db", db, "--format", "json", "portal@fr~1", "portal@fr"])
        #expect(result.status == 3, "\(result.stderr)")
        let json = try JSONValue.parse(Data(result.stdout.utf8))
        #expect(json["old"]?["stored"]?["number"] == .number(1))
        #expect(json["new"]?["stored"]?["number"] == .number(2))
        #expect(json["report"]?["charterVersion"] == .string("1.0.0"))
        #expect(json["old"]?["fetchedAt"] != .null && json["old"]?["fetchedAt"] != json["new"]?["fetchedAt"])
        let text = try run(Self.binary, ["diff", "--db", db, "portal@fr~1", "portal@fr"]).stdout
        #expect(text.contains("portal@fr#1 (id ") && text.contains("portal@fr#2 (id "))
        #expect(text.contains("4 cookies") && text.contains("5 cookies"))
    }

    @Test func aDecisionIsRecordedVerifiedListedExportedAndShown() throws {
        let (folder, db) = try Self.watchedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pending = try run(Self.binary, ["review", "--db", db, "--pending"])
        #expect(pending.status == 0)
        #expect(pending.stdout.contains("portal@fr#2") && pending.stdout.contains("reconsent"), "\(pending.stdout)")
        let missing = try run(Self.binary, ["review", "--db", db, "portal@fr", "--decision", "approved"])
        #expect(missing.status == 2)
        let recorded = try run(
            Self.binary,
            [
                "review", "--db", db, "portal@fr", "--decision", "reconsent-launched", "--by", "A. Martin", "--comment",
                "banner relaunched, v2",
            ])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("portal@fr#2 reconsent-launched by A. Martin"))
        let finding = try run(
            Self.binary,
            [
                "review", "--db", db, "portal@fr", "--decision", "not-applicable", "--by", "A. Martin", "--finding",
                "RC-NO-SUCH:_gcl_au",
            ])
        #expect(finding.status == 2)
        #expect(
            try run(Self.binary, ["review", "--db", db, "--pending"]).stdout.contains("no change awaits a decision"))
        let verify = try run(Self.binary, ["review", "--db", db, "--verify"])
        #expect(
            verify.status == 0 && verify.stdout.contains("intact: 1 decisions"), "\(verify.stdout) \(verify.stderr)")
        let csv = try run(Self.binary, ["review", "--db", db, "--export", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,reference,source,language,version,versionNumber,contentSHA256"))
        #expect(csv.stdout.contains("\"banner relaunched, v2\""))
        let json = try JSONValue.parse(
            Data(try run(Self.binary, ["review", "--db", db, "--export", "--format", "json"]).stdout.utf8))
        guard case .array(let rows) = json else { Issue.record("the export is not an array"); return }
        #expect(rows.count == 1)
        #expect(rows.first?["decision"] == .string("reconsent-launched"))
        #expect(rows.first?["reviewer"] == .string("A. Martin"))
        let history = try run(Self.binary, ["history", "--db", db, "--lang", "fr", "portal"])
        #expect(history.stdout.contains("decision reconsent-launched by A. Martin"), "\(history.stdout)")
        let historyJSON = try run(Self.binary, ["history", "--db", db, "--lang", "fr", "--format", "json", "portal"])
        #expect(historyJSON.stdout.contains("\"decision\" : \"reconsent-launched\""), "\(historyJSON.stdout)")
        let stored = try run(Self.binary, ["diff", "--db", db, "portal@fr~1", "portal@fr"])
        #expect(
            stored.stdout.contains("reconsent-launched by A. Martin") && stored.stdout.contains("none yet"),
            "\(stored.stdout)")
        // Since the last sign-off: nothing changed.
        let since = try run(Self.binary, ["diff", "--db", db, "portal@fr", "--since-approved"])
        #expect(since.status == 0, "\(since.stdout) \(since.stderr)")
        #expect(since.stdout.contains("portal@fr#2"))
    }

    @Test func sinceApprovedWithoutASignOffIsAnError() throws {
        let (folder, db) = try Self.watchedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(Self.binary, ["diff", "--db", db, "portal@fr", "--since-approved"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no version of portal@fr has been approved"), "\(result.stderr)")
        _ = try run(Self.binary, ["review", "--db", db, "portal@fr~1", "--decision", "approved", "--by", "A. Martin"])
        let since = try run(Self.binary, ["diff", "--db", db, "portal@fr", "--since-approved"])
        #expect(since.status == 3)
        #expect(since.stdout.contains("portal@fr#1") && since.stdout.contains("_gcl_au"))
    }

    @Test func pdfWithoutABrowserIsAClearError() throws {
        let folder = try ExtractCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = "Tests/CharterReportTests/Fixtures/"
        let old = TestPaths.packageRoot.appendingPathComponent(samples + "portal-v1.html").path
        let new = TestPaths.packageRoot.appendingPathComponent(samples + "portal-v2.html").path
        let output = folder.appendingPathComponent("report.pdf").path
        let missing = try run(
            Self.binary,
            ["diff", "--format", "pdf", "--browser", "/nonexistent/chromium", "--output", output, old, new])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("rendering needs Chromium"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
        let noOutput = try run(Self.binary, ["diff", "--format", "pdf", old, new])
        #expect(noOutput.status == 2 && noOutput.stderr.contains("--output"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func pdfIsPrintedThroughChromium() throws {
        let folder = try ExtractCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = "Tests/CharterReportTests/Fixtures/"
        let output = folder.appendingPathComponent("report.pdf").path
        let result = try run(
            Self.binary,
            [
                "diff", "--format", "pdf", "--output", output,
                TestPaths.packageRoot.appendingPathComponent(samples + "portal-v1.html").path,
                TestPaths.packageRoot.appendingPathComponent(samples + "portal-v2.html").path,
            ], timeout: 120)
        #expect(result.status == 3, "\(result.stderr)")
        let pdf = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        #expect(pdf.count > 10_000)
    }
}
