import CharterModel
import CharterStore
import Foundation
import Testing

/// What a watch alerts about, read from the store (issue 17): every version of a page,
/// one event when a series breaks and one when it recovers, never one per failed round.
struct FeedEventsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func charter(_ names: [String]) -> Charter {
        Charter(
            source: CharterSource(input: "x", format: .html, sha256: "0"), language: "fr",
            cookies: names.map { Cookie(name: $0, category: .necessary) })
    }

    static func at(_ minutes: Double) -> Date { now.addingTimeInterval(minutes * 60) }

    static func snapshot(_ text: String) -> SnapshotInput {
        SnapshotInput(url: "http://127.0.0.1/p", status: 200, headers: [], setCookieNames: [], body: Array(text.utf8), fetchedAt: now)
    }

    /// A store with two series.
    ///
    /// portal@fr: a first version; two failures; an extractor upgrade, then the page
    /// again unchanged; a failure; a new version. portal@en: fails from its first check.
    static func store() throws -> (CharterDatabase, [CheckID]) {
        let store = try CharterDatabase()
        let portal = SourceID("portal")
        var ids: [CheckID] = []
        func record(_ input: CheckInput) throws -> RecordedCheck {
            let recorded = try store.record(input)
            ids.append(recorded.id)
            return recorded
        }
        let first = try record(CheckInput(
            source: portal, url: "u", language: "fr", at: at(0), snapshot: snapshot("a"), charter: charter(["a"])))
        _ = try record(CheckInput(source: portal, url: "u", language: "fr", at: at(1), failure: "HTTP 500"))
        _ = try record(CheckInput(source: portal, url: "u", language: "fr", at: at(2), failure: "HTTP 502"))
        // A newer extractor reads the stored page again: its own check, no change of the page.
        let version = try #require(first.version)
        let stored = try #require(try store.snapshot(of: version))
        let upgraded = try store.recordReextraction(stored, charter: charter(["a", "x"]), at: at(3))
        _ = try record(CheckInput(
            source: portal, url: "u", language: "fr", at: at(3), snapshot: snapshot("a"), charter: charter(["a", "x"]),
            comparedWith: upgraded))
        _ = try record(CheckInput(source: portal, url: "u", language: "fr", at: at(4), failure: "fetch failed: timeout"))
        _ = try record(CheckInput(
            source: portal, url: "u", language: "fr", at: at(5), snapshot: snapshot("b"), charter: charter(["a", "x", "b"]),
            verdict: .reconsent,
            findings: [
                CheckFinding(kind: .diff, rule: "cookie-added", level: .reconsent, cookie: "b", message: "b was added"),
                CheckFinding(kind: .observed, rule: "undeclared-cookie", level: .critical, cookie: "z", message: "z was set"),
                CheckFinding(kind: .locale, rule: "missing", level: .critical, cookie: "b", message: "en: b is not declared"),
            ],
            comparedWith: upgraded, report: "portal-fr-1800000300.html"))
        _ = try record(CheckInput(source: portal, url: "u", language: "en", at: at(5), failure: "HTTP 404"))
        _ = try record(CheckInput(source: portal, url: "u", language: "en", at: at(6), failure: "HTTP 404"))
        return (store, ids)
    }

    @Test func aSeriesBreaksOnceAndRecoversOnce() throws {
        let (store, ids) = try Self.store()
        let events = try store.feedEvents(limit: 50)
        #expect(events.map(\.kind) == [.failed, .newVersion, .failed, .recovered, .failed, .firstVersion])
        #expect(events.map(\.check) == [ids[6], ids[5], ids[4], ids[3], ids[1], ids[0]])
        #expect(events.map(\.series) == ["portal@en", "portal@fr", "portal@fr", "portal@fr", "portal@fr", "portal@fr"])
        let recovered = events[3]
        #expect(recovered.recovering && recovered.previousReason == "HTTP 502", "the recovery follows the failures, past the upgrade")
        let changed = events[1]
        #expect(changed.recovering && changed.previousReason == "fetch failed: timeout")
        #expect(changed.verdict == .reconsent)
        #expect(changed.report == "portal-fr-1800000300.html")
        #expect(changed.findings.map(\.rule) == ["cookie-added", "missing"], "diff and locale findings, not observed ones")
        #expect(events[0].reason == "HTTP 404" && events[2].reason == "fetch failed: timeout")
        #expect(try store.feedEvents(limit: 2).map(\.check) == [ids[6], ids[5]])
    }

    @Test func aRoundsEventsAreItsChangesAndFailuresInOrder() throws {
        let (store, ids) = try Self.store()
        let round = try store.roundEvents(since: Self.at(5), limit: 10)
        #expect(round.map(\.check) == [ids[5], ids[6], ids[7]])
        #expect(round.map(\.kind) == [.newVersion, .failed, .failed])
        #expect(try store.roundEvents(since: Self.at(5), limit: 1).count == 1)
    }

    @Test func theFeedIdentityIsStableAndPerStore() throws {
        let empty = try CharterDatabase()
        #expect(try empty.feedIdentity() == nil)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-feed-id-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.sqlite").path
        var identity: String?
        do {
            let store = try CharterDatabase(path: path)
            _ = try store.record(CheckInput(source: SourceID("portal"), url: "u", language: "fr", at: Self.now, failure: "HTTP 500"))
            _ = try store.record(CheckInput(source: SourceID("other"), url: "u", language: "fr", at: Self.at(1), failure: "HTTP 500"))
            identity = try store.feedIdentity()
        }
        let id = try #require(identity)
        #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
        // Moved: the same store, the same identity.
        let moved = folder.appendingPathComponent("moved.sqlite").path
        try FileManager.default.moveItem(atPath: path, toPath: moved)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.moveItem(atPath: path + suffix, toPath: moved + suffix)
        }
        #expect(try CharterDatabase(path: moved).feedIdentity() == id)
        // Another store of the same source, started another moment: another identity.
        let other = try CharterDatabase()
        _ = try other.record(CheckInput(source: SourceID("portal"), url: "u", language: "fr", at: Self.at(1), failure: "HTTP 500"))
        #expect(try other.feedIdentity() != id)
    }
}
