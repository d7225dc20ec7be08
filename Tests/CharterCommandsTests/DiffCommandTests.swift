import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// `charter diff` end to end: exit codes 0 / 1 / 3 / 2, inputs and outputs.
struct DiffCommandTests {
    static let binary = TestPaths.charterBinary
    static let seedPage = TestPaths.fixture("opendatasoft-portal-fr.html", in: "CharterExtractTests")

    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    @Test func sameContentInOtherMarkupIsNoChange() throws {
        let folder = try ExtractCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: Self.seedPage, encoding: .utf8)
        let restyled = original.replacingOccurrences(of: "<td>", with: "<td class=\"c\">\n  <span>")
            .replacingOccurrences(of: "</td>", with: "</span>\n</td>")
            .replacingOccurrences(of: "<tbody>", with: "").replacingOccurrences(of: "</tbody>", with: "")
        let result = try run(Self.binary, ["diff", Self.seedPage.path, try Self.write(restyled, "restyled.html", in: folder)])
        #expect(result.status == 0)
        #expect(result.stdout.contains("No change"))
    }

    @Test func seedWithOneStatisticsCookieAddedNeedsReconsent() throws {
        let folder = try ExtractCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: Self.seedPage, encoding: .utf8)
        let statistics = """
            </table>
            <h4>Cookies de mesure d'audience</h4>
            <table><tr><th>Nom du prestataire</th><th>Nom du cookies</th><th>Finalités</th></tr>
            <tr><td>Opendatasoft</td><td>_pk_id</td><td>Mesurer l'audience de la plateforme</td></tr></table>
            """
        let changed = original.replacingOccurrences(of: "</table>", with: statistics)
        let result = try run(Self.binary, ["diff", "--format", "json", Self.seedPage.path, try Self.write(changed, "v2.html", in: folder)])
        #expect(result.status == 3)
        let json = try JSONValue.parse(Data(result.stdout.utf8))
        #expect(json["verdict"] == .string("reconsent"))
    }

    @Test func changesWithoutReconsentExitOne() throws {
        let folder = try ExtractCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: Self.seedPage, encoding: .utf8)
        let removed = original.replacingOccurrences(
            of: "<tr><td>Opendatasoft</td><td>API (CSRF) (front et back office)</td><td>csrftoken</td><td>Récupérer des données via des appels API</td></tr>",
            with: "")
        let result = try run(Self.binary, ["diff", "--format", "markdown", Self.seedPage.path, try Self.write(removed, "v2.html", in: folder)])
        #expect(result.status == 1)
        #expect(result.stdout.contains("RC-COOKIE-REMOVED"))
    }

    @Test func aSideWithoutACookieTableIsAnError() throws {
        let result = try run(Self.binary, [
            "diff", Self.seedPage.path, TestPaths.fixture("not-cookie-tables.html", in: "CharterExtractTests").path,
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no cookie table in NEW"))
        #expect(result.stdout.isEmpty)
    }

    @Test func extractedJSONIsAcceptedAndReportsAreWrittenToAFile() throws {
        let folder = try ExtractCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let extracted = try run(Self.binary, ["extract", TestPaths.fixture("portal-v1.html", in: "CharterReportTests").path])
        let old = try Self.write(extracted.stdout, "v1.json", in: folder)
        let report = folder.appendingPathComponent("report.html").path
        let result = try run(Self.binary, [
            "diff", "--format", "html", "--report-lang", "fr", "--output", report, old,
            TestPaths.fixture("portal-v2.html", in: "CharterReportTests").path,
        ])
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("Nouveau consentement requis"))
        #expect(html.contains("lang=\"fr\""))
    }

    @Test func strictProfileCountsReviewAsReconsent() throws {
        let folder = try ExtractCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: Self.seedPage, encoding: .utf8)
        let reworded = original.replacingOccurrences(of: "Se souvenir de la langue du visiteur", with: "Conserver la région choisie")
        let new = try Self.write(reworded, "v2.html", in: folder)
        #expect(try run(Self.binary, ["diff", Self.seedPage.path, new]).status == 1)
        #expect(try run(Self.binary, ["diff", "--profile", "strict", Self.seedPage.path, new]).status == 3)
    }

    @Test func coloursAreOffWhenNotATerminal() throws {
        let result = try run(Self.binary, [
            "diff", TestPaths.fixture("portal-v1.html", in: "CharterReportTests").path,
            TestPaths.fixture("portal-v2.html", in: "CharterReportTests").path,
        ])
        #expect(!result.stdout.contains("\u{1B}["))
    }
}
