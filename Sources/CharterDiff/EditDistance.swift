/// How many words must change to turn one text into another, found by Myers' greedy
/// search, which stops as soon as it is known to be more than a limit.
///
/// Myers costs O((N+M)·D) for D changes: a text rewritten end to end has D = N+M and
/// costs N², which is what made a rewritten 150 KB page take half a minute. The word
/// diff asks this first and runs the standard library's diff (Myers too, unbounded, with
/// tie-breaks of its own) only when D is within the limit: one comparison then costs
/// O((N+M)·limit) at most, and gives the runs charter always gave.
struct EditDistance {
    /// The furthest x reached on each diagonal k, at `v[k + offset]`; kept between calls
    /// so that a section's thousand small pairs do not allocate a thousand arrays.
    private var v: [Int] = []
    /// Diagonals visited and elements compared, over every call: the cost, counted so
    /// that tests can check it grows linearly without timing it.
    private(set) var work = 0

    /// Removals plus insertions of a shortest edit script from `a` to `b`, or nil when
    /// that is more than `limit`.
    mutating func atMost(_ limit: Int, _ a: [Int], _ b: [Int]) -> Int? {
        let n = a.count
        let m = b.count
        work += 1
        // At least |n - m| changes: no need to search to know the answer.
        guard abs(n - m) <= limit else { return nil }
        let bound = min(n + m, limit)
        let offset = bound + 1
        v.removeAll(keepingCapacity: true)
        v.append(contentsOf: repeatElement(0, count: 2 * bound + 3))
        for d in 0...bound {
            for k in stride(from: -d, through: d, by: 2) {
                work += 1
                // Down from diagonal k + 1 (an insertion) or right from k - 1 (a removal),
                // whichever reaches further.
                var x =
                    k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                    ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n && y < m {
                    work += 1
                    guard a[x] == b[y] else { break }
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n && y >= m { return d }
            }
        }
        return nil
    }
}
