import CharterModel
import CharterWatch
import Testing

/// "EN" and "en" are one language, and one series in the store (issue 16, item 10).
struct LanguageSeriesTests {
    @Test func languagesDifferingOnlyInCaseAreOneSeries() throws {
        let config = try WatchConfig.load("""
            sources:
              - id: portal
                url: https://example.org/cookies
                languages: [EN, en, pt-br, ZH-HANT-tw]
            """)
        #expect(config.sources[0].languages == ["en", "pt-BR", "zh-Hant-TW"])
        #expect(LanguageTag.canonical("x-Private-TEST") == "x-private-test")
    }
}
