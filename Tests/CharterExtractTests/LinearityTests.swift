import CharterExtract
import Testing

/// Extraction's work grows linearly with the page (issue 16): the nodes and cells it goes
/// through are counted for a page and for the same shape eight times larger, which may
/// cost at most ten times as much. Counted, never timed: a loaded machine cannot make it
/// pass or fail.
struct LinearityTests {
    static func work(_ page: String) throws -> Int {
        try CharterExtractor().work(ExtractionInput(bytes: Array(page.utf8), name: "linear.html"))
    }

    static let table = "<table><tr><th>Name</th><th>Provider</th><th>Expiry</th></tr><tr><td>_ga</td><td>Google</td><td>2 years</td></tr></table>"

    /// Tables nested `depth` deep around a cookie table (a page builder's layout gone wild).
    static func nested(_ depth: Int) -> String {
        "<html><body>" + String(repeating: "<table><tr><td>", count: depth) + table
            + String(repeating: "</td></tr></table>", count: depth) + "</body></html>"
    }

    /// `count` sections, each a heading, a paragraph of nested inline markup and a table.
    static func sections(_ count: Int) -> String {
        let section = "<h2>Analytics cookies</h2><p><b>Note:</b> <i>we <a href='#'>use <em>these</em></a> cookies</i>.</p>" + table
        return "<html><body>" + String(repeating: section, count: count) + "</body></html>"
    }

    @Test(arguments: [("nested tables", 500), ("sections", 200)])
    func workGrowsLinearly(_ shape: String, _ size: Int) throws {
        let make = shape == "nested tables" ? Self.nested : Self.sections
        let small = try Self.work(make(size))
        let large = try Self.work(make(size * 8))
        #expect(small > 0)
        #expect(large <= 10 * small, "\(shape): \(small) steps for \(size), \(large) for \(size * 8)")
    }
}
