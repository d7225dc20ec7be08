import CharterExtract
import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// The real pages of the corpus against their hand-checked gold tables. The pages are
/// third-party content, read in place (CHARTER_CORPUS, default ../shared/corpus).
@Suite(.enabled(if: TestPaths.corpus != nil, "skipped: no corpus at CHARTER_CORPUS or ../shared/corpus"))
struct CorpusTests {
    struct Gold: Decodable {
        struct Entry: Decodable {
            let name: String
            let category: String?
            let provider: String?
        }
        let cookies: [Entry]
    }

    static var pages: [String] {
        guard let corpus = TestPaths.corpus,
            let names = try? FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent("gold").path)
        else { return [] }
        return names.filter { $0.hasSuffix(".json") && $0 != "SEED.json" }.map { String($0.dropLast(5)) }.sorted()
    }

    static func load(_ page: String) throws -> (Charter, Gold) {
        let corpus = try #require(TestPaths.corpus)
        let gold = try JSONDecoder().decode(
            Gold.self, from: Data(contentsOf: corpus.appendingPathComponent("gold/\(page).json")))
        let file = corpus.appendingPathComponent("pages/\(page)")
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: [UInt8](Data(contentsOf: file)), name: file.path))
        return (charter, gold)
    }

    @Test(arguments: pages)
    func namesMatchTheGold(_ page: String) throws {
        let (charter, gold) = try Self.load(page)
        #expect(charter.cookies.map(\.name) == gold.cookies.map(\.name))
        let providers = zip(charter.cookies, gold.cookies).filter { $1.provider != nil && $0.provider != $1.provider }
        #expect(providers.isEmpty, "providers differ: \(providers.map(\.0.name))")
    }

    /// Category is a judgement on a few pages (see the gold notes), so it is measured
    /// over the whole corpus rather than page by page.
    @Test func categoriesAgreeWithTheGoldAcrossTheCorpus() throws {
        var agreeing = 0
        var total = 0
        for page in Self.pages {
            let (charter, gold) = try Self.load(page)
            total += gold.cookies.count
            agreeing += zip(charter.cookies, gold.cookies).filter { $0.category.rawValue == $1.category }.count
        }
        #expect(Double(agreeing) >= 0.97 * Double(total), "\(agreeing) of \(total)")
    }
}
