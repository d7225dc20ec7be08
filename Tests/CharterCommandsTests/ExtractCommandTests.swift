import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// `charter extract` end to end: the built binary, its output and its exit codes.
struct ExtractCommandTests {
    static let binary = TestPaths.charterBinary
    static func fixture(_ name: String) -> String { TestPaths.fixture(name, in: "CharterExtractTests").path }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func cookiesFoundExitsZeroWithJSON() throws {
        let result = try run(Self.binary, ["extract", Self.fixture("opendatasoft-portal-fr.html")])
        #expect(result.status == 0)
        let charter = try CharterJSON.decode(Data(result.stdout.utf8))
        #expect(charter.cookies.count == 4)
    }

    @Test(arguments: ["text", "markdown"])
    func humanFormats(_ format: String) throws {
        let result = try run(Self.binary, ["extract", "--format", format, Self.fixture("text-table.txt")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("django_language"))
    }

    @Test func noCookieTableExitsOneAndSaysSo() throws {
        let page = Data("<html><body><h1>Cookies</h1><p>We use no cookies we need to tell you about.</p></body></html>".utf8)
        let result = try run(Self.binary, ["extract", "-"], stdin: page)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no cookie table"))
    }

    /// A page that lists its vendors and no cookie names still says something: its
    /// parties, exit 0, and a note that no cookie table was found.
    @Test func aPageWithPartiesAndNoCookiesListsItsParties() throws {
        let result = try run(Self.binary, ["extract", Self.fixture("not-cookie-tables.html")])
        #expect(result.status == 0)
        #expect(result.stderr.contains("no cookie table; 1 party listed"))
        let charter = try CharterJSON.decode(Data(result.stdout.utf8))
        #expect(charter.cookies.isEmpty)
        #expect(charter.parties.map(\.name) == ["Google Analytics"])
    }

    @Test func stdinIsRead() throws {
        let html = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("th-headers-sections.html")))
        let result = try run(Self.binary, ["extract", "--format", "text", "-"], stdin: html)
        #expect(result.status == 0)
        #expect(result.stdout.contains("_gid"))
    }

    @Test func batchPrintsOneLinePerInputInOrderAndGoesOnAfterAFailure() throws {
        let result = try run(Self.binary, [
            "extract", "--format", "jsonl", Self.fixture("td-header-row.html"), "/nonexistent/page.html",
            Self.fixture("text-table.txt"),
        ])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("app_session"))
        #expect(lines[1].contains("\"error\"") && lines[1].contains("/nonexistent/page.html"))
        #expect(lines[2].contains("django_language"))
        #expect(result.status == 2)
    }

    /// Each bad input: one line on stderr, exit 2, no crash and no hang.
    @Test(arguments: ["missing", "directory", "binary", "empty", "huge", "deep", "notAScheme"])
    func badInputIsAOneLineError(_ kind: String) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var arguments = ["extract"]
        switch kind {
        case "missing": arguments.append(folder.appendingPathComponent("absent.html").path)
        case "directory": arguments.append(folder.path)
        case "binary":
            let file = folder.appendingPathComponent("image.html")
            try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + (0..<4000).map { UInt8($0 % 256) }).write(to: file)
            arguments.append(file.path)
        case "empty":
            let file = folder.appendingPathComponent("empty.html")
            try Data().write(to: file)
            arguments.append(file.path)
        case "huge":
            // A sparse 200 MB file: refused from its size, before reading.
            let file = folder.appendingPathComponent("huge.html")
            FileManager.default.createFile(atPath: file.path, contents: nil)
            let handle = try FileHandle(forWritingTo: file)
            try handle.truncate(atOffset: 200 * 1024 * 1024)
            try handle.close()
            arguments.append(file.path)
        case "deep":
            // 100,000 nested elements and no table: parsed, then "no cookie table".
            let file = folder.appendingPathComponent("deep.html")
            try Data((String(repeating: "<div>", count: 100_000) + "x" + String(repeating: "</div>", count: 100_000)).utf8).write(to: file)
            arguments.append(file.path)
        default: arguments.append("ftp://example.org/cookies.html")
        }
        let result = try run(Self.binary, arguments, timeout: 60)
        let stderrLines = result.stderr.split(separator: "\n")
        if kind == "deep" {
            #expect(result.status == 1)
        } else {
            #expect(result.status == 2)
            #expect(stderrLines.count == 1)
            #expect(result.stderr.hasPrefix("charter: "))
        }
        #expect(result.stdout.isEmpty || kind == "deep")
    }

    @Test func invalidBytesAreReadNotRejected() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("latin1.html")
        let html = Array("<h2>Cookies n".utf8) + [0xE9] + Array("cessaires</h2><table><tr><th>Nom</th><th>Finalit".utf8) + [0xE9]
            + Array("</th></tr><tr><td>sid</td><td>Session</td></tr></table>".utf8)
        try Data(html).write(to: file)
        let result = try run(Self.binary, ["extract", file.path])
        #expect(result.status == 0)
        let charter = try CharterJSON.decode(Data(result.stdout.utf8))
        #expect(charter.cookies.first?.category == .necessary)
        #expect(charter.source.charset == "windows-1252 (windows-1252-fallback)")
    }

    @Test func usageErrorsExitTwo() throws {
        let result = try run(Self.binary, ["extract", "--format", "jsonx", "a.html"])
        #expect(result.status == 2)
        let several = try run(Self.binary, ["extract", "a.html", "b.html"])
        #expect(several.status == 2)
        #expect(several.stderr.contains("jsonl"))
    }

    @Test func helpExplainsAndExitsZero() throws {
        let result = try run(Self.binary, ["extract", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("django_language"))
    }

    @Test func aBinaryCopiedAloneStillReadsEveryLanguage() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("charter")
        try FileManager.default.copyItem(at: Self.binary, to: copy)
        let result = try run(copy, ["extract", Self.fixture("category-column.html")])
        #expect(result.status == 0)
        let charter = try CharterJSON.decode(Data(result.stdout.utf8))
        #expect(charter.cookies.map(\.category) == [.necessary, .preferences, .statistics, .marketing])
        #expect(charter.cookies[1].retention?.seconds == 31_536_000)
    }
}

