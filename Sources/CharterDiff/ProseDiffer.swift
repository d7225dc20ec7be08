/// The word diff of a section, in time linear in its text: paragraphs that stayed the
/// same are found first (`ParagraphAlignment`), and only the passages between them are
/// compared word by word, each only if it has at most `WordDiff.changeLimit` changes
/// (`EditDistance`).
///
/// A passage over the limit is compared again paragraph by paragraph (its paragraphs
/// paired in order); a pair still over it is shown rewritten: the words it starts and
/// ends with kept, the rest deleted and inserted whole. A person cannot read a redline
/// of a thousand scattered changes anyway, and comparing it word by word costs the
/// square of its length.
struct ProseDiffer {
    private let oldWords: [[String]]
    private let newWords: [[String]]
    // Words and paragraphs as ids: equal words, equal id, so Myers compares integers.
    private let oldIDs: [[Int]]
    private let newIDs: [[Int]]
    private let oldParagraphs: [Int]
    private let newParagraphs: [Int]
    private let limit: Int
    private var runs = ParagraphRunBuilder()
    private var distance = EditDistance()
    private var rewritten = false
    private var work = 0

    init(old: [String], new: [String], limit: Int) {
        oldWords = old.map(WordDiff.words)
        newWords = new.map(WordDiff.words)
        var words: [String: Int] = [:]
        var paragraphs: [[Int]: Int] = [:]
        func id<Key: Hashable>(_ key: Key, in table: inout [Key: Int]) -> Int {
            if let known = table[key] { return known }
            table[key] = table.count
            return table.count - 1
        }
        oldIDs = oldWords.map { $0.map { id($0, in: &words) } }
        newIDs = newWords.map { $0.map { id($0, in: &words) } }
        oldParagraphs = oldIDs.map { id($0, in: &paragraphs) }
        runs = ParagraphRunBuilder(oldLengths: oldWords.map(\.count))
        newParagraphs = newIDs.map { id($0, in: &paragraphs) }
        self.limit = limit
        // Reading and hashing every word is part of the cost too.
        work = 2 * (oldIDs.reduce(0) { $0 + $1.count } + newIDs.reduce(0) { $0 + $1.count })
    }

    mutating func result() -> WordDiffResult {
        var old = 0
        var new = 0
        for anchor in ParagraphAlignment.anchors(oldParagraphs, newParagraphs, work: &work) {
            passage(old..<anchor.old, new..<anchor.new)
            for word in newWords[anchor.new] { runs.append(.equal, word, old: anchor.old, new: anchor.new) }
            old = anchor.old + 1
            new = anchor.new + 1
        }
        passage(old..<oldWords.count, new..<newWords.count)
        return WordDiffResult(
            runs: runs.flattened(), paragraphs: runs.paragraphs, rewritten: rewritten, work: work + distance.work)
    }

    /// The paragraphs between two unchanged ones.
    ///
    /// Compared as one passage first, so that a paragraph split in two, or a sentence
    /// moved to the next paragraph, reads as the small change it is.
    private mutating func passage(_ old: Range<Int>, _ new: Range<Int>) {
        guard !old.isEmpty || !new.isEmpty else { return }
        guard !old.isEmpty, !new.isEmpty else { return shownWhole(old, new) }
        if compared(old, new) { return }
        guard old.count > 1 || new.count > 1 else { return shownWhole(old, new) }
        let paired = min(old.count, new.count)
        for offset in 0..<paired {
            let pairOld = (old.lowerBound + offset)..<(old.lowerBound + offset + 1)
            let pairNew = (new.lowerBound + offset)..<(new.lowerBound + offset + 1)
            if !compared(pairOld, pairNew) { shownWhole(pairOld, pairNew) }
        }
        // What the longer side has left: removed or added whole, which is exact.
        shownWhole(old.dropFirst(paired), new.dropFirst(paired))
    }

    /// Word by word, as long as it takes at most `limit` changes; false otherwise.
    private mutating func compared(_ old: Range<Int>, _ new: Range<Int>) -> Bool {
        let a = old.flatMap { oldIDs[$0] }
        let b = new.flatMap { newIDs[$0] }
        work += a.count + b.count
        guard distance.atMost(limit, a, b) != nil else { return false }
        // The standard library's diff, as before the limit: the same runs for the same
        // edit. It is Myers too, so within the limit its cost is bounded as well; the
        // comparisons it makes are counted.
        var comparisons = 0
        var removed = [Bool](repeating: false, count: a.count)
        var inserted = [Bool](repeating: false, count: b.count)
        for change in b.difference(
            from: a,
            by: {
                comparisons += 1; return $0 == $1
            })
        {
            switch change {
            case .remove(let offset, _, _): removed[offset] = true
            case .insert(let offset, _, _): inserted[offset] = true
            }
        }
        work += comparisons
        let aWords = old.flatMap { oldWords[$0] }
        let bWords = new.flatMap { newWords[$0] }
        let aParagraph = old.flatMap { index in oldWords[index].map { _ in index } }
        let bParagraph = new.flatMap { index in newWords[index].map { _ in index } }
        var o = 0
        var n = 0
        while o < aWords.count || n < bWords.count {
            if o < aWords.count, removed[o] {
                runs.append(.delete, aWords[o], old: aParagraph[o], new: nil)
                o += 1
            } else if n < bWords.count, inserted[n] {
                runs.append(.insert, bWords[n], old: nil, new: bParagraph[n])
                n += 1
            } else if o < aWords.count, n < bWords.count {
                runs.append(.equal, bWords[n], old: aParagraph[o], new: bParagraph[n])
                o += 1
                n += 1
            } else if o < aWords.count {
                runs.append(.delete, aWords[o], old: aParagraph[o], new: nil)
                o += 1
            } else {
                runs.append(.insert, bWords[n], old: nil, new: bParagraph[n])
                n += 1
            }
        }
        work += aWords.count + bWords.count
        return true
    }

