import CharterDiff
import CharterExtract
import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// The version pairs of the corpus (gold/SUMMARY.md): the added and removed cookies
/// and the field changes the gold tables imply.
@Suite(.enabled(if: TestPaths.corpus != nil, "skipped: no corpus at CHARTER_CORPUS or ../shared/corpus"))
struct CorpusPairTests {
    struct Gold: Decodable {
        struct Entry: Decodable { let name: String; let provider: String?; let category: String?; let purpose: String? }
        let cookies: [Entry]
    }

    struct Pair: Sendable, CustomStringConvertible {
        let old: String
        let new: String
        var description: String { old + " → " + new }
    }

    /// The pairs SUMMARY.md lists, as `A` → `B` in its headings.
    static var pairs: [Pair] {
        guard let corpus = TestPaths.corpus,
            let summary = try? String(contentsOf: corpus.appendingPathComponent("gold/SUMMARY.md"), encoding: .utf8)
        else { return [] }
        return summary.split(separator: "\n").filter { $0.hasPrefix("### ") }.compactMap { line in
            let names = line.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            return names.count == 2 ? Pair(old: names[0], new: names[1]) : nil
        }
    }

    static func extract(_ name: String) throws -> Charter {
        let file = try #require(TestPaths.corpus).appendingPathComponent("pages/\(name)")
        return try CharterExtractor().extract(ExtractionInput(bytes: [UInt8](Data(contentsOf: file)), name: name))
    }

    static func gold(_ name: String) throws -> Gold {
        let file = try #require(TestPaths.corpus).appendingPathComponent("gold/\(name).json")
        return try JSONDecoder().decode(Gold.self, from: Data(contentsOf: file))
    }

    /// Names in `a` not matched in `b`, counting repeated names.
    static func unmatched(_ a: [String], _ b: [String]) -> [String] {
        var pool = b
        return a.filter { name in
            if let index = pool.firstIndex(of: name) {
                pool.remove(at: index)
                return false
            }
            return true
        }
    }

    @Test(arguments: pairs)
    func addedAndRemovedCookiesMatchTheGold(_ pair: Pair) throws {
        let (oldGold, newGold) = (try Self.gold(pair.old), try Self.gold(pair.new))
        let (old, new) = (try Self.extract(pair.old), try Self.extract(pair.new))
        guard !oldGold.cookies.isEmpty, !newGold.cookies.isEmpty else {
            // A side without a cookie table is a failed page for `charter diff`, not
            // "every cookie removed" (the command exits 2).
            #expect(old.cookies.isEmpty || new.cookies.isEmpty)
            return
        }
        let diff = CharterDiffer().diff(old, new)
        let added = diff.changes.filter { $0.kind == .added }.map(\.cookie)
        let removed = diff.changes.filter { $0.kind == .removed }.map(\.cookie)
        #expect(added.sorted() == Self.unmatched(newGold.cookies.map(\.name), oldGold.cookies.map(\.name)).sorted())
        #expect(removed.sorted() == Self.unmatched(oldGold.cookies.map(\.name), newGold.cookies.map(\.name)).sorted())

        // Provider, category and purpose changes the gold implies (footnote marks and
        // spacing count as typography, which the diff still reports).
        var expected: Set<String> = []
        var pool = newGold.cookies
        for before in oldGold.cookies {
            guard let index = pool.firstIndex(where: { $0.name == before.name }) else { continue }
            let after = pool.remove(at: index)
            if before.provider != after.provider { expected.insert("\(after.name).provider") }
            if before.category != after.category { expected.insert("\(after.name).category") }
            if before.purpose != after.purpose { expected.insert("\(after.name).purpose") }
        }
        var found: Set<String> = []
        for change in diff.changes where change.kind == .modified || change.kind == .moved {
            for field in ["provider", "category", "purpose"] where change.fields[field] != nil {
                found.insert("\(change.cookie).\(field)")
            }
        }
        #expect(found == expected)
    }
}
