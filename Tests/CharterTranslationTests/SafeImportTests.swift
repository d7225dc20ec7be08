import CharterModel
import CharterTestSupport
import CharterTranslation
import Foundation
import Testing

/// Issue 18, defects 2 and 3: an import never publishes a fuzzy or `initial` target
/// without `--accept-fuzzy`, lists every unit it skips and exits 1; a file whose units
/// are not the texts of the source it carries (msgmerge kept an old skeleton) is refused
/// with the units that differ, or re-based on the current source with `--rebase`.
struct SafeImportTests {
    typealias F = TranslatorFixtures

    /// The German page leaves django_language's purpose in French: exported fuzzy.
    @Test(arguments: ["xliff", "po"])
    func aFuzzyTargetIsNotPublishedAndTheImportSaysSo(_ format: String) throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = try F.charter([
            format, "export", "--source", "fr", "--target", "de", "fr=\(F.frV1)", "de=\(F.de)", "--previous", F.frV1,
        ])
        #expect(export.status == 0)
        let file = try F.write(export.stdout, "de.\(format)", in: folder)
        let imported = try run(TestPaths.charterBinary, [format, "import", file.path])
        #expect(imported.status == 1)
        let skipped = imported.stderr.split(separator: "\n").filter { $0.contains("skipped:") }
        #expect(skipped.count == 1, "\(imported.stderr)")
        #expect(
            skipped.first?.contains("cookie.django_language.purpose: fuzzy or initial target not published") == true)
        let charter = try CharterJSON.decode(Data(imported.stdout.utf8))
        #expect(charter.cookies.first { $0.name == "csrftoken" }?.purpose == "Formulare vor Anfragefälschung schützen.")

        let accepted = try run(TestPaths.charterBinary, [format, "import", "--accept-fuzzy", file.path])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stderr.isEmpty)
    }

    /// `msgmerge --previous old.po new.pot` keeps the old header, skeleton and hash: the
    /// import refuses, naming the units; `--rebase` matches them to the current source.
    @Test func aMergeThatKeptTheOldSkeletonIsRefusedOrRebased() throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = try F.charter([
            "po", "export", "--source", "fr", "--target", "en", "fr=\(F.frV1)", "en=\(F.en)", "--previous", F.frV1,
        ])
        let template = try F.charter(["po", "export", "--pot", "--source", "fr", "fr=\(F.frV2)", "--previous", F.frV1])
        #expect(old.status == 0 && template.status == 0, "\(old.stderr)\(template.stderr)")
        let oldPO = try F.write(old.stdout, "old.po", in: folder)
        let pot = try F.write(template.stdout, "new.pot", in: folder)
        let merged = folder.appendingPathComponent("merged.po")
        guard
            let merge = try FileChecks.runTool(
                ["/usr/bin/msgmerge", "/usr/local/bin/msgmerge"],
                ["--quiet", "--previous", "-o", merged.path, oldPO.path, pot.path],
                missing: "msgmerge is not installed (apt-get install gettext): the merge was not tried")
        else { return }
        #expect(merge.status == 0, "\(merge.stderr)")
        let refused = try run(TestPaths.charterBinary, ["po", "import", merged.path])
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("prose.95b4d79cae4d: its source is not a text of the source charter"))
        #expect(refused.stderr.contains("cookie.csrftoken.purpose: its source is not a text of the source charter"))

        let rebased = try run(
            TestPaths.charterBinary,
            ["po", "import", "--rebase", F.folder.appendingPathComponent(F.frV2).path, merged.path])
        #expect(rebased.status == 1, "\(rebased.stderr)")
        let charter = try CharterJSON.decode(Data(rebased.stdout.utf8))
        // The new version's paragraph is there (in French: nobody translated it yet) …
        #expect(charter.sections[0].paragraphs.first == F.insertedParagraph)
        #expect(rebased.stderr.contains("skipped: prose.95b4d79cae4d: no translation"))
        // … the stale ones are not published, the unchanged ones are.
        #expect(rebased.stderr.contains("skipped: cookie.csrftoken.purpose: fuzzy or initial target not published"))
        #expect(
            charter.cookies.first { $0.name == "sessionid" }?.purpose == "Remember the user from one page to another.")
        #expect(
            charter.sections[0].paragraphs[2]
                == "The sessionid cookie is essential: without it, you must sign in again on every page.")
    }

    /// A skeleton that is not the source the file records (hand-edited, or pasted from
    /// another export) is refused.
    @Test func aSkeletonThatIsNotTheRecordedSourceIsRefused() throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = try F.charter([
            "po", "export", "--source", "fr", "--target", "en", "fr=\(F.frV1)", "en=\(F.en)", "--previous", F.frV1,
        ])
        let hash = try #require(export.stdout.firstMatch(of: /X-Charter-Source-SHA256: ([0-9a-f]+)/)?.1)
        let po = export.stdout.replacingOccurrences(of: String(hash), with: String(repeating: "0", count: 64))
        let file = try F.write(po, "en.po", in: folder)
        let imported = try run(TestPaths.charterBinary, ["po", "import", file.path])
        #expect(imported.status == 2)
        #expect(imported.stderr.contains("the file's skeleton is not the source it was exported from"))
    }

    /// A unit whose msgid was edited no longer matches the skeleton: refused.
    @Test func anEditedSourceIsRefused() throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = try F.charter([
            "xliff", "export", "--source", "fr", "--target", "en", "fr=\(F.frV1)", "en=\(F.en)", "--previous", F.frV1,
        ])
        let xliff = export.stdout.replacingOccurrences(
            of: "<source>Se souvenir de la langue du visiteur.</source>",
            with: "<source>Se souvenir de la langue.</source>")
        let file = try F.write(xliff, "en.xlf", in: folder)
        let imported = try run(TestPaths.charterBinary, ["xliff", "import", file.path])
        #expect(imported.status == 2)
        #expect(
            imported.stderr.contains("cookie.django_language.purpose: its source is not a text of the source charter"))
        #expect(
            imported.stderr.contains(
                "a text of the source charter that no unit translates: «Se souvenir de la langue du visiteur.»"))
    }
}
