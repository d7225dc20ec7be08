import CharterModel
import CharterTestSupport
import CharterTranslation
import Foundation
import Testing

/// Issue 18, defect 8: identical source texts share one unit (every place listed), its
/// translation goes to every place, and translations that disagree are reported, never
/// silently resolved by the first one.
struct SharedTextTests {
    typealias F = TranslatorFixtures

    @Test(arguments: ["xliff", "po"])
    func oneUnitPerDistinctTextAndItsTranslationGoesEverywhere(_ format: String) throws {
        let export = try F.charter([
            format, "export", "--source", "fr", "--target", "de", "fr=\(F.frV1)", "de=\(F.de)", "--previous", F.frV1,
        ])
        let file = try F.read(export.stdout, format: format)
        let texts = file.units.filter { $0.translatable && !FragmentUnits.isFragment($0) }.map(\.source)
        #expect(Set(texts).count == texts.count)
        let shared = try #require(file.units.first { $0.source == F.sharedPurpose })
        #expect(shared.id.hasPrefix("shared."))
        #expect(
            shared.notes.first
                == "shared: this text appears in 3 places: purpose of cookie _pk_id; purpose of cookie _pk_ses; purpose of cookie _pk_ref"
        )
        #expect(shared.state == .translated)

        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let translated = try F.write(
            export.stdout.replacingOccurrences(of: "Die Reichweite des Portals messen.", with: "Reichweite messen."),
            "de.\(format)",
            in: folder)
        let imported = try run(TestPaths.charterBinary, [format, "import", "--accept-fuzzy", translated.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let charter = try CharterJSON.decode(Data(imported.stdout.utf8))
        #expect(
            charter.cookies.filter { $0.name.hasPrefix("_pk") }.map(\.purpose)
                == Array(repeating: "Reichweite messen.", count: 3))
    }

    /// The English page translates the shared purpose two ways: exported `initial`, both
    /// shown.
    @Test func publishedTranslationsThatDisagreeAreExportedForReview() throws {
        let export = try F.charter([
            "xliff", "export", "--source", "fr", "--target", "en", "fr=\(F.frV1)", "en=\(F.en)", "--previous", F.frV1,
        ])
        let shared = try #require(
            try F.read(export.stdout, format: "xliff").units.first { $0.source == F.sharedPurpose })
        #expect(shared.state == .initial)
        #expect(
            shared.notes.contains(
                "the published translations disagree: «Measure the portal's audience.» / «Measure the audience of the portal.»"
            ))
    }

    /// An older file with one unit per place, translated differently: reported, neither
    /// published, exit 1.
    @Test func anOlderFileThatTranslatesOneTextTwoWaysIsReported() throws {
        let export = try F.charter([
            "po", "export", "--source", "fr", "--target", "en", "fr=\(F.frV1)", "en=\(F.en)", "--previous", F.frV1,
        ])
        var file = try POFormat.read(Array(export.stdout.utf8))
        let index = try #require(file.units.firstIndex { $0.source == F.sharedPurpose })
        file.units[index] = TranslationUnit(
            id: "cookie._pk_id.purpose", context: "purpose of cookie _pk_id", source: F.sharedPurpose,
            target: "Audience.", state: .translated)
        file.units.insert(
            TranslationUnit(
                id: "cookie._pk_ref.purpose", context: "purpose of cookie _pk_ref", source: F.sharedPurpose,
                target: "Measure it.",
                state: .translated), at: index + 1)
        let result = TranslationUnits.apply(file, input: "en.po")
        #expect(
            result.disagreements == [
                "«Mesurer l'audience du portail.»: cookie._pk_id.purpose «Audience.» / cookie._pk_ref.purpose «Measure it.»: translated differently, neither published"
            ])
        #expect(result.charter.cookies.filter { $0.name.hasPrefix("_pk") }.allSatisfy { $0.purpose == F.sharedPurpose })
        #expect(!result.isClean && !result.refused)

        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let po = try F.write(POFormat.write(file), "en.po", in: folder)
        let imported = try run(TestPaths.charterBinary, ["po", "import", po.path])
        #expect(imported.status == 1)
        #expect(imported.stderr.contains("disagreement: «Mesurer l'audience du portail.»"))
    }
}
