import CharterModel
import CharterTestSupport
import CharterTranslation
import Foundation
import Testing

/// Issue 18, defect 4: the previous version of the source alone tells stale texts; with
/// none, the export says why it cannot.
struct StaleTextTests {
    typealias F = TranslatorFixtures

    @Test(arguments: ["xliff", "po"], ["charte-fr-v1.html", "fr=charte-fr-v1.html"])
    func thePreviousSourceAloneTellsStaleTexts(_ format: String, _ previous: String) throws {
        let export = try F.charter([
            format, "export", "--source", "fr", "--target", "de", "fr=\(F.frV2)", "de=\(F.de)", "--previous", previous,
        ])
        #expect(export.status == 0)
        #expect(!export.stderr.contains("no previous version"))
        let stale = try F.read(export.stdout, format: format).units.filter { $0.previousSource != nil }
        #expect(stale.map(\.id).sorted() == ["cookie.csrftoken.purpose", "prose.fb4afd12ed24"])
        #expect(stale.allSatisfy { $0.state == .initial && $0.target != nil })
    }

    @Test(arguments: ["xliff", "po"])
    func withoutThePreviousSourceTheExportExplains(_ format: String) throws {
        let export = try F.charter([format, "export", "--source", "fr", "--target", "de", "fr=\(F.frV2)", "de=\(F.de)"])
        #expect(export.status == 0)
        #expect(
            export.stderr.contains(
                "no previous version of the source given: stale texts cannot be told; give --previous FILE"))
    }

    /// A target updated since the previous version is not stale.
    @Test func aTargetUpdatedSinceThePreviousVersionIsNotStale() throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let updated = try String(contentsOf: F.folder.appendingPathComponent(F.de), encoding: .utf8)
            .replacingOccurrences(
                of: "Formulare vor Anfragefälschung schützen.",
                with: "Formulare und API-Aufrufe vor Anfragefälschung schützen.")
        let target = try F.write(updated, "de-v2.html", in: folder)
        let export = try F.charter([
            "po", "export", "--source", "fr", "--target", "de", "fr=\(F.frV2)", "de=\(target.path)", "--previous",
            F.frV1,
            "--previous", "de=\(F.de)",
        ])
        let units = try POFormat.read(Array(export.stdout.utf8)).units
        let csrf = try #require(units.first { $0.id == "cookie.csrftoken.purpose" })
        #expect(csrf.previousSource == nil && csrf.state == .translated)
    }
}
