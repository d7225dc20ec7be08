import CharterDiff
import CharterExtract
import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// Issue 18, defects 5 and 6: prose compared per section, and the right page blamed.
///
/// `charter locales` compares the prose paragraph by paragraph, per section, and blames the
/// page that holds a text in the wrong language. Fixtures: a French source (and its
/// previous version), an English and a German variant.
struct LocaleParagraphTests {
    static func charter(_ name: String) throws -> Charter {
        try LocaleAlignTests.charter("translators/policy-\(name).html")
    }

    static func report(previous: [String: String] = [:]) throws -> LocaleReport {
        LocaleAlign().align(
            [
                LocaleVariant(requested: "fr", charter: try charter("fr")),
                LocaleVariant(requested: "en", charter: try charter("en")),
                LocaleVariant(requested: "de", charter: try charter("de")),
            ],
            previous: try previous.mapValues(charter))
    }

    static func prose(_ sections: [(String, [String])], language: String) -> Charter {
        Charter(
            source: CharterSource(input: "\(language).html", format: .html, detectedLanguage: language, sha256: "0"),
            language: language, sections: sections.map { Section(level: 2, heading: $0.0, paragraphs: $0.1) })
    }

    static let added = "Depuis le 1er mars 2026, nous mesurons aussi l'audience du site avec Matomo, hébergé en France."

