import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// export → edit → import, through the CLI, in both formats.
struct RoundTripTests {
    static let fr = TestPaths.fixture("locale-fr.html", in: "CharterDiffTests").path
    static let en = TestPaths.fixture("locale-en.html", in: "CharterDiffTests").path

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-tr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func xliffRoundTripKeepsTheEditedTextsExactly() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = try run(TestPaths.charterBinary, ["xliff", "export", "--source", "fr", "--target", "en", "fr=\(Self.fr)", "en=\(Self.en)"])
        #expect(export.status == 0)
        var xliff = export.stdout
        #expect(xliff.contains("xmlns=\"urn:oasis:names:tc:xliff:document:2.0\""))
        #expect(xliff.contains("<segment state=\"initial\">"))
        let exported = folder.appendingPathComponent("exported.xlf")
        try Data(xliff.utf8).write(to: exported)
        try FileChecks.expectValidXLIFF(exported)
        // The translator fixes the untranslated purpose and translates the missing cookie.
        let fixed = "Remember the visitor's language & \"choice\" <always>"
        xliff = xliff.replacingOccurrences(
            of: "<target>Se souvenir de la langue du visiteur</target>",
            with: "<target>Remember the visitor&apos;s language &amp; &quot;choice&quot; &lt;always&gt;</target>")
        xliff = xliff.replacingOccurrences(
            of: "<source>Récupérer des données via des appels API</source>",
            with: "<source>Récupérer des données via des appels API</source>\n<target>Fetch data through API calls</target>")
        let file = folder.appendingPathComponent("en.xlf")
        try Data(xliff.utf8).write(to: file)
        let html = folder.appendingPathComponent("en.html").path
        let imported = try run(TestPaths.charterBinary, ["xliff", "import", "--html", html, file.path])
        #expect(imported.status == 0)
        let charter = try CharterJSON.decode(Data(imported.stdout.utf8))
        #expect(charter.language == "en")
        #expect(charter.cookies.first { $0.name == "django_language" }?.purpose == fixed)
        #expect(charter.cookies.first { $0.name == "csrftoken" }?.purpose == "Fetch data through API calls")
        #expect(charter.cookies.first { $0.name == "sessionid" }?.purpose == "Remember the user from one page to another.")
        let table = try String(contentsOfFile: html, encoding: .utf8)
        #expect(table.contains("Remember the visitor's language &amp; \"choice\" &lt;always&gt;"))
    }

    @Test func poRoundTripKeepsTheEditedTextsExactlyAndPassesMsgfmt() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = try run(TestPaths.charterBinary, ["po", "export", "--source", "fr", "--target", "en", "fr=\(Self.fr)", "en=\(Self.en)"])
        #expect(export.status == 0)
        #expect(export.stdout.contains("#, fuzzy"))
        let poFile = folder.appendingPathComponent("en.po")
        var po = export.stdout
        po = po.replacingOccurrences(
            of: "msgid \"Récupérer des données via des appels API\"\nmsgstr \"\"",
            with: "msgid \"Récupérer des données via des appels API\"\nmsgstr \"Fetch data \\\"through\\\" API\\ncalls\"")
        try Data(po.utf8).write(to: poFile)
        try FileChecks.expectValidPO(poFile)
        let imported = try run(TestPaths.charterBinary, ["po", "import", poFile.path])
        #expect(imported.status == 0)
        let charter = try CharterJSON.decode(Data(imported.stdout.utf8))
        #expect(charter.cookies.first { $0.name == "csrftoken" }?.purpose == "Fetch data \"through\" API\ncalls")
    }

    @Test(arguments: [
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><xliff>&lol2;</xliff>",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xliff>&xxe;</xliff>",
        "<xliff version=\"2.0\"><file>",
        "<html><body>not xliff</body></html>",
    ])
    func hostileOrBrokenXLIFFIsRefused(_ content: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.xlf")
        try Data(content.utf8).write(to: file)
        let result = try run(TestPaths.charterBinary, ["xliff", "import", file.path])
        #expect(result.status == 2)
        #expect(!result.stdout.contains("root:"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aFallbackTargetIsNotUsedAsATranslation() throws {
        let export = try run(TestPaths.charterBinary, ["xliff", "export", "--source", "fr", "--target", "de", "fr=\(Self.fr)", "de=\(Self.fr)"])
        #expect(export.status == 0)
        #expect(!export.stdout.contains("<target>"))
    }
}
