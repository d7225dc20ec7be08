import CharterModel
import CharterTestSupport
import CharterTranslation
import Foundation
import Testing

/// Issue 18, defect 1: ids never shift.
///
/// A paragraph added at the top of the French page
/// gets a new unit with no target; the others keep their ids and translations; the
/// edited intro keeps its id, stale, with its previous source.
struct StableUnitTests {
    typealias F = TranslatorFixtures

    static let cases: [(format: String, language: String)] = [
        ("xliff", "en"), ("xliff", "de"), ("po", "en"), ("po", "de"),
    ]

    static func export(_ format: String, _ language: String, _ version: String, previous: Bool) throws -> ProcessResult
    {
        try F.charter(
            [
                format, "export", "--source", "fr", "--target", language, "fr=\(version)",
                "\(language)=\(F.target(language))",
            ]
                + (previous ? ["--previous", F.frV1] : []))
    }

    @Test(arguments: cases)
    func anInsertedParagraphShiftsNoIdAndTheEditedOneIsStale(_ format: String, _ language: String) throws {
        let v1 = try Self.export(format, language, F.frV1, previous: false)
        let v2 = try Self.export(format, language, F.frV2, previous: true)
        #expect(v1.status == 0 && v2.status == 0, "\(v1.stderr)\(v2.stderr)")
        let before = try F.read(v1.stdout, format: format)
        let after = try F.read(v2.stdout, format: format)
        let old = Dictionary(before.units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The inserted paragraph: a new id, no target (never the old intro's English).
        let inserted = try #require(after.units.first { $0.source == F.insertedParagraph })
        #expect(old[inserted.id] == nil)
        #expect(inserted.target == nil && inserted.state == .initial)
        // The edited intro keeps its id and its translation, stale with the old source.
        let intro = try #require(after.units.first { $0.source == F.editedIntro })
        let oldIntro = try #require(before.units.first { $0.source == F.oldIntro })
        #expect(intro.id == oldIntro.id)
        #expect(intro.target == oldIntro.target && intro.target != nil)
        #expect(intro.state == .initial)
        #expect(intro.previousSource == F.oldIntro)
        // So does the edited cookie purpose.
        let csrf = try #require(after.units.first { $0.source == F.newCsrf })
        #expect(csrf.id == "cookie.csrftoken.purpose" && csrf.previousSource == F.oldCsrf && csrf.state == .initial)
        // Every unchanged text keeps its id and its target.
        for unit in after.units
        where unit.source != F.editedIntro && unit.source != F.newCsrf && unit.source != F.insertedParagraph {
            let was = try #require(old[unit.id], "\(unit.id) is new")
            #expect(was.source == unit.source && was.target == unit.target && was.state == unit.state)
        }
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try F.write(v2.stdout, "v2.\(format)", in: folder)
        if format == "po" {
            #expect(v2.stdout.contains("#| msgid \"Afin de vous proposer"))
            try FileChecks.expectValidPO(file)
        } else {
            try FileChecks.expectValidXLIFF(file)
        }
    }

    /// Without the previous version, a page whose prose no longer lines up is not paired
    /// by position: no unit gets another paragraph's translation, and the user is told.
    @Test(arguments: ["xliff", "po"])
    func withoutThePreviousVersionMisalignedProseIsNotPairedByPosition(_ format: String) throws {
        let export = try Self.export(format, "en", F.frV2, previous: false)
        #expect(export.status == 0)
        #expect(export.stderr.contains("prose does not line up"))
        let file = try F.read(export.stdout, format: format)
        let inserted = try #require(file.units.first { $0.source == F.insertedParagraph })
        #expect(inserted.target == nil)
        #expect(!file.units.contains { $0.target?.hasPrefix("To offer you") == true && $0.state == .translated })
    }

    @Test(arguments: ["xliff", "po"])
    func idsAreTheSameInEveryExportOfTheSameTexts(_ format: String) throws {
        let first = try Self.export(format, "de", F.frV2, previous: true)
        let second = try Self.export(format, "de", F.frV2, previous: true)
        #expect(first.stdout == second.stdout)
        let ids = try F.read(first.stdout, format: format).units.map(\.id)
        #expect(Set(ids).count == ids.count)
        // XML NMTOKENs: letters, digits, `.`, `-`, `_`.
        #expect(ids.allSatisfy { $0.allSatisfy { $0.isLetter || $0.isNumber || "._-".contains($0) } })
        #expect(!ids.contains { $0.hasPrefix("section.") })
    }

    @Test func xliffMarksCookieNamesAndKeepsOneSegmentPerUnit() throws {
        let export = try Self.export("xliff", "en", F.frV2, previous: true)
        let xliff = export.stdout
        #expect(
            xliff.contains(
                "<unit id=\"name.sessionid\" name=\"name of a cookie (kept as it is)\" canResegment=\"no\" translate=\"no\">"
            ))
        #expect(xliff.contains("<source>Le cookie <mrk id=\"m1\" translate=\"no\">sessionid</mrk> est indispensable"))
        #expect(xliff.components(separatedBy: "<unit ").count == xliff.components(separatedBy: "<segment ").count)
        #expect(
            xliff.components(separatedBy: "<unit ").count == xliff.components(separatedBy: "canResegment=\"no\"").count)
        #expect(xliff.contains("<note category=\"previous-source\">\(F.oldIntro)</note>"))
        // The marks are read back as the text itself.
        let read = try XLIFFFormat.read(Array(xliff.utf8))
        #expect(
            read.units.contains {
                $0.source
                    == "Le cookie sessionid est indispensable : sans lui, vous devez vous reconnecter à chaque page."
            })
        #expect(read.units.filter { !$0.translatable }.count == 6)
    }

    @Test func goldenXLIFFAndPO() throws {
        try expectGolden(try Self.export("xliff", "en", F.frV2, previous: true).stdout, "fr-en-v2.xlf")
        try expectGolden(try Self.export("po", "de", F.frV2, previous: true).stdout, "fr-de-v2.po")
    }
}