    /// Defect 6: a paragraph added to the source is reported, in its section, for every
    /// variant that lacks it.
    @Test(arguments: ["en", "de"])
    func aParagraphAddedToTheSourceIsReported(_ language: String) throws {
        let report = try Self.report()
        let added = report.findings.filter { $0.kind == .paragraphAdded && $0.language == language }
        #expect(added.count == 1)
        #expect(added.first?.section == "Qu'est-ce qu'un cookie ?")
        #expect(added.first?.source == Self.added)
        #expect(added.first?.target == nil)
        // The paragraph both pages have is not the one reported.
        #expect(
            !report.findings.contains { $0.kind == .paragraphAdded && $0.source?.hasPrefix("Un cookie est") == true })
    }

    /// With the source's previous version, the paragraph new since then is the one left
    /// out, wherever it sits, even when nothing else in the texts can pair them.
    @Test func theNewParagraphIsTheOneReportedWhereverItIs() {
        let before = Self.prose([("Vos données", ["Premier texte.", "Second texte."])], language: "fr")
        let now = Self.prose(
            [("Vos données", ["Texte ajouté en tête.", "Premier texte.", "Second texte."])], language: "fr")
        let english = Self.prose([("Your data", ["First text.", "Second text."])], language: "en")
        let report = LocaleAlign().align(
            [LocaleVariant(requested: "fr", charter: now), LocaleVariant(requested: "en", charter: english)],
            previous: ["fr": before])
        let added = report.findings.filter { $0.kind == .paragraphAdded }
        #expect(added.map(\.source) == ["Texte ajouté en tête."])
        #expect(added.first?.message.contains("added to “Vos données” in fr") == true)
        #expect(!report.findings.contains { $0.kind == .paragraphChanged })
    }

    /// A paragraph edited in the source since its previous version: stale in a variant
    /// whose previous version is the same as now, a check to make in one without it.
    @Test func aChangedParagraphIsStaleWhereTheVariantDidNotFollow() throws {
        let report = try Self.report(previous: ["fr": "fr-v1", "de": "de"])
        let changed = report.findings.filter { $0.kind == .paragraphChanged }
        #expect(Set(changed.map(\.language)) == ["en", "de"])
        let german = try #require(changed.first { $0.language == "de" })
        #expect(german.section == "Durée de conservation")
        #expect(german.message == "a paragraph of “Durée de conservation” changed in fr but not in de")
        #expect(german.target == "Cookies zur Reichweitenmessung werden höchstens 13 Monate lang gespeichert.")
        #expect(changed.first { $0.language == "en" }?.message.contains("--previous en=") == true)
        // The paragraph added since v1 is called so.
        #expect(
            report.findings.contains {
                $0.kind == .paragraphAdded && $0.language == "de" && $0.message.contains("added to")
            })
    }

    @Test func aParagraphOnlyTheVariantHasIsReportedRemoved() throws {
        var english = try Self.charter("en")
        let index = try #require(english.sections.firstIndex { $0.heading == "Your choices" })
        english.sections[index].paragraphs.append(
            "Our partners may also set cookies on the pages that embed their videos.")
        let report = LocaleAlign().align([
            LocaleVariant(requested: "fr", charter: try Self.charter("fr")),
            LocaleVariant(requested: "en", charter: english),
        ])
        let removed = report.findings.filter { $0.kind == .paragraphRemoved }
        #expect(removed.map(\.target) == ["Our partners may also set cookies on the pages that embed their videos."])
        #expect(removed.first?.section == "Vos choix")
        #expect(report.completeness.first { $0.language == "en" }?.paragraphs.extra == 1)
    }

    /// Languages split text differently: a French paragraph given as two German ones is
    /// no paragraph missing or extra.
    @Test func aParagraphSplitInTwoIsNotReported() throws {
        var german = try Self.charter("de")
        let index = try #require(german.sections.firstIndex { $0.heading == "Ihre Wahlmöglichkeiten" })
        german.sections[index].paragraphs = [
            "Sie können Ihre Einwilligung jederzeit widerrufen.",
            "Nutzen Sie dazu den Link „Cookies verwalten“ unten auf jeder Seite.",
            german.sections[index].paragraphs[1],
        ]
        let report = LocaleAlign().align([
            LocaleVariant(requested: "fr", charter: try Self.charter("fr")),
            LocaleVariant(requested: "de", charter: german),
        ])
        let paragraphs = report.findings.filter { [.paragraphAdded, .paragraphRemoved].contains($0.kind) }
        #expect(paragraphs.allSatisfy { $0.section != "Vos choix" }, "\(paragraphs.map(\.message))")
    }

    /// Defect 5: the French variant is at fault, not the English one.
    ///
    /// The French page holds an English sentence that the English page has too.
    @Test func theSideHoldingTheWrongLanguageIsBlamed() throws {
        let report = try Self.report()
        let sentence =
            "You can also block cookies in the settings of your browser, but some parts of the site may then stop working."
        let blamed = report.findings.filter { $0.target == sentence || $0.source == sentence }
        #expect(blamed.count == 1)
        #expect(blamed.first?.kind == .wrongLanguage)
        #expect(blamed.first?.language == "fr")
        #expect(blamed.first?.section == "Vos choix")
        #expect(blamed.first?.message == "the fr page has a paragraph of “Vos choix” in en")
        #expect(!report.findings.contains { $0.language == "en" && $0.kind == .untranslated })
    }

    @Test func aCookieFieldInTheVariantsLanguageOnTheSourcePageIsTheSourcesFault() throws {
        var french = try Self.charter("fr")
        let english = try Self.charter("en")
        french.cookies[0].purpose = english.cookies[0].purpose
        let report = LocaleAlign().align([
            LocaleVariant(requested: "fr", charter: french), LocaleVariant(requested: "en", charter: english),
        ])
        let finding = try #require(report.findings.first { $0.cookie == "sessionid" })
        #expect(finding.kind == .wrongLanguage)
        #expect(finding.language == "fr")
        #expect(finding.message == "sessionid: the purpose on the fr page is in en")
    }

    /// A French text left in the German page stays the German page's finding.
    @Test func sourceTextInTheVariantIsStillUntranslated() throws {
        let report = try Self.report()
        let finding = try #require(report.findings.first { $0.cookie == "csrftoken" })
        #expect(finding.kind == .untranslated)
        #expect(finding.language == "de")
    }

    /// The matrix rows: the source's totals, and what each variant carries of them.
    @Test func completenessCountsCookiesAndParagraphs() throws {
        let report = try Self.report(previous: ["fr": "fr-v1", "de": "de"])
        let rows = Dictionary(uniqueKeysWithValues: report.completeness.map { ($0.language, $0) })
        #expect(report.completeness.map(\.language) == ["fr", "en", "de"])
        #expect(rows["fr"]?.role == .source)
        #expect(rows["fr"]?.paragraphs.untranslated == 1)  // the English sentence
        let german = try #require(rows["de"])
        #expect(german.cookies.total == 4)
        let cookies: [Int] = [
            german.cookies.translated, german.cookies.stale, german.cookies.untranslated, german.cookies.missing,
        ]
        #expect(cookies == [2, 0, 1, 1])
        let paragraphs: [Int] = [german.paragraphs.translated, german.paragraphs.stale, german.paragraphs.missing]
        #expect(paragraphs == [3, 1, 1])
        #expect(german.paragraphs.total == 5)
        #expect(german.cookies.percent(german.cookies.translated) == 50)
        #expect(german.findings.critical == 1)
    }

    @Test func aPageInAnotherLanguageCountsAsUntranslated() throws {
        let report = LocaleAlign().align([
            LocaleVariant(requested: "fr", charter: try Self.charter("fr")),
            LocaleVariant(requested: "de", charter: try Self.charter("fr")),
        ])
        let german = try #require(report.completeness.last)
        #expect(german.role == .notCompared)
        #expect(german.cookies.untranslated == 4)
        #expect(german.paragraphs.translated == 0)
    }

    /// Pairing stays linear: ten times the paragraphs costs about ten times the time,
    /// not a hundred (bounded generously: the machine is shared).
    @Test func pairingLargeSectionsStaysFast() {
        func charter(_ count: Int, _ language: String, _ word: String) -> Charter {
            Self.prose([("S", (0..<count).map { "\(word) \($0 * 7 + 3) numéro \($0)" })], language: language)
        }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let report = LocaleAlign().align([
                LocaleVariant(requested: "fr", charter: charter(20_000, "fr", "paragraphe")),
                LocaleVariant(requested: "en", charter: charter(19_000, "en", "paragraph")),
            ])
            #expect(report.findings.filter { $0.kind == .paragraphAdded }.count == 1_000)
        }
        #expect(elapsed < .seconds(20))
    }
}
