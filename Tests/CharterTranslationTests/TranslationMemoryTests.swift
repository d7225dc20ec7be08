import CharterModel
import CharterTestSupport
import CharterTranslation
import Foundation
import Testing

/// Earlier translations pre-fill an export by exact source text (`--memory`), and
/// `charter tm export` writes the aligned pairs as TMX 1.4b.
struct TranslationMemoryTests {
    typealias F = TranslatorFixtures

    /// v2 exported with no German page at all: the German file of v1 fills every text
    /// whose source did not change, `translated`; changed and new texts stay empty; the
    /// fuzzy v1 target is not used.
    @Test(arguments: ["xliff", "po"])
    func anEarlierFilePreFillsTheUnchangedTexts(_ format: String) throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let v1 = try F.charter([
            format, "export", "--source", "fr", "--target", "de", "fr=\(F.frV1)", "de=\(F.de)", "--previous", F.frV1,
        ])
        let memory = try F.write(v1.stdout, "de-v1.\(format)", in: folder)
        let v2 = try F.charter([
            format, "export", "--source", "fr", "--target", "de", "fr=\(F.frV2)", "--memory", memory.path,
        ])
        #expect(v2.status == 0, "\(v2.stderr)")
        let units = try F.read(v2.stdout, format: format).units.filter { $0.translatable && !FragmentUnits.isFragment($0) }
        for unit in units {
            switch unit.source {
            case F.insertedParagraph, F.editedIntro, F.newCsrf, "Se souvenir de la langue du visiteur.":
                #expect(unit.target == nil, "\(unit.id)")
            default:
                #expect(unit.state == .translated, "\(unit.id)")
                #expect(unit.notes.contains { $0.hasPrefix("pre-filled from translation memory (de-v1.\(format))") })
            }
        }
        #expect(units.first { $0.source == F.sharedPurpose }?.target == "Die Reichweite des Portals messen.")
    }

    @Test func aMemoryInAnotherLanguageIsRefused() throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let en = try F.charter(["po", "export", "--source", "fr", "--target", "en", "fr=\(F.frV1)", "en=\(F.en)"])
        let memory = try F.write(en.stdout, "en.po", in: folder)
        let export = try F.charter([
            "po", "export", "--source", "fr", "--target", "de", "fr=\(F.frV2)", "--memory", memory.path,
        ])
        #expect(export.status == 2)
        #expect(export.stderr.contains("translate fr → en, not fr → de"))
    }

    @Test func tmExportWritesTMXOfTheAlignedPairs() throws {
        let export = try F.charter(["tm", "export", "--source", "fr", "--target", "de", "fr=\(F.frV1)", "de=\(F.de)"])
        #expect(export.status == 0, "\(export.stderr)")
        try expectGolden(export.stdout, "fr-de.tmx")
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try F.write(export.stdout, "fr-de.tmx", in: folder)
        try FileChecks.expectWellFormedXML(file)
        // translate-toolkit's TMX reader (what Weblate and Virtaal use) finds every pair.
        let script = """
            import sys
            from translate.storage import tmx
            with open(sys.argv[1], 'rb') as handle:
                store = tmx.tmxfile.parsestring(handle.read())
            for unit in store.units:
                print(unit.source + ' => ' + unit.target)
            """
        guard let read = try F.python(script, [file.path]) else { return }
        #expect(read.status == 0, "\(read.stderr)")
        let lines = read.stdout.split(separator: "\n")
        #expect(lines.contains("Mesurer l'audience du portail. => Die Reichweite des Portals messen."))
        #expect(lines.contains("Charte cookies => Cookie-Richtlinie"))
        // The untranslated purpose (French on the German page) is not a pair.
        #expect(!lines.contains { $0.hasPrefix("Se souvenir de la langue du visiteur.") })
    }

    /// v2 of the French page against the German page of v1: the edited purpose's old
    /// German text is not a translation of the new French one, and is left out.
    @Test func aStalePairIsNotInTheMemory() throws {
        let export = try F.charter([
            "tm", "export", "--source", "fr", "--target", "de", "fr=\(F.frV1)", "de=\(F.de)", "fr=\(F.frV2)",
            "de=\(F.de)",
        ])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("<seg>\(F.oldCsrf)</seg>"))
        #expect(!export.stdout.contains("<seg>\(F.newCsrf)</seg>"))
        #expect(!export.stdout.contains("<seg>\(F.editedIntro)</seg>"))
    }
}
