import CharterModel
import CharterStore
import Foundation
import Testing

struct CharterDatabaseTests {
    static let source = SourceID("portal")
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func charter(_ names: [String]) -> Charter {
        Charter(
            source: CharterSource(input: "x", format: .html, sha256: "0"), language: "fr",
            cookies: names.map { Cookie(name: $0, category: .necessary) })
    }

    static func snapshot(_ text: String) -> SnapshotInput {
        SnapshotInput(
            url: "http://127.0.0.1/p", status: 200, headers: [("ETag", "\"v1\"")], setCookieNames: ["csrftoken"],
            body: Array(text.utf8), fetchedAt: now)
    }

    @Test func versionsAreStoredOnlyWhenTheContentChanges() throws {
        let store = try CharterDatabase()
        let first = try store.record(CheckInput(
            source: Self.source, url: "u", language: "fr", at: Self.now, snapshot: Self.snapshot("a"), charter: Self.charter(["a"])))
        #expect(first.outcome == .firstVersion)
        let same = try store.record(CheckInput(
            source: Self.source, url: "u", language: "fr", at: Self.now.addingTimeInterval(60), snapshot: Self.snapshot("a2"),
            charter: Self.charter(["a"]), comparedWith: first.version))
        #expect(same.outcome == .unchanged)
        #expect(same.version == first.version)
        let changed = try store.record(CheckInput(
            source: Self.source, url: "u", language: "fr", at: Self.now.addingTimeInterval(120), snapshot: Self.snapshot("b"),
            charter: Self.charter(["a", "b"]), verdict: .reconsent,
            findings: [StoredFinding(kind: .diff, rule: "RC-NEW-PURPOSE", level: .reconsent, cookie: "b", message: "b was added")],
            comparedWith: first.version))
        #expect(changed.outcome == .newVersion)
        #expect(changed.previous == first.version)
        #expect(try store.latestVersion(Self.source, language: "fr")?.charter.cookies.map(\.name) == ["a", "b"])
        #expect(try store.version(Self.source, language: "fr", back: 1)?.charter.cookies.map(\.name) == ["a"])
        #expect(try store.findings(of: changed.id).map(\.rule) == ["RC-NEW-PURPOSE"])
        #expect(try store.validators(Self.source, language: "fr").etag == "\"v1\"")
        #expect(try store.history(Self.source).map(\.outcome) == [.firstVersion, .unchanged, .newVersion])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func aFailedCheckNeverStoresAVersion() throws {
        let store = try CharterDatabase()
        let first = try store.record(CheckInput(source: Self.source, url: "u", language: "fr", at: Self.now, charter: Self.charter(["a"])))
        for reason in ["HTTP 500", "empty body", "no cookie table"] {
            let failed = try store.record(CheckInput(
                source: Self.source, url: "u", language: "fr", at: Self.now, charter: Self.charter([]), failure: reason))
            #expect(failed.outcome == .failed)
            #expect(failed.version == nil)
        }
        #expect(try store.latestVersion(Self.source, language: "fr")?.id == first.version)
        #expect(try store.consecutiveFailures(Self.source, language: "fr") == 3)
        #expect(try store.history(Self.source, language: "fr").last?.reason == "no cookie table")
    }

    @Test func aDiffAgainstAnOlderVersionIsRefused() throws {
        let store = try CharterDatabase()
        _ = try store.record(CheckInput(source: Self.source, url: "u", language: "fr", at: Self.now, charter: Self.charter(["a"])))
        #expect(throws: StoreError.self) {
            try store.record(CheckInput(source: Self.source, url: "u", language: "fr", at: Self.now, charter: Self.charter(["b"]), comparedWith: nil))
        }
    }

    @Test func theStoreSurvivesReopening() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("charter-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let store = try CharterDatabase(path: path)
            _ = try store.record(CheckInput(source: Self.source, url: "u", language: "fr", at: Self.now, snapshot: Self.snapshot("<p>x</p>"), charter: Self.charter(["a"])))
        }
        let reopened = try CharterDatabase(path: path)
        #expect(try reopened.latestVersion(Self.source, language: "fr")?.charter.cookies.count == 1)
        #expect(try reopened.integrityCheck() == "ok")
    }
}

struct ReextractionTests {
    @Test func aNewReadingOfAStoredPageIsAnExtractorChange() throws {
        let store = try CharterDatabase()
        let page = "<table><tr><th>Cookie name</th><th>Purpose</th></tr><tr><td>a</td><td>x</td></tr></table>"
        _ = try store.record(CheckInput(
            source: CharterDatabaseTests.source, url: "u", language: "fr", at: CharterDatabaseTests.now,
            snapshot: CharterDatabaseTests.snapshot(page), charter: CharterDatabaseTests.charter(["a"])))
        let snapshots = try store.latestSnapshots()
        #expect(snapshots.count == 1)
        #expect(String(decoding: snapshots[0].body, as: UTF8.self) == page)
        #expect(snapshots[0].header("ETag") == "\"v1\"")
        let better = CharterDatabaseTests.charter(["a", "b"])
        _ = try store.recordReextraction(snapshots[0], charter: better, at: CharterDatabaseTests.now)
        let history = try store.history(CharterDatabaseTests.source)
        #expect(history.last?.outcome == .newVersion)
        #expect(history.last?.reason?.contains("extractor change") == true)
        #expect(try store.latestVersion(CharterDatabaseTests.source, language: "fr")?.cause == "extractor")
        // A second re-extraction against the old version is refused: it is no longer the latest.
        #expect(throws: StoreError.self) { try store.recordReextraction(snapshots[0], charter: better, at: CharterDatabaseTests.now) }
    }
}
