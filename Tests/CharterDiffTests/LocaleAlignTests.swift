import CharterDiff
import CharterExtract
import CharterModel
import CharterTestSupport
import Foundation
import Testing

struct LocaleAlignTests {
    static func charter(_ fixture: String, requested: String? = nil) throws -> Charter {
        let url = TestPaths.fixture(fixture, in: "CharterDiffTests")
        return try CharterExtractor().extract(
            ExtractionInput(bytes: [UInt8](Data(contentsOf: url)), name: fixture, requestedLanguage: requested))
    }

    @Test func plantedDisagreementsAreFound() throws {
        let report = LocaleAlign().align([
            LocaleVariant(requested: "fr", charter: try Self.charter("locale-fr.html")),
            LocaleVariant(requested: "en", charter: try Self.charter("locale-en.html")),
        ])
        let kinds = Set(report.findings.map { "\($0.kind.rawValue):\($0.cookie ?? "")" })
        #expect(kinds.contains("missing:csrftoken"))
        #expect(kinds.contains("untranslated:django_language"))
        #expect(kinds.contains("category-mismatch:_pk_id"))
        #expect(kinds.contains("retention-mismatch:_pk_id"))
        // "1 an" and "12 months" are the same duration: no finding.
        #expect(!kinds.contains("retention-mismatch:django_language"))
        #expect(report.findings.first { $0.kind == .categoryMismatch }?.severity == .critical)
        #expect(report.findings.first { $0.kind == .untranslated }?.severity == .functional)
    }

    @Test func aVariantInAnotherLanguageIsAFallbackAndNotCompared() throws {
        let report = LocaleAlign().align([
            LocaleVariant(requested: "fr", charter: try Self.charter("locale-fr.html")),
            LocaleVariant(requested: "de", charter: try Self.charter("locale-fr.html")),
        ])
        #expect(report.findings.map(\.kind) == [.servedLanguageMismatch])
        #expect(report.variants[1].fallback)
        #expect(report.variants[1].detected == "fr")
    }

    @Test func identicalVariantsAreAligned() throws {
        let fr = try Self.charter("locale-fr.html")
        let report = LocaleAlign().align([LocaleVariant(requested: "fr", charter: fr)])
        #expect(report.isAligned)
    }

    @Test func aTargetUnchangedWhileItsSourceChangedIsStale() throws {
        let sourceNow = try Self.charter("locale-fr.html")
        var sourceBefore = sourceNow
        sourceBefore.cookies[0].purpose = "Reconnaître l'utilisateur."
        let target = try Self.charter("locale-en.html")
        let report = LocaleAlign().align(
            [LocaleVariant(requested: "fr", charter: sourceNow), LocaleVariant(requested: "en", charter: target)],
            previous: ["fr": sourceBefore, "en": target])
        #expect(report.findings.contains { $0.kind == .stale && $0.cookie == "sessionid" && $0.field == "purpose" })
    }
}
