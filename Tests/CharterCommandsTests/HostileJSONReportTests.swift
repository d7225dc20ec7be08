import CharterTestSupport
import Foundation
import Testing

/// Charters read back from JSON (a stored version, a file someone sent) carry whatever
/// text they hold: the diff and locale reports escape it for Markdown and clean it for a
/// terminal, like the text of a page (issue 16, item 8).
struct HostileJSONReportTests {
    static func charter(_ cookies: [(String, String)]) -> String {
        let entries = cookies.map { name, provider in
            """
            {"name": \(json(name)), "provider": \(json(provider)), "service": null, "location": null,
             "purpose": \(json("a|b\nc\u{202E}<script>x</script>")), "category": "statistics", "categoryLabel": null, "party": null,
             "retention": {"text": \(json("1 year\u{1B}[31m")), "seconds": 31536000, "session": false}, "domain": null, "extra": {},
             "origin": null, "evidence": null}
            """
        }
        return """
            {"schema": 1, "source": {"input": "x", "format": "html", "sha256": "0"}, "language": \(json("en\n# <img src=x onerror=alert(1)>|x")),
             "title": \(json("T\u{202E}\u{1B}]0;pwn\u{07}")), "sections": [], "cookies": [\(entries.joined(separator: ","))], "parties": [], "warnings": []}
            """
    }

    static func json(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    static func unsafeScalars(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { value in
            (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
                || (0x2066...0x2069).contains(value)
        }
    }

    @Test(arguments: ["text", "markdown"])
    func diffAndLocaleReportsOfHostileJSONAreSafe(_ format: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("old.json")
        let new = folder.appendingPathComponent("new.json")
        try Data(Self.charter([("_ga", "Google")]).utf8).write(to: old)
        try Data(Self.charter([("_ga", "Google\u{1B}[2J"), ("x|y\n# h\u{202E}<img onerror=1>", "Evil\u{9B}31m")]).utf8).write(to: new)

        let diff = try run(TestPaths.charterBinary, ["diff", "--format", format, old.path, new.path])
        #expect(diff.status == 3, "stderr: \(diff.stderr)")
        let locales = try run(TestPaths.charterBinary, ["locales", "--format", format, "fr=\(old.path)", "en=\(new.path)"])
        #expect(locales.status == 1, "stderr: \(locales.stderr)")
        for output in [diff.stdout, locales.stdout] {
            #expect(Self.unsafeScalars(output).isEmpty, "\(Self.unsafeScalars(output))")
            if format == "markdown" {
                // Every "<" of the charter's text is backslash-escaped; no row is cut in two.
                #expect(!output.contains(" <img") && !output.contains("\n# h"))
                #expect(output.contains("x\\|y"))
            }
        }
    }
}
