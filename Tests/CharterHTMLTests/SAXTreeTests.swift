import CharterHTML
import CharterTestSupport
import Foundation
import Testing

/// charter builds its nodes from libxml2's SAX events; libxml2's own tree (still built
/// for `--scope`, whose XPath needs it) is the reference. `/node()` selects every
/// top-level node, so the scoped parse copies the whole tree.
struct SAXTreeTests {
    static func expectSameTree(_ bytes: [UInt8], _ label: String) throws {
        let streamed = try HTMLParser.parse(bytes)
        let copied = try HTMLParser.parse(bytes, scope: "/node()")
        #expect(streamed.nodes.count == copied.nodes.count, "\(label): node count")
        #expect(streamed.nodes == copied.nodes, "\(label): first difference at node \(firstDifference(streamed, copied) ?? -1)")
    }

    static func firstDifference(_ a: HTMLDocument, _ b: HTMLDocument) -> Int? {
        zip(a.nodes, b.nodes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
    }

    @Test(arguments: [
        // Whitespace libxml2 drops between blocks, keeps between inline elements.
        "<html><body><div>a</div>\n  <div>b</div> <span>c</span> <b>d</b>\n<i>e</i></body></html>",
        "<p>x<br>\n<b>y</b> <img src=a>\n<b>z</b></p>",
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<table>\n<tr>\n<td> a </td>\n</tr>\n</table>",
        // Comments part text, and a comment is skipped when looking back for text.
        "<p>one<!-- c -->two</p><div><b>x</b><!-- c -->\n<i>y</i></div>",
        // Content after the root closed, with and without a DOCTYPE or comment first.
        "<html><body><p>in</p></body></html><p>after</p>text<div>more</div>",
        "<!DOCTYPE html><html><body><p>in</p></body></html><p>after</p>",
        "<!-- first --><html><body>x</body></html><p>after</p>",
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><html><body>\n<p>a</p>\n </body></html>",
        // Scripts, styles and ignored subtrees; CDATA-like content.
        "<head><title>T</title><style>p{}</style><script>if (a < b) {}</script></head><body><svg><text>s</text></svg>x</body>",
        // libxml2 2.9's recovery: an unclosed <strong> in a cell swallows the next rows.
        "<table><tr><td><strong>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
        // Entities, character references, long text delivered in pieces.
        "<p>a &amp; b &nbsp; &#233; &unknown; &#32;</p><p>" + String(repeating: "word ", count: 900) + "</p>",
        "<td nowrap colspan=2 rowspan=\"3\" data-title=\"Nom\" class=x id=y lang=fr>v</td>",
        "<?xml version=\"1.0\"?><html><body>\n<p>pi</p></body></html>",
        "   \n  ",
        "<p>unclosed <b>bold <i>both</p> after",
    ])
    func snippetsGiveLibXML2sTree(html: String) throws {
        try Self.expectSameTree(Array(html.utf8), html)
    }

    @Test func everyExtractionFixtureGivesLibXML2sTree() throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("Tests/CharterExtractTests/Fixtures")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".html") {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            try Self.expectSameTree(bytes, name)
        }
    }

    @Test(.enabled(if: TestPaths.corpus != nil, "skipped: no corpus at CHARTER_CORPUS or ../shared/corpus"))
    func everyCorpusPageGivesLibXML2sTree() throws {
        let pages = try #require(TestPaths.corpus).appendingPathComponent("pages")
        for name in try FileManager.default.contentsOfDirectory(atPath: pages.path) {
            let bytes = try [UInt8](Data(contentsOf: pages.appendingPathComponent(name)))
            guard (try? HTMLParser.parse(bytes)) != nil else { continue }
            try Self.expectSameTree(bytes, name)
        }
    }

    @Test func onlyTheAttributesCharterReadsAreKept() throws {
        let document = try HTMLParser.parse(Array("<td class=c id=i style=s data-label=L colspan=2>x</td>".utf8))
        let cell = try #require(document.elements(named: "td").first)
        #expect(document[cell].attributes.map(\.name) == ["data-label", "colspan"])
    }
}
