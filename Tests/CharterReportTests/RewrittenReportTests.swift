import CharterDiff
import CharterModel
import CharterReport
import CharterTestSupport
import Foundation
import Testing

/// A section or a purpose changed past `WordDiff.changeLimit` is shown whole, and every
/// format says so in one sentence; an ordinary edit says nothing of the kind.
struct RewrittenReportTests {
    /// `count` distinct words: two texts made from different seeds share none.
    static func text(_ count: Int, _ seed: String) -> String {
        (0..<count).map { "\(seed)\($0)" }.joined(separator: " ")
    }

    static func charter(purpose: String, paragraphs: [String]) -> Charter {
        Charter(
            source: CharterSource(input: "test", format: .html, sha256: "0"), language: "en",
            sections: [Section(level: 2, heading: "How we use cookies", paragraphs: paragraphs)],
            cookies: [Cookie(name: "_ga", provider: "Google", purpose: purpose, category: .statistics, party: .third)])
    }

    static func rewrittenDiff(language: String = "en") -> (VersionDiffResult, CharterDiffer) {
        let old = charter(purpose: text(800, "p"), paragraphs: ["We use cookies.", text(1_200, "a")])
        let new = charter(purpose: text(800, "q"), paragraphs: ["We use cookies.", text(1_200, "b")])
        let differ = CharterDiffer(reportLanguage: language)
        return (differ.diff(old, new), differ)
    }

    static let english =
        "Rewritten: shown whole, too many changes to compare word by word (over 1,000 words changed in one passage)."

    @Test func everyFormatSaysTheSectionWasShownWhole() throws {
        let (diff, differ) = Self.rewrittenDiff()
        #expect(diff.prose.map(\.rewritten) == [true])
        let text = DiffTextRenderer(strings: differ.strings, colors: false).render(diff)
        #expect(text.contains("      " + Self.english + "\n"))
        let markdown = DiffMarkdownRenderer(strings: differ.strings).render(diff)
        #expect(markdown.contains("_" + Self.english + "_\n"))
        let html = DiffHTMLRenderer(strings: differ.strings).render(diff)
        // Once under the section's redline, once under the purpose's.
        #expect(html.components(separatedBy: "<p class=\"explanation rewritten\">" + Self.english + "</p>").count == 3)
    }

    @Test func theJSONReportCarriesTheFlagAndKeepsToItsSchema() throws {
        let (diff, _) = Self.rewrittenDiff()
        let json = DiffJSONRenderer.render(diff)
        let value = try JSONValue.parse(Data(json.utf8))
        let schema = try JSONValue.parse(
            Data(
                contentsOf: TestPaths.packageRoot.appendingPathComponent(
                    "Sources/CharterDiff/Schemas/diff-v1.schema.json")))
        #expect(JSONSchemaCheck.problems(value, schema: schema) == [])
        #expect(json.contains("\"rewritten\" : true"))
        let foundation = String(decoding: try CharterJSON.encoder(pretty: true).encode(diff), as: UTF8.self) + "\n"
        #expect(json == foundation)
    }

    @Test func theSentenceComesInTheReadersLanguage() {
        let (diff, differ) = Self.rewrittenDiff(language: "fr")
        let text = DiffTextRenderer(strings: differ.strings, colors: false).render(diff)
        #expect(text.contains("Réécrit : montré en entier"))
        #expect(text.contains("plus de 1\u{202F}000 mots"))
    }

    @Test func anOrdinaryEditSaysNothingOfTheKind() {
        let old = Self.charter(purpose: "Measures audience.", paragraphs: ["We use cookies.", "They last a year."])
        let new = Self.charter(
            purpose: "Measures the audience.", paragraphs: ["We use cookies.", "They last two years."])
        let differ = CharterDiffer()
        let diff = differ.diff(old, new)
        #expect(diff.prose.map(\.rewritten) == [false])
        for report in [
            DiffTextRenderer(strings: differ.strings, colors: false).render(diff),
            DiffMarkdownRenderer(strings: differ.strings).render(diff),
            DiffHTMLRenderer(strings: differ.strings).render(diff),
        ] {
            #expect(!report.contains("Rewritten"))
        }
    }
}
