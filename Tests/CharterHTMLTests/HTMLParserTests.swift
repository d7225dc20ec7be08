import CharterHTML
import Testing

struct HTMLParserTests {
    @Test func textIsFoldedAndNormalized() throws {
        // nbsp, zero-width space, word joiner, soft hyphen, decomposed é, newlines.
        let html = "<p>Cookie&nbsp;de\u{200B} mesure\u{2060}\n\n d\u{00AD}’au\u{65}\u{301}dience</p>"
        let document = try HTMLParser.parse(Array(html.utf8))
        #expect(document.text(of: try #require(document.elements(named: "p").first)) == "Cookie de mesure d’auédience")
    }

    @Test func linesKeepBlockStructure() throws {
        let document = try HTMLParser.parse(Array("<td><p>a.com</p><p>b.com</p>c<br>d</td>".utf8))
        let cell = try #require(document.elements(named: "td").first)
        #expect(document.lines(of: cell) == ["a.com", "b.com", "c", "d"])
    }

    @Test func deepNestingIsParsedWithoutRecursion() throws {
        let depth = 100_000
        let html = String(repeating: "<div>", count: depth) + "<p>deep</p>" + String(repeating: "</div>", count: depth)
        let document = try HTMLParser.parse(Array(html.utf8))
        #expect(!document.nodes.isEmpty)
        // libxml2 may cap the depth; whatever it keeps is walked without a crash.
        _ = document.text(of: try #require(document.roots.first))
    }

    @Test func scriptTextIsDroppedButTheElementKept() throws {
        let document = try HTMLParser.parse(Array("<script id=\"CookieDeclaration\" src=\"x.js\">var a = '<table>';</script><p>x</p>".utf8))
        let script = try #require(document.elements(named: "script").first)
        #expect(document.text(of: script).isEmpty)
        #expect(document.elements(named: "table").isEmpty)
    }

    @Test func badInputIsATypedError() {
        #expect(throws: HTMLParseError.empty) { try HTMLParser.parse([]) }
        #expect(throws: HTMLParseError.binary) { try HTMLParser.parse([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D]) }
        #expect(throws: HTMLParseError.tooLarge(bytes: 11, limit: 10)) { try HTMLParser.parse(Array("<p>hello</p>"[...].utf8.prefix(11)), byteLimit: 10) }
        #expect(throws: HTMLParseError.invalidXPath("//[")) { try HTMLParser.parse(Array("<p>x</p>".utf8), scope: "//[") }
    }

    @Test func xpathScopeKeepsOnlyTheSelectedSubtrees() throws {
        let document = try HTMLParser.parse(Array("<div id=a><p>one</p></div><div id=b><p>two</p></div>".utf8), scope: "//div[@id='b']")
        #expect(document.elements(named: "p").map { document.text(of: $0) } == ["two"])
    }

    @Test func declaredLanguageIsRead() throws {
        #expect(try HTMLParser.parse(Array("<html lang=\"fr-FR\"><body>x</body></html>".utf8)).declaredLanguage == "fr-FR")
    }
}