/// `--locales DIR` at run time.
struct LocalesOptionTests {
    @Test func aLocalesFolderTeachesANewLanguage() throws {
        let folder = try ExtractCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hungarian = """
            {"language": "hu", "name": "Magyar", "headers": {"name": ["nev"], "provider": ["szolgaltato"], "purpose": ["cel"],
             "retention": ["lejarat"]}, "categories": {}, "parties": {},
             "durations": {"units": {"year": ["ev"], "hour": ["ora"]}, "session": ["munkamenet"], "numbers": {}},
             "stopwords": ["ez", "egy", "az"]}
            """
        try Data(hungarian.utf8).write(to: folder.appendingPathComponent("hu.json"))
        let page = ExtractCommandTests.fixture("unknown-language.html")
        let result = try run(ExtractCommandTests.binary, ["extract", "--locales", folder.path, page])
        #expect(result.status == 0)
        let charter = try CharterJSON.decode(Data(result.stdout.utf8))
        #expect(charter.cookies[0].provider == "Google")
        #expect(charter.cookies[0].retention?.seconds == 63_072_000)
        #expect(charter.cookies[2].retention?.session == true)
        #expect(charter.cookies[0].extra == ["Hivatkozás": "https://policies.google.com/privacy"])
        #expect(charter.warnings.isEmpty, "the headers are known: \(charter.warnings)")

        let missing = try run(ExtractCommandTests.binary, ["extract", "--locales", folder.appendingPathComponent("none").path, page])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("locales folder"))
    }
}
