import CharterExtract
import CharterModel
import CharterStore
import CharterTestSupport
import Foundation
import Testing

/// A store filled by an older charter, watched by this one: an unchanged page must not
/// be reported as changed because this build reads it better. The stored page is read
/// again with the running extractor before comparing, and kept as an extractor version.
@Suite(.serialized)
struct UpgradeTests {
    /// A page whose label an older extractor read as necessary ("Nicht notwendige Cookies").
    static let page = try! String(
        contentsOf: TestPaths.fixture("meaning/a-de-gruppe-nicht-notwendig.html", in: "CharterExtractTests"), encoding: .utf8)

    @Test func anUnchangedPageReadBetterIsNotAChangeOfTheSite() async throws {
        let server = try await TestHTTPServer.start { _ in .html(Self.page, headers: [("Content-Language", "de")]) }
        defer { Task { await server.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = server.baseURL + "/cookies"
        let config = folder.appendingPathComponent("charter.yml").path
        try Data("sources:\n  - id: shop\n    url: \(url)\n    languages: [de]\n".utf8).write(to: URL(fileURLWithPath: config))
        let db = folder.appendingPathComponent("charter.sqlite").path

        // What an older extractor stored: the same page, every cookie read as necessary
        // and no evidence (charters written before evidence existed).
        let bytes = Array(Self.page.utf8)
        var older = try CharterExtractor().extract(ExtractionInput(bytes: bytes, name: url, url: url, requestedLanguage: "de"))
        older.cookies = older.cookies.map { cookie in
            var cookie = cookie
            cookie.category = .necessary
            cookie.evidence = nil
            return cookie
        }
        let store = try CharterDatabase(path: db)
        let snapshot = SnapshotInput(
            url: url, status: 200, headers: [("Content-Type", "text/html; charset=utf-8"), ("Content-Language", "de")],
            setCookieNames: [], body: bytes, fetchedAt: Date(timeIntervalSinceNow: -86_400))
        _ = try store.record(CheckInput(
            source: SourceID("shop"), url: url, language: "de", at: Date(timeIntervalSinceNow: -86_400), snapshot: snapshot,
            charter: older))

        let result = try run(TestPaths.charterBinary, ["watch", "--config", config, "--db", db, "--format", "json"], timeout: 120)
        let summary = try JSONValue.parse(Data(result.stdout.utf8))
        guard case .array(let checks)? = summary["checks"], let check = checks.first else {
            Issue.record("no checks: \(result.stdout) \(result.stderr)")
            return
        }
        #expect(check["outcome"] == .string("unchanged"), "\(result.stdout)")
        #expect(result.status == 0, "no change, no alarm: \(result.stdout)")
        // The better reading is kept, as the extractor's, never as the page's.
        let latest = try #require(try store.latestVersion(SourceID("shop"), language: "de"))
        #expect(latest.cause == "extractor")
        #expect(latest.charter.cookies.contains { $0.category == .marketing })
        #expect(try store.integrityCheck() == "ok")
    }
}
