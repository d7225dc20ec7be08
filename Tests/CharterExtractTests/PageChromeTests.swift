import CharterExtract
import CharterHTML
import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// Issue 19, defect 3: the prose keeps the page's headings and list structure and leaves
/// the site around it out. The pages under Fixtures/chrome were written by a helper who
/// had not seen the rules (German, Spanish, Italian; WordPress, TYPO3, Drupal, a shop
/// theme, Bootstrap, a React build), each with an expectations file: texts to keep,
/// chrome to drop, list items and list heads.
@Suite struct PageChromeTests {
    struct Expectations: Decodable {
        var language: String
        var keep: [String]
        var drop: [String]
        var items: [String]
        var labels: [String]
    }

    static let pages = [
        "de-typo3-stadtwerke", "de-wordpress-reisen", "es-drupal-ayuntamiento", "es-shopify-ceramica",
        "it-bootstrap-cantina", "it-react-fattly",
    ]

    static func read(_ name: String) throws -> (Charter, Expectations) {
        let page = TestPaths.fixture("chrome/\(name).html", in: "CharterExtractTests")
        let expected = TestPaths.fixture("chrome/\(name).expected.json", in: "CharterExtractTests")
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: [UInt8](try Data(contentsOf: page)), name: page.path))
        return (charter, try JSONDecoder().decode(Expectations.self, from: Data(contentsOf: expected)))
    }

    @Test(arguments: pages) func proseKeepsThePolicyAndDropsTheSite(_ name: String) throws {
        let (charter, expected) = try Self.read(name)
        let headings = charter.sections.compactMap(\.heading)
        let paragraphs = charter.sections.flatMap(\.paragraphs)
        let texts = headings + paragraphs
        #expect(charter.language == expected.language)
        for text in expected.keep {
            #expect(texts.contains(text), "\(name): lost from the prose: \(text)")
        }
        for text in expected.drop {
            #expect(!texts.contains { $0.contains(text) }, "\(name): chrome in the prose: \(text)")
        }
        // Chrome never costs a cookie: every page's table is read.
        #expect(!charter.cookies.isEmpty, "\(name): no cookie read")
    }

    @Test(arguments: pages) func listItemsAndTheirHeadsAreMarked(_ name: String) throws {
        let (charter, expected) = try Self.read(name)
        var kinds: [String: ParagraphKind] = [:]
        for section in charter.sections {
            for (index, paragraph) in section.paragraphs.enumerated() { kinds[paragraph] = section.kind(at: index) }
        }
        let headings = Set(charter.sections.compactMap(\.heading))
        for item in expected.items {
            #expect(kinds[item] == .item, "\(name): \(item) read as \(kinds[item].map(\.rawValue) ?? "missing")")
        }
        for label in expected.labels {
            // A list head marked as a heading element stays a heading.
            #expect(kinds[label] == .label || headings.contains(label), "\(name): \(label) read as \(kinds[label].map(\.rawValue) ?? "missing")")
        }
    }

    @Test func classNamesThatNameChrome() {
        for name in ["site-footer", "footer-menu__item", "navbar navbar-expand-lg", "header-bar", "breadcrumb", "sr-only",
            "visually-hidden", "screen-reader-text", "cookie-notification", "CybotCookiebotDialog", "language-switcher",
            "announcement-bar"]
        {
            #expect(PageChrome.name(inClassOrID: name) != nil, "\(name)")
        }
        // Names of the document itself: a page or content header, the cookie table and
        // list, the policy, a lone lang marker.
        for name in ["page-header", "content-header", "entry-header", "cookie-table", "cookie-policy", "cookie-declaration",
            "lang", "article-body", "container", "row col-md-9"]
        {
            #expect(PageChrome.name(inClassOrID: name) == nil, "\(name)")
        }
    }

    @Test func anIdIsASectionsSlugUnlessAConsentManagerGaveIt() throws {
        let html = """
            <main><h1>Cookies</h1><p>We use cookies on this site, as this policy explains section by section.</p>
            <section id="social-media"><h2>Social media cookies</h2><p>Sharing buttons set cookies of the networks.</p></section>
            <div id="CybotCookiebotDialog"><p>This website uses cookies. Allow all?</p></div></main>
            """
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: Array(html.utf8), name: "a.html"))
        let paragraphs = charter.sections.flatMap(\.paragraphs)
        #expect(paragraphs.contains("Sharing buttons set cookies of the networks."))
        #expect(!paragraphs.contains { $0.contains("Allow all") })
    }

    @Test func anElementHoldingMostOfThePageIsNotChrome() throws {
        // Utility classes ("duration-sidebar") on the page's wrapper, an open modal's
        // aria-hidden on it: the document is still read.
        let html = """
            <html><body><div class="duration-sidebar" aria-hidden="true"><h1>Cookie policy</h1>
            <p>We use cookies to keep you signed in and to measure the audience of the site.</p>
            <p>You can withdraw your consent at any time from the settings of the site.</p></div>
            <div class="site-footer"><p>© 2026 Example</p></div></body></html>
            """
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: Array(html.utf8), name: "a.html"))
        #expect(charter.sections.flatMap(\.paragraphs).count == 2)
        #expect(!charter.sections.flatMap(\.paragraphs).contains { $0.contains("©") })
    }

    @Test func chromeInsideARunOfTextIsLeftOut() throws {
        let html = """
            <main><p>Read <a href="https://example.org">example.org<span class="sr-only"> (opens in a new window)</span></a> first.</p></main>
            """
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: Array(html.utf8), name: "a.html"))
        #expect(charter.sections.flatMap(\.paragraphs) == ["Read example.org first."])
    }

    @Test func aConsentDialogsTableIsStillRead() throws {
        let html = """
            <html><body><main><h1>Cookies</h1><p>We use cookies; the list is in the settings dialog below.</p>
            <p>Cookies are small text files that a site stores in your browser. Some keep the site working, others measure
            its audience or show advertising, and those are only set with your consent, which you can withdraw at any time.</p></main>
            <div role="dialog"><h3>Statistics</h3><p>Help us understand how visitors use the site.</p>
            <table><tr><th>Name</th><th>Provider</th><th>Duration</th></tr><tr><td>_ga</td><td>Google</td><td>2 years</td></tr></table>
            </div></body></html>
            """
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: Array(html.utf8), name: "a.html"))
        #expect(charter.cookies.map(\.name) == ["_ga"])
        #expect(charter.cookies.first?.category == .statistics)
        #expect(!charter.sections.flatMap(\.paragraphs).contains { $0.contains("Help us understand") })
    }

    @Test func kindsAreKeptButNotHashed() throws {
        let list = "<h2>Cookies</h2><ul><li><strong>Necessary</strong><p>They keep you signed in.</p></li></ul>"
        let flat = "<h2>Cookies</h2><div><p><b>Necessary</b></p><p>They keep you signed in.</p></div>"
        let a = try CharterExtractor().extract(ExtractionInput(bytes: Array(list.utf8), name: "a.html"))
        let b = try CharterExtractor().extract(ExtractionInput(bytes: Array(flat.utf8), name: "b.html"))
        #expect(a.sections[0].kinds == [.label, .item])
        #expect(b.sections[0].kinds == [.label, .text])
        // The same words in another layout: the same content.
        #expect(a.contentSHA256 == b.contentSHA256)
        // Written with the charter and read back.
        let again = try CharterJSON.decode(Array(CharterJSON.encode(a).utf8))
        #expect(again.sections[0].kinds == [.label, .item])
    }

    @Test func aListOfLinksInTheDocumentIsItsText() throws {
        // Found on unseen pages (a Next.js and a hand-made site): the browsers' help pages,
        // a link to the privacy policy, inside the page's main content.
        let html = """
            <html><body><ul><li><a href="/">Home</a></li><li><a href="/shop">Shop</a></li></ul>
            <main><h1>Cookies</h1><p>You can delete cookies in your browser's settings; each browser explains how.</p>
            <ul><li><a href="https://support.google.com/chrome">Google Chrome</a></li><li><a href="https://support.mozilla.org">Mozilla Firefox</a></li></ul>
            <p><a href="/privacy">See also our privacy policy →</a></p></main></body></html>
            """
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: Array(html.utf8), name: "a.html"))
        let paragraphs = charter.sections.flatMap(\.paragraphs)
        #expect(paragraphs.contains("Google Chrome") && paragraphs.contains("See also our privacy policy →"), "\(paragraphs)")
        #expect(!paragraphs.contains("Home") && !paragraphs.contains("Shop"))
    }

    @Test func aTableThatListsNoCookieIsInTheProse() throws {
        // Found on unseen pages (a Polish and a German site): a table of categories and
        // legal bases, the controller's address. A change to it must be reported.
        let html = """
            <main><h2>Cookies we use</h2>
            <table><tr><th>Name</th><th>Provider</th><th>Duration</th></tr><tr><td>_ga</td><td>Google</td><td>2 years</td></tr></table>
            <h2>Legal bases</h2>
            <table><tr><th>Category</th><th>Legal basis</th></tr><tr><td>Statistics</td><td>Your consent (Art. 6(1)(a) GDPR)</td></tr>
            <tr><td colspan="2">Necessary cookies need no consent.</td></tr></table></main>
            """
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: Array(html.utf8), name: "a.html"))
        #expect(charter.cookies.map(\.name) == ["_ga"])
        let bases = try #require(charter.sections.first { $0.heading == "Legal bases" })
        #expect(bases.paragraphs == ["Category · Legal basis", "Statistics · Your consent (Art. 6(1)(a) GDPR)", "Necessary cookies need no consent."])
        // The cookie table itself is read as cookies, not repeated in the prose.
        #expect(!charter.sections.flatMap(\.paragraphs).contains { $0.contains("_ga") })
    }
}
