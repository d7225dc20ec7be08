internal import CharterDiff

/// Which prose texts of a new version continue which of the previous version's: equal
/// texts anchor the alignment (equal texts at both ends, then texts found once on each
/// side, kept in the longest order both sides agree on, as `CharterDiff`'s paragraph
/// aligner does), and between anchors a new text continues the old one that shares
/// most of its words (an edit); a new text that continues none was inserted.
///
/// Units are keyed by this alignment, so an insertion never shifts another text's id.
enum ProseAlignment {
    /// For each new text: the old text it continues, or nil when it was inserted.
    static func align(_ old: [String], _ new: [String]) -> [Int?] {
        var result = [Int?](repeating: nil, count: new.count)
        // Equal texts, equal ids: the anchors are CharterDiff's paragraph aligner's.
        let (oldIDs, newIDs) = ParagraphAlignment.ids(old, new)
        var work = 0
        let anchors = ParagraphAlignment.anchors(oldIDs, newIDs, work: &work)
        for anchor in anchors { result[anchor.new] = anchor.old }
        // The gaps between anchors: edits are paired by shared words, in order.
        var lastOld = -1
        var lastNew = -1
        for anchor in anchors + [(old: old.count, new: new.count)] {
            pairGap(old, (lastOld + 1)..<anchor.old, new, (lastNew + 1)..<anchor.new, into: &result)
            lastOld = anchor.old
            lastNew = anchor.new
        }
        return result
    }

    /// Comparisons allowed per gap: past it (a page rewritten whole), texts pair by
    /// position only when both sides have as many, else none pairs (all inserted).
    static let comparisonLimit = 250_000

    private static func pairGap(
        _ old: [String], _ oldRange: Range<Int>, _ new: [String], _ newRange: Range<Int>, into result: inout [Int?]
    ) {
        guard !oldRange.isEmpty, !newRange.isEmpty else { return }
        guard oldRange.count * newRange.count <= comparisonLimit else {
            if oldRange.count == newRange.count {
                for (offset, index) in newRange.enumerated() { result[index] = oldRange.lowerBound + offset }
            }
            return
        }
        let oldWords = oldRange.map { words(old[$0]) }
        var next = oldRange.lowerBound
        for index in newRange {
            let words = Self.words(new[index])
            var best: (old: Int, score: Double)?
            for candidate in next..<oldRange.upperBound {
                let score = similarity(words, oldWords[candidate - oldRange.lowerBound])
                if score >= 0.5, score > (best?.score ?? 0) { best = (candidate, score) }
            }
            if let best {
                result[index] = best.old
                next = best.old + 1
            }
        }
    }

    static func words(_ text: String) -> Set<Substring> {
        Set(text.split { !$0.isLetter && !$0.isNumber })
    }

    /// Shared words over the shorter text's words: an added sentence keeps the pair.
    static func similarity(_ a: Set<Substring>, _ b: Set<Substring>) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return a.isEmpty && b.isEmpty ? 1 : 0 }
        return Double(a.intersection(b).count) / Double(min(a.count, b.count))
    }
}
