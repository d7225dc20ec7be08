import CharterModel
import CharterTestSupport
import CharterTranslation
import Foundation
import Testing

/// Issue 18, defect 7: the published table's own words (title, column headers, category
/// headings) are units of the file, so a language charter has no words for gets them
/// from its translator; charter's own words pre-fill them where it has some.
struct FragmentUnitTests {
    typealias F = TranslatorFixtures

    @Test func theTablesWordsAreUnitsTranslatorsFillIn() throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Italian: charter has table words for fr, en and de only.
        let export = try F.charter(["xliff", "export", "--source", "fr", "--target", "it", "fr=\(F.frV1)"])
        #expect(export.status == 0, "\(export.stderr)")
        var file = try XLIFFFormat.read(Array(export.stdout.utf8))
        let words = file.units.filter(FragmentUnits.isFragment)
        #expect(words.map(\.id).contains("fragment.table.title"))
        #expect(words.allSatisfy { $0.target == nil }, "no Italian words of charter's own")
        for index in file.units.indices where file.units[index].translatable {
            file.units[index].target = "IT " + file.units[index].source
            file.units[index].state = .translated
        }
        let translated = try F.write(try XLIFFFormat.write(file), "it.xlf", in: folder)
        let html = folder.appendingPathComponent("it.html").path
        let imported = try F.charter(["xliff", "import", "--html", html, translated.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let table = try String(contentsOfFile: html, encoding: .utf8)
        let title = try #require(words.first { $0.id == "fragment.table.title" }?.source)
        #expect(table.contains("IT " + title), "the translator's title is published")

        // German has charter's words: pre-filled, translated.
        let german = try F.charter(["xliff", "export", "--source", "fr", "--target", "de", "fr=\(F.frV1)", "de=\(F.de)", "--previous", F.frV1])
        let de = try XLIFFFormat.read(Array(german.stdout.utf8)).units.filter(FragmentUnits.isFragment)
        #expect(de.first { $0.id == "fragment.table.header.retention" }?.state == .translated)
    }
}
