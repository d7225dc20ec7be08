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
