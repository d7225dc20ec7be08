import CharterDiff
import CharterExtract
import CharterHTML
import CharterLocales
import CharterModel
import CharterReport
import CharterTestSupport
import Foundation
import Testing

/// Golden files for every diff format, and hostile charters that must come out escaped.
struct DiffReportTests {
    static func charter(_ fixture: String) throws -> Charter {
        let url = TestPaths.fixture(fixture, in: "CharterReportTests")
        return try CharterExtractor().extract(ExtractionInput(bytes: [UInt8](Data(contentsOf: url)), name: fixture))
    }

    /// The injected clock and versions every report golden is made with.
    static let identity = ReportIdentity(charterVersion: "1.0.0", rulesVersion: "2026.12.1", generatedAt: Date(timeIntervalSince1970: 1_796_601_600))

    static func diff(_ old: String, _ new: String, language: String = "en") throws -> (VersionDiffResult, ReportStrings) {
        let differ = CharterDiffer(reportLanguage: language)
        var diff = differ.diff(try charter(old), try charter(new))
        diff.report = identity
        return (diff, differ.strings)
    }

    /// Compares with `Golden/<name>`; `RECORD_GOLDENS=1` rewrites the file and fails.
    func assertGolden(_ rendered: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try Data(rendered.utf8).write(to: url)
            Issue.record("recorded \(name); run again without RECORD_GOLDENS", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(rendered == expected, "\(name) differs from its golden file", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["en", "fr"])
    func textReport(_ language: String) throws {
        let (diff, strings) = try Self.diff("portal-v1.html", "portal-v2.html", language: language)
        try assertGolden(DiffTextRenderer(strings: strings, colors: false).render(diff), "diff-\(language).txt")
    }

    @Test func coloursOnlyWhenAsked() throws {
        let (diff, strings) = try Self.diff("portal-v1.html", "portal-v2.html")
        #expect(!DiffTextRenderer(strings: strings, colors: false).render(diff).contains("\u{1B}["))
        #expect(DiffTextRenderer(strings: strings, colors: true).render(diff).contains("\u{1B}[1;31m"))
    }

    @Test(arguments: ["en", "fr"])
    func jsonReport(_ language: String) throws {
        let (diff, _) = try Self.diff("portal-v1.html", "portal-v2.html", language: language)
        let json = DiffJSONRenderer.render(diff)
        try assertGolden(json, "diff-\(language).json")
        let schema = try JSONValue.parse(
            Data(contentsOf: TestPaths.packageRoot.appendingPathComponent("Sources/CharterDiff/Schemas/diff-v1.schema.json")))
        #expect(JSONSchemaCheck.problems(try JSONValue.parse(Data(json.utf8)), schema: schema) == [])
    }

    /// The JSON report is written by charter's own writer: byte for byte what Foundation's
    /// encoder writes from the `Codable` model, for every kind of change and content.
    @Test(arguments: [("portal-v1.html", "portal-v2.html"), ("hostile-v1.html", "hostile-v2.html"), ("hostile-v2.html", "portal-v1.html")])
    func jsonReportIsWhatFoundationWouldWrite(_ old: String, _ new: String) throws {
        let (diff, _) = try Self.diff(old, new)
        let foundation = String(decoding: try CharterJSON.encoder(pretty: true).encode(diff), as: UTF8.self) + "\n"
        #expect(DiffJSONRenderer.render(diff) == foundation)
    }

    @Test(arguments: ["en", "fr"])
    func markdownReport(_ language: String) throws {
        let (diff, strings) = try Self.diff("portal-v1.html", "portal-v2.html", language: language)
        try assertGolden(DiffMarkdownRenderer(strings: strings).render(diff), "diff-\(language).md")
    }

    @Test(arguments: ["en", "fr"])
    func htmlReport(_ language: String) throws {
        let (diff, strings) = try Self.diff("portal-v1.html", "portal-v2.html", language: language)
        try assertGolden(DiffHTMLRenderer(strings: strings).render(diff), "diff-\(language).html")
    }

    @Test func theVerdictAndItsReasonsComeFirst() throws {
        let (diff, strings) = try Self.diff("portal-v1.html", "portal-v2.html")
        #expect(diff.verdict == .reconsent)
        let html = DiffHTMLRenderer(strings: strings).render(diff)
        let verdict = try #require(html.range(of: "Re-consent required"))
        let table = try #require(html.range(of: "<table class=\"changes\""))
        #expect(verdict.lowerBound < table.lowerBound)
        #expect(html.contains("<del>") && html.contains("<ins>"))
        #expect(!html.contains("<link") && !html.contains("<script"))
    }

    @Test func hostileCharterIsEscapedInEveryFormat() throws {
        let (diff, strings) = try Self.diff("hostile-v1.html", "hostile-v2.html")
        #expect(diff.changes.contains { $0.cookie == "<script>alert(2)</script>" })
        let html = DiffHTMLRenderer(strings: strings).render(diff)
        for needle in ["<script", "<img", "<iframe"] {
            #expect(!html.lowercased().contains(needle), "HTML report contains \(needle)")
        }
        // Parsed back, the report has no element or attribute the charter wrote.
        let document = try HTMLParser.parse(Array(html.utf8), options: .keepScriptText)
        let elements = Set(document.nodes.filter { $0.kind == .element }.map(\.name))
        #expect(elements.isDisjoint(with: ["script", "img", "iframe"]))
        let attributes = document.nodes.flatMap(\.attributes).map(\.name)
        #expect(!attributes.contains { $0.hasPrefix("on") })
        #expect(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"))
        // A literal "&lt;b&gt;" in the page shows as written, not as a tag.
        #expect(html.contains("&amp;lt;b&amp;gt;"))
        let markdown = DiffMarkdownRenderer(strings: strings).render(diff)
        // Every "<" of scraped text is backslash-escaped, so Markdown shows it as text.
        let characters = Array(markdown)
        let unescaped = characters.indices.filter { index in
            characters[index] == "<" && (index == 0 || characters[index - 1] != "\\")
                && String(characters[index..<min(characters.count, index + 4)]) != "<br>"
        }
        #expect(unescaped.isEmpty)
    }

    @Test func controlCharactersNeverReachTheTerminal() throws {
        var new = try Self.charter("hostile-v1.html")
        new.cookies[0].purpose = "Counts visits \u{1B}]0;pwned\u{07}\u{1B}[2J"
        let differ = CharterDiffer()
        let text = DiffTextRenderer(strings: differ.strings, colors: false).render(differ.diff(try Self.charter("hostile-v1.html"), new))
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{07}"))
    }
}
