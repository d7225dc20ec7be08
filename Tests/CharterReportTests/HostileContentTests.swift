import CharterDiff
import CharterExtract
import CharterHTML
import CharterLocales
import CharterModel
import CharterReport
import CharterTestSupport
import Foundation
import Testing

/// A charter is untrusted input: markup in its cells never becomes markup in an HTML
/// output, and control sequences in its text never reach a terminal.
struct HostileContentTests {
    static func hostile() throws -> Charter {
        let url = TestPaths.fixture("hostile-v2.html", in: "CharterReportTests")
        return try CharterExtractor().extract(ExtractionInput(bytes: [UInt8](Data(contentsOf: url)), name: "hostile-v2.html"))
    }

    /// Terminal escapes of every kind: CSI (clear screen), OSC (window title, hyperlink),
    /// BEL, C1 controls, and a right-to-left override.
    static let escapes = "\u{1B}[2J\u{1B}]0;pwned\u{07}\u{1B}]8;;https://evil.example\u{1B}\\link\u{1B}]8;;\u{1B}\\\u{9B}31m\u{202E}txt.exe"

    static func hostileWithEscapes() throws -> Charter {
        var charter = try hostile()
        charter.title = "Cookies" + escapes
        charter.cookies[0].purpose = "Counts visits" + escapes
        charter.cookies[1].provider = "Google" + escapes
        charter.observed = [ObservedCookie(name: "_evil" + escapes, domain: "example.org" + escapes, lifetimeSeconds: 86_400)]
        return charter
    }

    /// No element or event attribute that the charter wrote survives in `html`.
    static func expectInert(_ html: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let document = try HTMLParser.parse(Array(html.utf8), options: .keepScriptText)
        let elements = Set(document.nodes.filter { $0.kind == .element }.map(\.name))
        #expect(elements.isDisjoint(with: ["script", "img", "iframe"]), "\(what) has markup from the charter", sourceLocation: sourceLocation)
        let attributes = document.nodes.flatMap(\.attributes).map(\.name)
        #expect(!attributes.contains { $0.hasPrefix("on") }, "\(what) has an event attribute", sourceLocation: sourceLocation)
        let values = document.nodes.flatMap(\.attributes).map { $0.value.lowercased().trimmingCharacters(in: .whitespaces) }
        #expect(!values.contains { $0.hasPrefix("javascript:") }, "\(what) has a javascript: URL", sourceLocation: sourceLocation)
    }

    static func expectTerminalSafe(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let unsafe = text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value)
        }
        #expect(unsafe.isEmpty, "\(what) lets \(unsafe.map { String($0.value, radix: 16) }) through", sourceLocation: sourceLocation)
    }

    @Test func thePublishedTableIsInert() throws {
        let html = CharterHTMLTableRenderer.render(try Self.hostile(), strings: ReportStrings(lexicons: .embedded, language: "en"))
        try Self.expectInert(html, "the published table")
        #expect(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"))
    }

    @Test func theLocaleReportIsInert() throws {
        let english = try Self.hostile()
        var french = english
        french.language = "fr"
        french.source.detectedLanguage = "fr"
        french.cookies[0].purpose = "<script>alert('fr')</script>"
        french.cookies[0].category = .marketing
        let report = LocaleAlign().align(
            [LocaleVariant(requested: "en", charter: english), LocaleVariant(requested: "fr", charter: french)], source: "en")
        #expect(!report.findings.isEmpty)
        let html = LocaleHTMLRenderer.render(report)
        try Self.expectInert(html, "the locale report")
        #expect(report.findings.contains { $0.kind == .categoryMismatch && $0.cookie == "<script>alert(2)</script>" })
        #expect(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"))
    }

    @Test func terminalOutputsFilterEscapeSequences() throws {
        let charter = try Self.hostileWithEscapes()
        Self.expectTerminalSafe(CharterTextRenderer.render(charter), "extract --format text")
        var other = charter
        other.language = "fr"
        other.source.detectedLanguage = "fr"
        other.cookies[0].purpose = "Compte les visites" + Self.escapes
        let report = LocaleAlign().align(
            [LocaleVariant(requested: "en", charter: charter), LocaleVariant(requested: "fr", charter: other)], source: "en")
        Self.expectTerminalSafe(LocaleTextRenderer.render(report), "locales --format text")
        let differ = CharterDiffer()
        let diff = differ.diff(try Self.hostile(), charter)
        Self.expectTerminalSafe(DiffTextRenderer(strings: differ.strings, colors: false).render(diff), "diff --format text")
    }
}

/// Issue 16, item 8: a charter read back from JSON (a user's file, a stored version) brings
/// its language and names as they are. Markdown and terminal output keep them text: no
/// line injected, no table broken, no control or bidirectional override passed on.
struct HostileMarkdownTests {
    static func charter() -> Charter {
        let cookie = Cookie(name: "_a|<img src=x onerror=1>\u{202E}\u{1B}[2J`x", purpose: "Counts | visits", category: .statistics)
        return Charter(
            source: CharterSource(input: "hostile.json", format: .json, sha256: "0"),
            language: "<img src=x onerror=alert(1)>|\n# pwned", title: "T", cookies: [cookie])
    }

    /// Pipes that end a cell: not preceded by a backslash.
    static func cellSeparators(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if character == "|", !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count
    }

    @Test func markdownKeepsHostileTextAsText() {
        let markdown = CharterMarkdownRenderer.render(Self.charter())
        let lines = markdown.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("# pwned") })
        let table = lines.filter { $0.hasPrefix("|") }
        #expect(table.count == 3)
        #expect(Set(table.map(Self.cellSeparators)) == [8], "\(table)")
        #expect(!markdown.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
    }

    @Test func terminalTextKeepsTheLanguageOnItsLine() {
        let text = CharterTextRenderer.render(Self.charter())
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("language:") }.count == 1)
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("# pwned") })
        #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
    }
}
