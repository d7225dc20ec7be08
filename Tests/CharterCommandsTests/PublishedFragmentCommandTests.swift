import CharterTestSupport
import Foundation
import Testing

/// Issue 18, defect 7, end to end: `charter xliff|po import --html` publishes the German
/// table in German (title, headers, retention from its amount and unit), whatever the
/// French source's words were.
struct PublishedFragmentCommandTests {
    static func page(_ name: String) -> String {
        TestPaths.fixture("translators/policy-\(name).html", in: "CharterDiffTests").path
    }

    @Test(arguments: ["xliff", "po"])
    func theGermanFragmentIsGerman(_ format: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fragment-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(format == "po" ? "de.po" : "de.xlf")
        let export = try run(
            TestPaths.charterBinary,
            [
                format, "export", "--source", "fr", "--target", "de", "fr=\(Self.page("fr"))", "de=\(Self.page("de"))",
            ])
        #expect(export.status == 0, "\(export.stderr)")
        try Data(export.stdout.utf8).write(to: file)
        let html = folder.appendingPathComponent("de.html")
        // Exit 1: some French texts are still untranslated, and are listed; the table is written.
        let imported = try run(TestPaths.charterBinary, [format, "import", "--html", html.path, file.path])
        #expect(imported.status != 2, "\(imported.stderr)")
        let table = try String(contentsOf: html, encoding: .utf8)
        #expect(table.contains("lang=\"de\""))
        #expect(table.contains("<h2>Auf dieser Website verwendete Cookies</h2>"))
        for header in ["Cookie", "Anbieter", "Zweck", "Speicherdauer"] {
            #expect(table.contains("<th>\(header)</th>"), "no \(header) header")
        }
        #expect(table.contains("13 Monate") && table.contains("1 Jahr") && table.contains("30 Minuten"))
        #expect(!table.contains("13 mois") && !table.contains("1 an<") && !table.contains("<th>retention</th>"))
    }
}
