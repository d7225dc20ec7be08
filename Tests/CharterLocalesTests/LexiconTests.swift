import CharterLocales
import CharterModel
import CharterTestSupport
import Foundation
import Testing

struct LexiconTests {
    let lexicons = LexiconSet.embedded

    @Test func embeddedLexiconsMatchTheLocalesFolder() throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("Locales")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files).isSuperset(of: ["de.json", "en.json", "es.json", "fr.json", "it.json", "nl.json"]))
        #expect(lexicons.lexicons.count == files.count)
        let decoder = JSONDecoder()
        for file in files {
            let onDisk = try decoder.decode(Lexicon.self, from: Data(contentsOf: folder.appendingPathComponent(file)))
            // Run Scripts/embed-locales.sh when this fails.
            #expect(lexicons.lexicons[onDisk.language] == onDisk, "\(file) differs from the embedded copy")
        }
    }

    @Test(arguments: [
        ("13 mois", Int64(13 * 2_628_000), false), ("2 years", 2 * 31_536_000, false), ("24 heures", 86_400, false),
        ("1 year and 6 months", 31_536_000 + 6 * 2_628_000, false), ("24h", 86_400, false), ("2 Jahre", 63_072_000, false),
        ("12 months", 31_536_000, false), ("1 año", 31_536_000, false), ("30 giorni", 30 * 86_400, false),
        ("1 jaar", 31_536_000, false), ("two weeks", 2 * 604_800, false),
    ] as [(String, Int64, Bool)])
    func durationsAreRead(_ text: String, _ seconds: Int64, _ session: Bool) {
        let retention = lexicons.retention(text)
        #expect(retention.seconds == seconds)
        #expect(retention.session == session)
        #expect(retention.text == text)
    }

    @Test(arguments: ["end of session", "Session", "fin de session", "Sitzung", "sesión", "end of browsing session"])
    func sessionIsRecognised(_ text: String) {
        #expect(lexicons.retention(text).session)
        #expect(lexicons.retention(text).seconds == nil)
    }

    @Test func retentionsCompareAcrossLanguages() {
        #expect(lexicons.retention("13 mois").isEquivalent(to: lexicons.retention("13 months")))
        #expect(!lexicons.retention("13 mois").isEquivalent(to: lexicons.retention("2 years")))
    }

    @Test(arguments: [
        ("Cookie name", CookieField.name), ("Nom du cookies", .name), ("Nom du prestataire", .provider),
        ("Finalités", .purpose), ("Expiry time", .retention), ("First or Third Party", .party),
        ("Set by Bumble or Third Party", .party), ("Type of Cookie", .category), ("Speicherdauer", .retention),
        ("Company/partner name", .provider), ("Tracker name", .name), ("Durée de conservation", .retention),
        ("Service et emplacement", .service), ("Domaine", .domain), ("Naam", .name), ("Finalidad", .purpose),
    ])
    func headersMapToFields(_ header: String, _ field: CookieField) {
        #expect(lexicons.field(forHeader: header)?.field == field)
    }

    @Test(arguments: [
        ("Cookies nécessaires au bon fonctionnement / cookies fonctionnels", CookieCategory.necessary),
        ("Functional Cookies", .preferences), ("Analytical needs:", .statistics), ("Marketing Performance cookies", .marketing),
        ("Cookies de mesure d'audience", .statistics), ("Technisch notwendige Cookies", .necessary),
        ("Cookies publicitaires", .marketing), ("Cookie analitici", .statistics),
    ])
    func categoriesAreReadFromHeadings(_ heading: String, _ category: CookieCategory) {
        #expect(lexicons.category(in: heading)?.category == category)
    }

    @Test(arguments: [
        ("Les cookies sont déposés sur votre appareil et nous les utilisons pour mesurer l'audience de notre site.", "fr"),
        ("The cookies are stored on your device and we use them to measure the audience of our site.", "en"),
        ("Die Cookies werden auf Ihrem Gerät gespeichert und wir verwenden sie, um die Nutzung der Website zu messen.", "de"),
    ])
    func languageIsDetected(_ text: String, _ language: String) {
        #expect(lexicons.detectLanguage(text) == language)
    }

    @Test func aFolderAddsALanguage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-locales-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let polish = """
            {"language": "pl", "name": "Polski", "headers": {"name": ["nazwa"], "retention": ["okres przechowywania"]},
             "categories": {"statistics": ["analityczne"]}, "parties": {},
             "durations": {"units": {"year": ["lata", "rok"]}, "session": ["sesja"], "numbers": {}}, "stopwords": ["i", "w"]}
            """
        try Data(polish.utf8).write(to: folder.appendingPathComponent("pl.json"))
        let merged = try LexiconSet.loading(overrides: folder)
        #expect(merged.lexicons["pl"]?.name == "Polski")
        #expect(merged.field(forHeader: "Okres przechowywania")?.field == .retention)
        #expect(merged.retention("2 lata").seconds == 63_072_000)
    }

    @Test func anInvalidLexiconIsAClearError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-locales-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{\"language\": 1}".utf8).write(to: folder.appendingPathComponent("xx.json"))
        #expect(throws: LocaleError.self) { try LexiconSet.loading(overrides: folder) }
    }
}

/// Inputs the fuzzers found crashing charter, kept so that they never do again.
struct FuzzRegressionTests {
    /// FuzzHTML, 2026-11-29: a duration past Int64 trapped on overflow.
    @Test(arguments: ["666666666666666666666666666 minutes", "9223372036854775807 years", "300000000000 years 300000000000 years"])
    func aDurationPastInt64StatesNoSeconds(_ text: String) {
        let retention = LexiconSet.embedded.retention(text)
        #expect(retention.seconds == nil)
        #expect(retention.text == text)
    }
}

struct ReportStringsFormatTests {
    @Test func placeholdersAreFilledOnceAndValuesAreNotReadAsTemplates() {
        let strings = ReportStrings(lexicons: .embedded, language: "en")
        let message = strings.format("message.field", ["cookie": "{field}", "field": "purpose", "old": "a", "new": "{old}"])
        #expect(message.contains("{field}"))
        #expect(message.contains("{old}"))
        #expect(message.contains("purpose"))
    }
}

/// Issue 16, item 10: a sign is text, not a longer lifetime.
struct NegativeRetentionTests {
    @Test(arguments: ["-5 years", "−5 Jahre", "(-13 mois)"])
    func aNegativeLifetimeStatesNoSeconds(_ text: String) {
        #expect(LexiconSet.embedded.retention(text).seconds == nil)
    }

    @Test(arguments: ["1-2 years", "13 mois", "2 - 3 ans"])
    func rangesAndPlainLifetimesAreRead(_ text: String) {
        #expect(LexiconSet.embedded.retention(text).seconds != nil)
    }
}
