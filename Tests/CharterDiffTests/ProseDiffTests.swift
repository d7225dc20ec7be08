import CharterDiff
import CharterModel
import Testing

/// The prose diff: unchanged paragraphs first, then word by word within what changed,
/// shown rewritten past `WordDiff.changeLimit`; ordinary edits give the runs they always did.
struct ProseDiffTests {
    /// Words from a small vocabulary, as prose repeats "the", "cookies", "to"…
    /// (a seeded generator: the same words on every run).
    static func words(_ count: Int, seed: UInt64, vocabulary: Int = 40) -> [String] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return "w\((state >> 33) % UInt64(vocabulary))"
        }
    }

    static func text(_ count: Int, seed: UInt64, vocabulary: Int = 40) -> String {
        words(count, seed: seed, vocabulary: vocabulary).joined(separator: " ")
    }

    /// The runs charter built before the bound, straight from the standard library's
    /// `difference(from:)`: the reference for what an ordinary edit must still give.
    static func standardLibraryRuns(_ old: String, _ new: String) -> [WordRun] {
        let a = old.split(separator: " ").map(String.init)
        let b = new.split(separator: " ").map(String.init)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in b.difference(from: a) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var runs: [WordRun] = []
        func append(_ operation: WordRun.Operation, _ word: String) {
            if let last = runs.last, last.operation == operation {
                runs[runs.count - 1].text += " " + word
            } else {
                runs.append(WordRun(operation: operation, text: word))
            }
        }
        var (o, n) = (0, 0)
        while o < a.count || n < b.count {
            if o < a.count, removed.contains(o) {
                append(.delete, a[o]); o += 1
            } else if n < b.count, inserted.contains(n) {
                append(.insert, b[n]); n += 1
            } else if o < a.count, n < b.count {
                append(.equal, b[n]); o += 1; n += 1
            } else if o < a.count {
                append(.delete, a[o]); o += 1
            } else {
                append(.insert, b[n]); n += 1
            }
        }
        return runs
    }

    /// Edits of every size under the bound, on texts with many repeated words (where
    /// Myers has ties to break): the same runs as the standard library's.
    @Test(arguments: 0..<40)
    func withinTheBoundTheRunsAreTheStandardLibrarys(_ seed: Int) {
        let old = Self.words(5 + seed * 3, seed: UInt64(seed), vocabulary: 4 + seed % 7)
        var new = old
        let edits = Self.words(1 + seed % 9, seed: UInt64(seed) + 1_000, vocabulary: 6)
        for (index, word) in edits.enumerated() {
            let at = (index * 7 + seed) % (new.count + 1)
            if index % 3 == 0, at < new.count { new.remove(at: at) } else { new.insert(word, at: at) }
        }
        let (a, b) = (old.joined(separator: " "), new.joined(separator: " "))
        let diff = WordDiff.compare(a, b)
        #expect(diff.runs == Self.standardLibraryRuns(a, b))
        #expect(!diff.rewritten)
    }

    @Test func anEditInALongCellIsStillAWordRedline() {
        let old = Self.words(20_000, seed: 1)
        var new = old
        new.insert("advertising", at: 12_345)
        let diff = WordDiff.compare(old.joined(separator: " "), new.joined(separator: " "))
        #expect(!diff.rewritten)
        #expect(WordDiff.changedWords(diff.runs) == ([], ["advertising"]))
    }

    @Test func pastTheBoundTheChangedMiddleIsShownWhole() {
        let old = "Cookies " + Self.text(60, seed: 2, vocabulary: 500) + " today."
        let new = "Cookies " + Self.text(60, seed: 3, vocabulary: 500) + " today."
        let diff = WordDiff.compare(old, new, changeLimit: 10)
        #expect(diff.rewritten)
        #expect(diff.runs.map(\.operation) == [.equal, .delete, .insert, .equal])
        #expect(diff.runs.first?.text == "Cookies" && diff.runs.last?.text == "today.")
        #expect(diff.runs[1].text == Self.text(60, seed: 2, vocabulary: 500))
    }

    @Test func aLongInsertionIsExactNotRewritten() {
        let old = "We use cookies. We keep them a year."
        let new = "We use cookies. " + Self.text(3_000, seed: 4) + " We keep them a year."
        let diff = WordDiff.compare(old, new)
        #expect(!diff.rewritten)
        #expect(
            diff.runs == [
                WordRun(operation: .equal, text: "We use cookies."),
                WordRun(operation: .insert, text: Self.text(3_000, seed: 4)),
                WordRun(operation: .equal, text: "We keep them a year."),
            ])
    }

    @Test func unchangedParagraphsAnchorTheRedline() {
        let old = ["We use cookies.", "They measure the audience.", "Ask us anything.", "Old closing words."]
        let new = ["We use cookies.", "A new paragraph.", "They measure the whole audience.", "Ask us anything."]
        let diff = WordDiff.compare(paragraphs: old, new)
        #expect(
            diff.runs == [
                WordRun(operation: .equal, text: "We use cookies."),
                WordRun(operation: .insert, text: "A new paragraph."),
                WordRun(operation: .equal, text: "They measure the"), WordRun(operation: .insert, text: "whole"),
                WordRun(operation: .equal, text: "audience. Ask us anything."),
                WordRun(operation: .delete, text: "Old closing words."),
            ])
        #expect(!diff.rewritten)
    }

    @Test func aParagraphSplitInTwoChangesNoWord() {
        let diff = WordDiff.compare(
            paragraphs: ["We use cookies. They measure the audience."],
            ["We use cookies.", "They measure the audience."])
        #expect(diff.runs == [WordRun(operation: .equal, text: "We use cookies. They measure the audience.")])
    }

    /// Three edited paragraphs together are over the bound, each alone is under it:
    /// compared pair by pair, nothing shown whole.
    @Test func overTheBoundAPassageIsComparedParagraphByParagraph() {
        let old = (0..<3).map { Self.text(8, seed: UInt64(10 + $0), vocabulary: 1_000) }
        let new = old.map { $0 + " and more" }
        let diff = WordDiff.compare(paragraphs: old, new, changeLimit: 4)
        #expect(!diff.rewritten)
        #expect(
            WordDiff.changedWords(diff.runs).inserted == Array(repeating: ["and", "more"], count: 3).flatMap { $0 })
        #expect(WordDiff.changedWords(diff.runs).deleted.isEmpty)
    }

    // MARK: Linear work

    /// Rewritten prose of three shapes, at 1× and 8× the size.
    enum Shape: String, CaseIterable, Sendable {
        /// A section whose every paragraph (12 words) was rewritten.
        case shortParagraphs
        /// One cell or paragraph rewritten end to end (2,500 words, then 20,000).
        case oneLongParagraph
        /// Paragraphs each over the bound (1,500 words), each shown rewritten.
        case longParagraphs

        func sides(_ scale: Int) -> (old: [String], new: [String]) {
            let (count, length) =
                switch self {
                case .shortParagraphs: (1_000 * scale, 12)
                case .oneLongParagraph: (1, 2_500 * scale)
                case .longParagraphs: (2 * scale, 1_500)
                }
            let old = (0..<count).map { ProseDiffTests.text(length, seed: UInt64($0)) }
            let new = (0..<count).map { ProseDiffTests.text(length, seed: UInt64($0 + 1_000_000)) }
            return (old, new)
        }
    }

    /// The measure: 8× the input, at most about 10× the work.
    ///
    /// A quadratic diff does 64×. Work is counted (diagonals visited, words compared), never timed.
    @Test(arguments: Shape.allCases)
    func rewrittenProseCostsLinearWork(_ shape: Shape) {
        let small = shape.sides(1)
        let large = shape.sides(8)
        let once = WordDiff.compare(paragraphs: small.old, small.new)
        let eight = WordDiff.compare(paragraphs: large.old, large.new)
        #expect(eight.work <= 10 * once.work, "\(shape): \(once.work) → \(eight.work)")
        #expect(once.rewritten == (shape != .shortParagraphs))
        // The words all come out, in order: nothing is lost by giving up on a passage.
        let changed = WordDiff.changedWords(eight.runs)
        let kept = eight.runs.filter { $0.operation == .equal }.flatMap { $0.text.split(separator: " ") }.count
        #expect(changed.deleted.count + kept == large.old.joined(separator: " ").split(separator: " ").count)
        #expect(changed.inserted.count + kept == large.new.joined(separator: " ").split(separator: " ").count)
    }

    // MARK: Through the version diff

    static func charter(purpose: String, paragraphs: [String]) -> Charter {
        Charter(
            source: CharterSource(input: "test", format: .html, sha256: "0"), language: "en",
            sections: [Section(level: 2, heading: "Cookies", paragraphs: paragraphs)],
            cookies: [Cookie(name: "_ga", provider: "Google", purpose: purpose, category: .statistics, party: .third)])
    }

    @Test func theVersionDiffSaysWhatWasShownRewritten() {
        let old = Self.charter(
            purpose: Self.text(20_000, seed: 5), paragraphs: ["We use cookies.", Self.text(5_000, seed: 6)])
        let new = Self.charter(
            purpose: Self.text(20_000, seed: 7), paragraphs: ["We use cookies.", Self.text(5_000, seed: 8)])
        let diff = CharterDiffer().diff(old, new)
        #expect(diff.prose.map(\.rewritten) == [true])
        #expect(diff.changes.first?.fields["purpose"]?.rewritten == true)
        #expect(diff.prose.first?.words.first == WordRun(operation: .equal, text: "We use cookies."))
    }

    @Test func anOrdinaryEditIsNotRewritten() {
        let old = Self.charter(
            purpose: "Measures audience.", paragraphs: ["We use cookies.", "They measure the audience."])
        let new = Self.charter(
            purpose: "Measures the audience.", paragraphs: ["We use cookies.", "They measure our audience."])
        let diff = CharterDiffer().diff(old, new)
        #expect(diff.prose.map(\.rewritten) == [false])
        #expect(diff.changes.first?.fields["purpose"]?.rewritten == false)
    }
}