    /// The old words deleted and the new inserted, but for the words both start and end with.
    ///
    /// Rewritten only when words were on both sides of that: a pure insertion or
    /// deletion is exact however long.
    private mutating func shownWhole(_ old: Range<Int>, _ new: Range<Int>) {
        let a = old.flatMap { oldIDs[$0] }
        let b = new.flatMap { newIDs[$0] }
        let aWords = old.flatMap { oldWords[$0] }
        let bWords = new.flatMap { newWords[$0] }
        let aParagraph = old.flatMap { index in oldWords[index].map { _ in index } }
        let bParagraph = new.flatMap { index in newWords[index].map { _ in index } }
        var start = 0
        while start < a.count && start < b.count && a[start] == b[start] { start += 1 }
        var end = 0
        while end < a.count - start && end < b.count - start && a[a.count - 1 - end] == b[b.count - 1 - end] {
            end += 1
        }
        work += 2 * (a.count + b.count) + 1
        for offset in 0..<start { runs.append(.equal, bWords[offset], old: aParagraph[offset], new: bParagraph[offset]) }
        for offset in start..<(aWords.count - end) { runs.append(.delete, aWords[offset], old: aParagraph[offset], new: nil) }
        for offset in start..<(bWords.count - end) { runs.append(.insert, bWords[offset], old: nil, new: bParagraph[offset]) }
        for offset in 0..<end {
            runs.append(
                .equal, bWords[bWords.count - end + offset], old: aParagraph[aWords.count - end + offset],
                new: bParagraph[bWords.count - end + offset])
        }
        if start < a.count - end && start < b.count - end { rewritten = true }
    }
}

/// Runs built word by word: a word with the same operation as the last run joins it.
struct RunBuilder {
    private(set) var runs: [WordRun] = []

    mutating func append(_ operation: WordRun.Operation, _ word: String) {
        if let last = runs.last, last.operation == operation {
            runs[runs.count - 1].text += " " + word
        } else {
            runs.append(WordRun(operation: operation, text: word))
        }
    }

    mutating func append(_ operation: WordRun.Operation, _ words: ArraySlice<String>) {
        for word in words { append(operation, word) }
    }
}

/// The runs of a section's diff, paragraph by paragraph: words kept or inserted go to
/// the new paragraph they are in; deleted words to the paragraph being shown there, or
/// to one of their own when their whole old paragraph is deleted. The words in order
/// are those of the flat runs, so nothing is lost by the split.
struct ParagraphRunBuilder {
    private(set) var paragraphs: [DiffParagraph] = []
    /// The number of words of each old paragraph.
    private let oldLengths: [Int]
    /// Whether the last paragraph holds deleted words only, and how many.
    private var deletedOnly = false
    private var deleted = 0

    init(oldLengths: [Int] = []) {
        self.oldLengths = oldLengths
    }

    mutating func append(_ operation: WordRun.Operation, _ word: String, old: Int?, new: Int?) {
        switch operation {
        case .equal, .insert:
            if let last = paragraphs.last, last.new == new {
                add(operation, word, oldIndex: old)
            } else if let last = paragraphs.last, last.new == nil, deletedOnly, let lastOld = last.old,
                deleted < oldLengths[lastOld], old == nil || old == lastOld
            {
                // Deleted words at the start of an old paragraph that goes on as this one.
                paragraphs[paragraphs.count - 1].new = new
                add(operation, word, oldIndex: old)
            } else {
                start(old: old, new: new)
                add(operation, word, oldIndex: old)
            }
        case .delete:
            if let last = paragraphs.last, last.old == old {
                add(operation, word, oldIndex: old)
            } else {
                start(old: old, new: nil)
                add(operation, word, oldIndex: old)
            }
        }
    }

    private mutating func start(old: Int?, new: Int?) {
        paragraphs.append(DiffParagraph(old: old, new: new, runs: []))
        deletedOnly = true
        deleted = 0
    }

    private mutating func add(_ operation: WordRun.Operation, _ word: String, oldIndex: Int?) {
        let last = paragraphs.count - 1
        if paragraphs[last].old == nil, let oldIndex { paragraphs[last].old = oldIndex }
        if operation == .delete { deleted += 1 } else { deletedOnly = false }
        if let run = paragraphs[last].runs.last, run.operation == operation {
            paragraphs[last].runs[paragraphs[last].runs.count - 1].text += " " + word
        } else {
            paragraphs[last].runs.append(WordRun(operation: operation, text: word))
        }
    }

    /// The runs of all paragraphs as one sequence, as a section's redline was before
    /// paragraphs were kept.
    func flattened() -> [WordRun] {
        var builder = RunBuilder()
        for paragraph in paragraphs {
            for run in paragraph.runs { builder.append(run.operation, run.text) }
        }
        return builder.runs
    }
}
