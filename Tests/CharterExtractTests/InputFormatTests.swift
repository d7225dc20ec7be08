import CharterExtract
import CharterModel
import Testing

struct InputFormatTests {
    @Test(arguments: [
        ("page.html", nil, "<p>", InputFormat.html), ("notes.md", nil, "# x", .markdown), ("seed.txt", nil, "a\tb", .text),
        ("old.json", nil, "{", .json), ("https://example.org/cookies", "text/html; charset=utf-8", "<", .html),
        ("-", nil, "Name\tPurpose", .text), ("-", nil, "  <!doctype html>", .html), ("-", nil, "{\"schema\":1}", .json),
    ] as [(String, String?, String, InputFormat)])
    func formatIsDetected(_ name: String, _ contentType: String?, _ head: String, _ expected: InputFormat) {
        #expect(InputFormat.detect(name: name, contentType: contentType, bytes: Array(head.utf8)) == expected)
    }

    @Test func charterJSONIsReadBack() throws {
        let original = try LayoutTests.extract("th-headers-sections.html")
        let json = try CharterJSON.encode(original)
        let reread = try CharterExtractor().extract(ExtractionInput(bytes: Array(json.utf8), name: "x.json"))
        #expect(reread == original)
    }

    @Test func emptyAndBinaryInputsAreErrors() {
        #expect(throws: ExtractionError.self) { try CharterExtractor().extract(ExtractionInput(bytes: [], name: "a.html")) }
        #expect(throws: ExtractionError.self) {
            try CharterExtractor().extract(ExtractionInput(bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2], name: "a.html"))
        }
        #expect(throws: ExtractionError.self) { try CharterExtractor().extract(ExtractionInput(bytes: [0, 1, 2], name: "a.md")) }
    }
}

/// Issue 16, item 10: a vertical tab or form feed inside a text table's cell separates
/// words; it does not end the row (Swift's `isNewline` counts it as a line break).
struct SoftBreakTests {
    @Test func aVerticalTabInACellKeepsTheRowWhole() throws {
        let text = "Name\tPurpose\tExpiry\n_ga\tCounts\u{0B}visits\u{0C}daily\t2 years\n_gid\tDaily\t1 day\n"
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: Array(text.utf8), name: "soft.txt"))
        #expect(charter.cookies.map(\.name) == ["_ga", "_gid"])
        #expect(charter.cookies.first?.purpose == "Counts visits daily")
        #expect(charter.cookies.first?.retention?.text == "2 years")
    }
}
