import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// A language travels from untrusted places (a translator's file, a server's header, a
/// page's `lang`, a user's option or configuration) into HTML attributes, XML, HTTP headers
/// and the store. Only a well-formed BCP 47 tag goes through: from a file, option or
/// configuration anything else is an error (exit 2); from a server it is dropped with a
/// warning.
struct LanguageTagTests {
    static let injection = "en\"><script>alert(1)</script><b x=\""
    static let fr = TestPaths.fixture("opendatasoft-portal-fr.html", in: "CharterExtractTests").path
    static let en = TestPaths.fixture("opendatasoft-portal-en.html", in: "CharterExtractTests").path

    @Test(arguments: ["fr", "en", "pt-BR", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1996", "x-klingon", "i-navajo", "es-419"])
    func wellFormedTagsPass(_ tag: String) { #expect(LanguageTag.isWellFormed(tag)) }

    @Test(arguments: ["", "e", "en_US", "en; sessionid=x", "en\"", "fr-", "-fr", "français", "en-toolongsubtag", injection, "1en"])
    func malformedTagsFail(_ tag: String) { #expect(!LanguageTag.isWellFormed(tag)) }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Issue 16, item 1: a `trgLang` or `Language:` that closes the attribute never reaches
    /// the published table; the file is refused in one line.
    @Test(arguments: ["xliff", "po"])
    func aTranslatorsLanguageThatIsNotATagIsRefused(_ format: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = try run(TestPaths.charterBinary, [format, "export", "--source", "fr", "--target", "en", "fr=\(Self.fr)", "en=\(Self.en)"])
        #expect(export.status == 0)
        let hostile = format == "xliff"
            ? export.stdout.replacingOccurrences(
                of: "trgLang=\"en\"",
                with: "trgLang='" + Self.injection.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;") + "'")
            : export.stdout.replacingOccurrences(of: "\"Language: en\\n\"", with: "\"Language: \(Self.injection.replacingOccurrences(of: "\"", with: "\\\""))\\n\"")
        #expect(hostile != export.stdout, "the test did not plant its language")
        let file = folder.appendingPathComponent("en.\(format == "xliff" ? "xlf" : "po")")
        try Data(hostile.utf8).write(to: file)
        let html = folder.appendingPathComponent("en.html")
        let imported = try run(TestPaths.charterBinary, [format, "import", "--html", html.path, file.path])
        #expect(imported.status == 2)
        #expect(imported.stderr.contains("BCP 47"), "\(imported.stderr)")
        #expect(imported.stderr.split(separator: "\n").count == 1)
        let table = (try? String(contentsOf: html, encoding: .utf8)) ?? ""
        #expect(!table.contains("<script"))
    }

    @Test func anOptionThatIsNotATagIsAnError() throws {
        let result = try run(TestPaths.charterBinary, ["extract", "--lang", "en; sessionid=x", Self.fr])
        #expect(result.status == 2)
        #expect(result.stderr.contains("BCP 47"))
    }

    /// From a server: dropped, with a warning; the page is still read.
    @Test func aServersLanguageThatIsNotATagIsDropped() throws {
        let page = "<html lang=\"\(Self.injection.replacingOccurrences(of: "\"", with: "&quot;"))\"><body><table>"
            + "<tr><th>Name</th><th>Purpose</th></tr><tr><td>_ga</td><td>Audience</td></tr></table></body></html>"
        let result = try run(TestPaths.charterBinary, ["extract", "-"], stdin: Data(page.utf8))
        #expect(result.status == 0)
        let charter = try CharterJSON.decode(Data(result.stdout.utf8))
        #expect(charter.source.declaredLanguage == nil)
        #expect(charter.warnings.contains { $0.contains("not a BCP 47 language tag") })
    }
}
