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
    private var runs = RunBuilder()
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
            runs.append(.equal, newWords[anchor.new][...])
            old = anchor.old + 1
            new = anchor.new + 1
        }
        passage(old..<oldWords.count, new..<newWords.count)
        return WordDiffResult(runs: runs.runs, rewritten: rewritten, work: work + distance.work)
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
        var o = 0
        var n = 0
        while o < aWords.count || n < bWords.count {
            if o < aWords.count, removed[o] {
                runs.append(.delete, aWords[o])
                o += 1
            } else if n < bWords.count, inserted[n] {
                runs.append(.insert, bWords[n])
                n += 1
            } else if o < aWords.count, n < bWords.count {
                runs.append(.equal, bWords[n])
                o += 1
                n += 1
            } else if o < aWords.count {
                runs.append(.delete, aWords[o])
                o += 1
            } else {
                runs.append(.insert, bWords[n])
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
        var start = 0
        while start < a.count && start < b.count && a[start] == b[start] { start += 1 }
        var end = 0
        while end < a.count - start && end < b.count - start && a[a.count - 1 - end] == b[b.count - 1 - end] {
            end += 1
        }
        work += 2 * (a.count + b.count) + 1
        runs.append(.equal, bWords[..<start])
        runs.append(.delete, aWords[start..<(aWords.count - end)])
        runs.append(.insert, bWords[start..<(bWords.count - end)])
        runs.append(.equal, bWords[(bWords.count - end)...])
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
