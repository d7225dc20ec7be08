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
        let export = try run(
            TestPaths.charterBinary,
            ["xliff", "export", "--source", "fr", "--target", "en", "fr=\(Self.fr)", "en=\(Self.en)"])
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
            with:
                "<source>Récupérer des données via des appels API</source>\n<target>Fetch data through API calls</target>"
        )
        // … and marks both done (a tool sets the state with the target).
        xliff = xliff.replacingOccurrences(
            of: "<segment state=\"initial\">\n        <source>Se souvenir de la langue du visiteur</source>",
            with: "<segment state=\"translated\">\n        <source>Se souvenir de la langue du visiteur</source>")
        xliff = xliff.replacingOccurrences(
            of: "<segment state=\"initial\">\n        <source>Récupérer des données via des appels API</source>",
            with: "<segment state=\"translated\">\n        <source>Récupérer des données via des appels API</source>")
        let file = folder.appendingPathComponent("en.xlf")
        try Data(xliff.utf8).write(to: file)
        let html = folder.appendingPathComponent("en.html").path
        let imported = try run(TestPaths.charterBinary, ["xliff", "import", "--html", html, file.path])
        // The English page's prose does not line up with the French: left untranslated,
        // listed, exit 1; every cookie text is published.
        #expect(imported.status == 1)
        #expect(imported.stderr.contains("skipped: prose."))
        #expect(!imported.stderr.contains("skipped: cookie."), "\(imported.stderr)")
        let charter = try CharterJSON.decode(Data(imported.stdout.utf8))
        #expect(charter.language == "en")
        #expect(charter.cookies.first { $0.name == "django_language" }?.purpose == fixed)
        #expect(charter.cookies.first { $0.name == "csrftoken" }?.purpose == "Fetch data through API calls")
        #expect(
            charter.cookies.first { $0.name == "sessionid" }?.purpose == "Remember the user from one page to another.")
        let table = try String(contentsOfFile: html, encoding: .utf8)
        #expect(table.contains("Remember the visitor's language &amp; \"choice\" &lt;always&gt;"))
    }

    @Test func poRoundTripKeepsTheEditedTextsExactlyAndPassesMsgfmt() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = try run(
            TestPaths.charterBinary,
            ["po", "export", "--source", "fr", "--target", "en", "fr=\(Self.fr)", "en=\(Self.en)"])
        #expect(export.status == 0)
        #expect(export.stdout.contains("#, fuzzy"))
        let poFile = folder.appendingPathComponent("en.po")
        var po = export.stdout
        po = po.replacingOccurrences(
            of: "msgid \"Récupérer des données via des appels API\"\nmsgstr \"\"",
            with:
                "msgid \"Récupérer des données via des appels API\"\nmsgstr \"Fetch data \\\"through\\\" API\\ncalls\"")
        try Data(po.utf8).write(to: poFile)
        try FileChecks.expectValidPO(poFile)
        let imported = try run(TestPaths.charterBinary, ["po", "import", poFile.path])
        // The still-French django_language purpose is fuzzy, the prose untranslated.
        #expect(imported.status == 1)
        #expect(
            imported.stderr.contains("skipped: cookie.django_language.purpose: fuzzy or initial target not published"))
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
        let export = try run(
            TestPaths.charterBinary,
            ["xliff", "export", "--source", "fr", "--target", "de", "fr=\(Self.fr)", "de=\(Self.fr)"])
        #expect(export.status == 0)
        #expect(!export.stdout.contains("<target>"))
    }

    /// Issue 18: a translator's tool (translate-toolkit, Weblate's library) opens the
    /// export of a changed French page, translates what is new, confirms what is stale,
    /// saves; charter imports it cleanly (exit 0, nothing on stderr), every text in place.
    @Test(arguments: [("xliff", "de"), ("po", "de"), ("xliff", "en"), ("po", "en")])
    func aFileSavedByTranslateToolkitImportsCleanly(_ format: String, _ language: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = try TranslatorFixtures.charter([
            format, "export", "--source", "fr", "--target", language, "fr=\(TranslatorFixtures.frV2)",
            "\(language)=\(TranslatorFixtures.target(language))", "--previous", TranslatorFixtures.frV1,
        ])
        #expect(export.status == 0)
        let file = folder.appendingPathComponent("\(language).\(format == "po" ? "po" : "xlf")")
        try Data(export.stdout.utf8).write(to: file)
        let script = """
            import sys
            from translate.storage import factory, xliff2
            path, kind, lang = sys.argv[1], sys.argv[2], sys.argv[3]
            if kind == 'xliff':
                with open(path, 'rb') as handle:
                    store = xliff2.Xliff2File.parsestring(handle.read())
            else:
                store = factory.getobject(path)
            for unit in store.units:
                if kind == 'po' and unit.isheader():
                    continue
                if unit.getid().startswith('name.') or (kind == 'xliff' and unit.xmlelement.getparent().get('translate') == 'no'):
                    continue
                if not unit.target or unit.isfuzzy():
                    unit.target = '[' + lang + '] ' + unit.source
                unit.markfuzzy(False)
            with open(path, 'wb') as handle:
                handle.write(bytes(store))
            """
        guard let edited = try TranslatorFixtures.python(script, [file.path, format, language]) else { return }
        #expect(edited.status == 0, "\(edited.stderr)")
        if format == "po" { try FileChecks.expectValidPO(file) } else { try FileChecks.expectValidXLIFF(file) }
        let imported = try run(TestPaths.charterBinary, [format, "import", file.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.isEmpty)
        let charter = try CharterJSON.decode(Data(imported.stdout.utf8))
        #expect(charter.language == language)
        #expect(charter.sections[0].paragraphs[0] == "[\(language)] " + TranslatorFixtures.insertedParagraph)
        #expect(charter.sections[0].paragraphs[1] == "[\(language)] " + TranslatorFixtures.editedIntro)
        #expect(
            charter.cookies.first { $0.name == "csrftoken" }?.purpose == "[\(language)] " + TranslatorFixtures.newCsrf)
        #expect(charter.cookies.first { $0.name == "sessionid" }?.purpose?.hasPrefix("[") == false)
    }
}
