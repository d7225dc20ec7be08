import CharterExtract
import CharterModel
import CharterTestSupport
import Foundation
import Testing

struct CharterJSONTests {
    static func extract(_ fixture: String) throws -> Charter {
        let url = TestPaths.fixture(fixture, in: "CharterExtractTests")
        return try CharterExtractor().extract(ExtractionInput(bytes: [UInt8](Data(contentsOf: url)), name: fixture))
    }

    @Test func absentValuesAreNullAndKeysSorted() throws {
        let json = try CharterJSON.encode(Charter(source: CharterSource(input: "x", format: .html, sha256: "0"), cookies: [Cookie(name: "a")]), pretty: false)
        #expect(json.contains("\"provider\":null"))
        #expect(json.contains("\"retention\":null"))
        #expect(!json.contains("\"\""))
        let keys = ["\"contentSHA256\"", "\"cookies\"", "\"language\"", "\"schema\"", "\"sections\"", "\"source\"", "\"title\"", "\"warnings\""]
        let positions = keys.map { json.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test func sameContentInOtherMarkupHasTheSameContentHash() throws {
        let html = "<h2>Analytics cookies</h2><table><tr><th>Cookie name</th><th>Purpose</th></tr><tr><td>_ga</td><td>Counts visits</td></tr></table>"
        let restyled = "<div class=x><h2 class=y>Analytics   cookies</h2>\n<table><thead><tr><td><strong>Cookie name</strong></td><td><p>Purpose</p></td></tr></thead><tbody><tr><td><span>_ga</span></td><td><p>Counts&nbsp;visits</p></td></tr></tbody></table></div>"
        let a = try CharterExtractor().extract(ExtractionInput(bytes: Array(html.utf8), name: "a.html"))
        let b = try CharterExtractor().extract(ExtractionInput(bytes: Array(restyled.utf8), name: "b.html"))
        #expect(a.source.sha256 != b.source.sha256)
        #expect(a.contentSHA256 == b.contentSHA256)
    }

    /// Strings are scanned eight bytes at a time for what needs escaping: a quote, a
    /// backslash or a control character anywhere, in any word, must still be escaped.
    @Test func everyCharacterThatNeedsEscapingIsEscapedWhereverItSits() throws {
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\t"] {
            for length in 0..<20 {
                for position in 0...length {
                    var text = String(repeating: "é", count: position % 3) + String(repeating: "a", count: length)
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
                    let charter = Charter(source: CharterSource(input: "x", format: .html, sha256: "0"), cookies: [Cookie(name: text)])
                    let json = try CharterJSON.encode(charter, pretty: false)
                    #expect(try CharterJSON.decode(Data(json.utf8)).cookies.first?.name == text)
                }
            }
        }
    }

    /// One formatter serves every thread: timestamps written at once from many tasks are
    /// those a formatter of their own writes.
    @Test func timestampsWrittenFromManyTasksAtOnceAreRight() async {
        let dates = (0..<4000).map { _ in Date(timeIntervalSince1970: Double.random(in: -3e9...7e9)) }
        let expected: [String] = dates.map {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            return formatter.string(from: $0)
        }
        let written = await withTaskGroup(of: (Int, String).self) { group in
            for (index, date) in dates.enumerated() { group.addTask { (index, CharterJSON.timestamp(date)) } }
            var result = [String](repeating: "", count: dates.count)
            for await (index, text) in group { result[index] = text }
            return result
        }
        #expect(written == expected)
        #expect(CharterJSON.timestamp(Date(timeIntervalSince1970: 1_800_000_000)) == "2027-01-15T08:00:00Z")
    }

    @Test func extractionIsByteForByteRepeatable() throws {
        #expect(try CharterJSON.encode(Self.extract("th-headers-sections.html")) == CharterJSON.encode(Self.extract("th-headers-sections.html")))
    }

    @Test(arguments: ["th-headers-sections.html", "category-column.html", "pipe-tables.md", "text-table.txt", "unknown-language.html", "not-cookie-tables.html"])
    func outputConformsToTheCommittedSchema(_ fixture: String) throws {
        let schemaURL = TestPaths.packageRoot.appendingPathComponent("Sources/CharterModel/Schemas/charter-v1.schema.json")
        let schema = try JSONValue.parse(Data(contentsOf: schemaURL))
        let output = try JSONValue.parse(Data(CharterJSON.encode(Self.extract(fixture)).utf8))
        #expect(JSONSchemaCheck.problems(output, schema: schema) == [])
    }

    @Test func schemaCheckCatchesAMissingKey() throws {
        let schemaURL = TestPaths.packageRoot.appendingPathComponent("Sources/CharterModel/Schemas/charter-v1.schema.json")
        let schema = try JSONValue.parse(Data(contentsOf: schemaURL))
        #expect(!JSONSchemaCheck.problems(try JSONValue.parse(Data("{\"schema\":1}".utf8)), schema: schema).isEmpty)
    }

    @Test func anotherSchemaVersionIsRefused() {
        #expect(throws: (any Error).self) { try CharterJSON.decode(Data("{\"schema\":2,\"source\":{},\"cookies\":[]}".utf8)) }
    }
}
