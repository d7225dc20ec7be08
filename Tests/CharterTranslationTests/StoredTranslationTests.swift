import CharterExtract
import CharterModel
import CharterStore
import CharterTestSupport
import CharterTranslation
import Foundation
import Testing

/// Issue 18, stale texts and memory from history: with a watch store, the export reads
/// the stored versions — the source as it was when the target last changed tells the
/// stale texts, with no `--previous` to give.
struct StoredTranslationTests {
    typealias F = TranslatorFixtures

    static func charter(_ name: String, _ language: String) throws -> Charter {
        let bytes = Array(try Data(contentsOf: F.folder.appendingPathComponent(name)))
        return try CharterExtractor().extract(ExtractionInput(
            bytes: bytes, name: name, contentType: "text/html; charset=utf-8", requestedLanguage: language))
    }

    @Test(arguments: ["xliff", "po"])
    func staleTextsComeFromTheStoredVersions(_ format: String) throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("charter.sqlite").path
        let store = try CharterDatabase(path: db)
        let day = Date(timeIntervalSince1970: 1_796_083_200)
        func record(_ name: String, _ language: String, at: Date) throws {
            let latest = try store.state(of: SourceID("portal"), language: language).latest
            _ = try store.record(CheckInput(
                source: SourceID("portal"), url: "https://portal.example/cookies", language: language, at: at,
                charter: try Self.charter(name, language), comparedWith: latest?.id))
        }
        try record(F.frV1, "fr", at: day)
        try record(F.de, "de", at: day.addingTimeInterval(3_600))
        try record(F.frV2, "fr", at: day.addingTimeInterval(86_400))

        let export = try F.charter([format, "export", "--db", db, "--source", "fr", "--target", "de", "portal"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(!export.stderr.contains("no previous version"), "the store has it: \(export.stderr)")
        let file = try F.read(export.stdout, format: format)
        let stale = file.units.filter { $0.previousSource != nil }
        #expect(stale.map(\.id).sorted() == ["cookie.csrftoken.purpose", "prose.fb4afd12ed24"], "as with the files given by hand")
        #expect(file.units.contains { $0.state == .translated }, "the stored German version pre-fills what did not change")

        let missing = try F.charter([format, "export", "--db", db, "--source", "fr", "--target", "de", "shop"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no version of shop@fr"), "\(missing.stderr)")
    }
}
