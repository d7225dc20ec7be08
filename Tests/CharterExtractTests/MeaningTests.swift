import CharterExtract
import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// Pages written blind, by someone who had not read the rules, in French, German,
/// Spanish, Italian and English, one class of meaning each: negated category labels (A),
/// consent or party labels (B), one heading per table (C), tables keyed by domain (D).
/// `Fixtures/meaning/expected.json` holds the reading a person gives each page. The
/// category of a cookie no label covers is `unclassified`, as the corpus's gold reads
/// pages ("from the page's own section or column"): for class D the writer had read it
/// from the purpose cells, and those expectations were changed to that convention.
struct MeaningTests {
    struct Expected: Decodable {
        struct Entry: Decodable {
            let name: String
            let category: String
            let party: String?
            let provider: String?
            let domain: String?
        }
        let language: String
        let `class`: String
        let cookies: [Entry]
    }

    static let folder = TestPaths.fixture("meaning", in: "CharterExtractTests")

    static let expected: [String: Expected] = {
        let url = folder.appendingPathComponent("expected.json")
        return (try? JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: url))) ?? [:]
    }()

    static let pages = expected.keys.sorted()

    @Test func everyClassHasPagesInThreeLanguages() {
        var languages: [String: Set<String>] = [:]
        for page in Self.expected.values { languages[page.class, default: []].insert(page.language) }
        #expect(languages.keys.sorted() == ["A", "B", "C", "D"])
        for (kind, set) in languages { #expect(set.count >= 3, "class \(kind): \(set.sorted())") }
    }

    @Test(arguments: pages)
    func readsThePageAsAPersonDoes(_ page: String) throws {
        let expected = try #require(Self.expected[page])
        let url = Self.folder.appendingPathComponent(page)
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: [UInt8](Data(contentsOf: url)), name: url.path))
        #expect(charter.cookies.map(\.name) == expected.cookies.map(\.name))
        for (cookie, entry) in zip(charter.cookies, expected.cookies) {
            #expect(cookie.category.rawValue == entry.category, "\(cookie.name): category")
            if let party = entry.party { #expect(cookie.party?.rawValue == party, "\(cookie.name): party") }
            if let provider = entry.provider { #expect(cookie.provider == provider, "\(cookie.name): provider") }
            if let domain = entry.domain { #expect(cookie.domain == domain, "\(cookie.name): domain") }
            // Every reading says where it came from.
            let evidence = try #require(cookie.evidence)
            if cookie.category != .unclassified { #expect(evidence.category != nil, "\(cookie.name): category evidence") }
            if cookie.party != nil { #expect(evidence.party != nil, "\(cookie.name): party evidence") }
        }
    }

    /// A label that denies necessity or asks for consent never yields `necessary`, in any
    /// lexicon language, and says when the purpose had to decide.
    @Test(arguments: [
        ("Non essentiel", "fr"), ("Non strictement nécessaires", "fr"), ("Nicht notwendig", "de"),
        ("Nicht-essenzielle Cookies", "de"), ("No necesarias", "es"), ("Cookies no esenciales", "es"),
        ("Non necessari", "it"), ("Not strictly necessary", "en"), ("Non-essential", "en"), ("Optional", "en"),
        ("Niet noodzakelijk", "nl"), ("Não necessários", "pt"), ("Nie niezbędne", "pl"),
    ])
    func deniedNecessityIsNeverNecessary(_ label: String, _ language: String) throws {
        let page = """
            <html lang="\(language)"><body><h1>Cookies</h1><table>
            <tr><th>Name</th><th>Type</th><th>Purpose</th></tr>
            <tr><td>_ab_id</td><td>\(label)</td><td>—</td></tr>
            <tr><td>_cd_id</td><td>\(label)</td><td>Advertising and retargeting</td></tr>
            </table></body></html>
            """
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: Array(page.utf8), name: "label.html"))
        #expect(charter.cookies.map(\.category) == [.unclassified, .marketing], "\(label)")
        #expect(charter.cookies.map { $0.evidence?.category } == [nil, .purpose])
        #expect(charter.cookies[0].evidence?.notes.first?.contains("purpose unclear") == true)
    }
}
