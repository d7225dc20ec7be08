import CharterModel
import CharterTestSupport
import CharterTranslation
import Foundation
import Testing

/// Issue 18, defects 9 (`--lang` on exports) and 10 (PO: a template, previous msgids on
/// stale entries, honest header dates).
struct POTemplateTests {
    typealias F = TranslatorFixtures

    @Test func potHasNoTargetsNoLanguageAndHonestDates() throws {
        let export = try F.charter(["po", "export", "--pot", "--source", "fr", "fr=\(F.frV2)", "--previous", F.frV1])
        #expect(export.status == 0, "\(export.stderr)")
        let pot = export.stdout
        #expect(pot.hasPrefix("# Cookie charter fr → LANGUAGE, exported by charter.\n#, fuzzy\nmsgid \"\"\n"))
        #expect(pot.contains("\"Language: \\n\""))
        #expect(pot.contains("\"POT-Creation-Date: 2026-12-01 00:00+0000\\n\""))  // SOURCE_DATE_EPOCH
        #expect(pot.contains("\"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n\""))
        #expect(!pot.contains("#|"))
        let entries = pot.components(separatedBy: "\nmsgstr ").dropFirst(2)
        #expect(!entries.isEmpty && entries.allSatisfy { $0.hasPrefix("\"\"\n") || $0 == "\"\"" })
        try expectGolden(pot, "fr-v2.pot")
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try F.write(pot, "charter.pot", in: folder)
        try FileChecks.expectValidPO(file)
        // A template is not a translation: importing it says what to do.
        let imported = try run(TestPaths.charterBinary, ["po", "import", file.path])
        #expect(imported.status == 2)
        #expect(imported.stderr.contains("a template (POT) must be given a language first"))
    }

    /// msginit makes a PO of the template, which imports once translated.
    @Test func aPOMadeFromTheTemplateWithMsginitImports() throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = try F.charter(["po", "export", "--pot", "--source", "fr", "fr=\(F.frV1)"])
        let pot = try F.write(export.stdout, "charter.pot", in: folder)
        let po = folder.appendingPathComponent("de.po")
        guard
            let msginit = try FileChecks.runTool(
                ["/usr/bin/msginit", "/usr/local/bin/msginit"],
                ["--no-translator", "-l", "de", "-i", pot.path, "-o", po.path],
                missing: "msginit is not installed (apt-get install gettext)")
        else { return }
        #expect(msginit.status == 0, "\(msginit.stderr)")
        let imported = try run(TestPaths.charterBinary, ["po", "import", po.path])
        #expect(imported.status == 1)
        let charter = try CharterJSON.decode(Data(imported.stdout.utf8))
        #expect(charter.language == "de")
        #expect(imported.stderr.contains("skipped: cookie.sessionid.purpose: no translation"))
    }

    @Test func poExportLeavesTheRevisionDateToTheTranslator() throws {
        let export = try F.charter(["po", "export", "--source", "fr", "--target", "en", "fr=\(F.frV1)", "en=\(F.en)"])
        #expect(export.stdout.contains("\"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n\""))
        #expect(export.stdout.contains("\"POT-Creation-Date: 2026-12-01 00:00+0000\\n\""))
        #expect(export.stdout.contains("\"X-Charter-Source-SHA256: "))
    }

    @Test(arguments: [["xliff", "export"], ["po", "export"], ["tm", "export"]])
    func langIsRefusedByExports(_ command: [String]) throws {
        let result = try F.charter(
            command + ["--lang", "en", "--source", "fr", "--target", "en", "fr=\(F.frV1)", "en=\(F.en)"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--lang does not apply"))
        #expect(result.stdout.isEmpty)
    }
}
