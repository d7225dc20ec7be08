/// Which paragraphs of two versions of a section stayed the same, found without
/// comparing every paragraph with every other (patience diff's anchors): the equal
/// paragraphs at the start and the end, and between them the paragraphs that appear
/// exactly once on each side, kept in the longest order both sides agree on.
///
/// Paragraphs are given as ids (equal id, equal words), so each comparison is one step.
public enum ParagraphAlignment {
    /// Texts as ids (equal text, equal id): what `anchors` compares.
    public static func ids(_ old: [String], _ new: [String]) -> (old: [Int], new: [Int]) {
        var ids: [String: Int] = [:]
        func id(_ text: String) -> Int {
            if let known = ids[text] { return known }
            ids[text] = ids.count
            return ids.count - 1
        }
        return (old.map(id), new.map(id))
    }

    /// (old index, new index) of paragraphs taken as unchanged, increasing on both sides.
    public static func anchors(_ old: [Int], _ new: [Int], work: inout Int) -> [(old: Int, new: Int)] {
        var prefix = 0
        while prefix < old.count && prefix < new.count && old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix && suffix < new.count - prefix
            && old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        work += prefix + suffix + 1
        let oldMiddle = prefix..<(old.count - suffix)
        let newMiddle = prefix..<(new.count - suffix)
        var anchors = (0..<prefix).map { (old: $0, new: $0) }
        anchors += uniqueInOrder(old, oldMiddle, new, newMiddle, work: &work)
        anchors += (0..<suffix).reversed().map { (old: old.count - 1 - $0, new: new.count - 1 - $0) }
        return anchors
    }

    /// Paragraphs found once in each middle, as many as can be kept in order on both
    /// sides (a longest increasing subsequence, O(u log u) for u such paragraphs).
    private static func uniqueInOrder(
        _ old: [Int], _ oldRange: Range<Int>, _ new: [Int], _ newRange: Range<Int>, work: inout Int
    ) -> [(old: Int, new: Int)] {
        // Per paragraph id: how often in old, how often in new, where in new.
        var seen: [Int: (old: Int, new: Int, at: Int)] = [:]
        for index in newRange {
            seen[new[index], default: (0, 0, index)].new += 1
        }
        for index in oldRange where seen[old[index]] != nil {
            seen[old[index]]!.old += 1
        }
        work += oldRange.count + newRange.count
        let candidates: [(old: Int, new: Int)] = oldRange.compactMap { index in
            guard let entry = seen[old[index]], entry.old == 1, entry.new == 1 else { return nil }
            return (index, entry.at)
        }
        // Patience sorting: `tails[l]` ends the best increasing run of length l + 1.
        var tails: [Int] = []
        var previous = [Int](repeating: -1, count: candidates.count)
        for (position, candidate) in candidates.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                work += 1
                let middle = (low + high) / 2
                if candidates[tails[middle]].new < candidate.new { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[position] = tails[low - 1] }
            if low == tails.count { tails.append(position) } else { tails[low] = position }
        }
        var chain: [(old: Int, new: Int)] = []
        var position = tails.last ?? -1
        while position >= 0 {
            chain.append(candidates[position])
            position = previous[position]
        }
        return chain.reversed()
    }
}
