import CharterDiff
import CharterExtract
import CharterHTML
import CharterLocales
import CharterModel
import CharterReport
import CharterTestSupport
import Foundation
import Testing

/// Compares with `Golden/<name>`; `RECORD_GOLDENS=1` rewrites the file and fails.
private func assertGolden(_ rendered: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
{
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
        try Data(rendered.utf8).write(to: url)
        Issue.record("recorded \(name); run again without RECORD_GOLDENS", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(rendered == expected, "\(name) differs from its golden file", sourceLocation: sourceLocation)
}

private func translatorCharter(_ name: String) throws -> Charter {
    let url = TestPaths.fixture("translators/policy-\(name).html", in: "CharterDiffTests")
    // The name without the folder: goldens do not depend on where the package sits.
    return try CharterExtractor().extract(
        ExtractionInput(bytes: [UInt8](Data(contentsOf: url)), name: "policy-\(name).html"))
}

/// Issue 18: the completeness matrix of `charter locales --format html|markdown|json`,
/// on a French source with English and German variants.
struct LocaleMatrixTests {
    static func report() throws -> LocaleReport {
        LocaleAlign().align(
            [
                LocaleVariant(requested: "fr", charter: try translatorCharter("fr")),
                LocaleVariant(requested: "en", charter: try translatorCharter("en")),
                LocaleVariant(requested: "de", charter: try translatorCharter("de")),
            ],
            previous: ["fr": try translatorCharter("fr-v1"), "de": try translatorCharter("de")])
    }

    @Test func textMatrix() throws {
        try assertGolden(LocaleTextRenderer.render(try Self.report()), "locales.txt")
    }

    @Test func markdownMatrix() throws {
        try assertGolden(LocaleMarkdownRenderer.render(try Self.report()), "locales.md")
    }

    @Test func htmlMatrix() throws {
        try assertGolden(LocaleHTMLRenderer.render(try Self.report()), "locales.html")
    }

    @Test func jsonMatrixFollowsItsSchema() throws {
        let json = try LocaleJSONRenderer.render(try Self.report())
        try assertGolden(json, "locales.json")
        let schema = try JSONValue.parse(
            Data(
                contentsOf: TestPaths.packageRoot.appendingPathComponent(
                    "Sources/CharterDiff/Schemas/locales-v1.schema.json")))
        #expect(JSONSchemaCheck.problems(try JSONValue.parse(Data(json.utf8)), schema: schema) == [])
    }

    /// The critical findings come before the matrix, and the matrix before the rest.
    @Test(arguments: ["markdown", "html"])
    func criticalFindingsComeFirst(_ format: String) throws {
        let report = try Self.report()
        let out = format == "html" ? LocaleHTMLRenderer.render(report) : LocaleMarkdownRenderer.render(report)
        let critical = try #require(out.range(of: "Critical findings"))
        let matrix = try #require(out.range(of: "Completeness"))
        let missing = try #require(out.range(of: "is in fr but not in de"))
        let functional = try #require(out.range(of: "paragraph-added"))
        #expect(critical.lowerBound < missing.lowerBound)
        #expect(missing.lowerBound < matrix.lowerBound)
        #expect(matrix.lowerBound < functional.lowerBound)
    }

    /// Page text is untrusted: a paragraph, a heading and a cookie written as markup come
    /// out as text in the matrix report.
    @Test func theMatrixReportIsInert() throws {
        var french = try translatorCharter("fr")
        french.sections[1].heading = "<img src=x onerror=alert(1)>"
        french.sections[1].paragraphs.append("<script>alert('fr')</script> & <b>gras</b>")
        french.cookies[0].name = "<iframe src=//evil>"
        let report = LocaleAlign().align([
            LocaleVariant(requested: "fr", charter: french),
            LocaleVariant(requested: "en", charter: try translatorCharter("en")),
        ])
        let html = LocaleHTMLRenderer.render(report)
        let document = try HTMLParser.parse(Array(html.utf8), options: .keepScriptText)
        let elements = Set(document.nodes.filter { $0.kind == .element }.map(\.name))
        #expect(elements.isDisjoint(with: ["script", "img", "iframe", "b"]))
        #expect(!document.nodes.flatMap(\.attributes).contains { $0.name.hasPrefix("on") })
        #expect(html.contains("&lt;script&gt;alert('fr')&lt;/script&gt; &amp; &lt;b&gt;gras&lt;/b&gt;"))
        #expect(html.contains("&lt;iframe src=//evil&gt;"))
        let json = try JSONValue.parse(Data(try LocaleJSONRenderer.render(report).utf8))
        #expect(json["source"] == .string("fr"))
    }
}

/// Issue 18, defect 7: the published fragment is in the page's language throughout:
/// title, column headers, retention from its amount and unit, and the service column.
struct PublishedFragmentTests {
    /// The French charter as an import would give it for another language: the cookies'
    /// texts still as read, the retention's amount and unit beside them; in English and
    /// German, no category heading of the page's own, so the fragment writes its own.
    static func charter(for language: String) throws -> Charter {
        var charter = try translatorCharter("fr")
        charter.language = language
        charter.cookies[2].service = "Matomo Analytics"
        if language != "fr" {
            for index in charter.cookies.indices { charter.cookies[index].categoryLabel = nil }
        }
        return charter
    }

    @Test(arguments: ["fr", "en", "de"])
    func fragment(_ language: String) throws {
        let strings = ReportStrings(lexicons: .embedded, language: language)
        try assertGolden(
            CharterHTMLTableRenderer.render(try Self.charter(for: language), strings: strings),
            "fragment-\(language).html")
    }

    @Test func theGermanTableIsGerman() throws {
        let html = CharterHTMLTableRenderer.render(
            try Self.charter(for: "de"), strings: ReportStrings(lexicons: .embedded, language: "de"))
        #expect(html.contains("13 Monate"))
        #expect(!html.contains("13 mois"))
        #expect(html.contains("1 Jahr") && html.contains("30 Minuten") && html.contains("Ende der Sitzung"))
        for header in ["Auf dieser Website verwendete Cookies", "Dienst", "Anbieter", "Zweck", "Speicherdauer"] {
            #expect(html.contains("\(header)<"), "missing \(header)")
        }
        for key in ["name", "provider", "purpose", "retention", "service"] {
            #expect(!html.contains("<th>\(key)</th>"), "raw key \(key) as a header")
        }
        #expect(html.contains("Matomo Analytics"))
        #expect(html.contains("<h3>Statistik-Cookies</h3>") && !html.contains("mesure d'audience"))
    }

    /// A language without the table's words keeps its own page's text, never French.
    @Test func aLanguageWithoutWordsKeepsItsOwnTextOrFallsBackToEnglish() throws {
        var spanish = try Self.charter(for: "es")
        let strings = ReportStrings(lexicons: .embedded, language: "es")
        #expect(!CharterHTMLTableRenderer.render(spanish, strings: strings).contains("13 mois"))
        spanish.cookies[2].retention = Retention(text: "13 meses", seconds: 34_164_000, amount: 13, unit: "month")
        #expect(
            CharterHTMLTableRenderer.retention(spanish.cookies[2].retention!, charter: spanish, strings: strings)
                == "13 meses")
    }

    @Test func singularAndPlural() throws {
        let charter = try Self.charter(for: "de")
        let strings = ReportStrings(lexicons: .embedded, language: "de")
        let one = Retention(text: "1 mois", seconds: 2_628_000, amount: 1, unit: "month")
        #expect(CharterHTMLTableRenderer.retention(one, charter: charter, strings: strings) == "1 Monat")
        let french = ReportStrings(lexicons: .embedded, language: "fr")
        var frenchCharter = charter
        frenchCharter.language = "fr"
        let years = Retention(text: "2 years", seconds: 63_072_000, amount: 2, unit: "year")
        #expect(CharterHTMLTableRenderer.retention(years, charter: frenchCharter, strings: french) == "2 ans")
    }
}
