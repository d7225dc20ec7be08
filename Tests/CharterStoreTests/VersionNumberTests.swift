import CharterModel
import CharterStore
import Foundation
import Testing

/// Version numbers per language (issue 17): `portal@fr#3` is the third French version,
/// whatever the other languages did, in new stores and in stores migrated to them.
struct VersionNumberTests {
    static let source = SourceID("portal")
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func charter(_ names: [String], _ language: String = "fr") -> Charter {
        Charter(
            source: CharterSource(input: "x", format: .html, sha256: "0"), language: language,
            cookies: names.map { Cookie(name: $0, category: .necessary) })
    }

    /// Records a check of `language` reading `names`, `minutes` after `now`.
    @discardableResult
    static func check(_ store: CharterDatabase, _ language: String, _ names: [String], minutes: Double) throws -> RecordedCheck {
        let latest = try store.latestVersionHeader(source, language: language)
        let at = now.addingTimeInterval(minutes * 60)
        return try store.record(CheckInput(
            source: source, url: "u", language: language, at: at,
            snapshot: SnapshotInput(
                url: "u", status: 200, headers: [], setCookieNames: [], body: Array("\(language) \(names)".utf8), fetchedAt: at),
            charter: charter(names, language), comparedWith: latest?.id))
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("charter-numbers-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test func eachLanguageCountsItsOwnVersions() throws {
        let store = try CharterDatabase()
        try Self.check(store, "fr", ["a"], minutes: 0)
        try Self.check(store, "en", ["a"], minutes: 1)
        try Self.check(store, "fr", ["a", "b"], minutes: 2)
        try Self.check(store, "fr", ["a", "b"], minutes: 3)
        try Self.check(store, "en", ["a", "b"], minutes: 4)
        try Self.check(store, "fr", ["a", "b", "c"], minutes: 5)
        #expect(try store.versionNumbers(Self.source, language: "fr") == [1, 2, 3])
        #expect(try store.versionNumbers(Self.source, language: "en") == [1, 2])
        #expect(try store.version(Self.source, language: "fr", number: 2)?.charter.cookies.map(\.name) == ["a", "b"])
        #expect(try store.version(Self.source, language: "en", number: 2)?.charter.cookies.map(\.name) == ["a", "b"])
        #expect(try store.version(Self.source, language: "fr", number: 4) == nil)
        let history = try store.history(Self.source, language: "fr", since: nil, limit: nil)
        #expect(history.map(\.number) == [1, 2, 2, 3])
        #expect(history.map(\.outcome) == [.firstVersion, .newVersion, .unchanged, .newVersion])
    }

    @Test func aReextractionTakesTheNextNumber() throws {
        let store = try CharterDatabase()
        try Self.check(store, "fr", ["a"], minutes: 0)
        try Self.check(store, "fr", ["a", "b"], minutes: 1)
        let snapshot = try #require(try store.latestSnapshots().first)
        let id = try store.recordReextraction(snapshot, charter: Self.charter(["a", "b", "c"]), at: Self.now.addingTimeInterval(120))
        #expect(try store.versionNumbers(Self.source, language: "fr") == [1, 2, 3])
        #expect(try store.version(Self.source, language: "fr", number: 3)?.id == id)
        #expect(try store.version(Self.source, language: "fr", number: 3)?.cause == "extractor")
    }

    @Test func historyTakesTheChecksSinceAMomentAndTheLastOnes() throws {
        let store = try CharterDatabase()
        for minute in 0..<6 { try Self.check(store, "fr", minute % 2 == 0 ? ["a"] : ["a", "b"], minutes: Double(minute)) }
        let all = try store.history(Self.source, language: nil, since: nil, limit: nil)
        #expect(all.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(try store.history(Self.source, language: nil, since: nil, limit: 2).map(\.number) == [5, 6])
        let since = Self.now.addingTimeInterval(3 * 60)
        #expect(try store.history(Self.source, language: "fr", since: since, limit: nil).map(\.number) == [4, 5, 6])
        #expect(try store.history(Self.source, language: "fr", since: since, limit: 1).map(\.number) == [6])
        #expect(try store.history(Self.source, language: "en", since: nil, limit: nil).isEmpty)
    }

    @Test func theJSONOfAHistoryEntryCarriesTheNumberNotTheRowID() throws {
        let store = try CharterDatabase()
        try Self.check(store, "en", ["a"], minutes: 0)
        try Self.check(store, "fr", ["a"], minutes: 1)
        let entry = try #require(try store.history(Self.source, language: "fr", since: nil, limit: nil).first)
        #expect(entry.version == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(entry)) as? [String: Any])
        #expect(json["number"] as? Int == 1)
        #expect(json["version"] == nil)
    }

    /// A store written before numbers existed: migrated to the schema before them, filled
    /// by SQL with two languages interleaved, then opened by this charter.
    @Test func anOlderStoreIsNumberedWhenOpened() throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let version = { (id: Int, language: String, names: String) in
            """
            INSERT INTO version (id, sourceId, language, contentSHA256, charter, cookies, snapshotId, firstSeenAt, lastSeenAt, cause)
            VALUES (\(id), 'portal', '\(language)', 'h\(id)', '\(CharterJSON.encode(Self.charter([names], language), pretty: false))',
                    1, NULL, '2026-01-0\(id) 00:00:00.000', '2026-01-0\(id) 00:00:00.000', 'page');
            """
        }
        try CharterDatabase.olderStore(at: path, migratedUpTo: "v2-rendered-snapshots", then: """
            INSERT INTO source (id, url, createdAt) VALUES ('portal', 'u', '2026-01-01 00:00:00.000');
            INSERT INTO source (id, url, createdAt) VALUES ('other', 'u', '2026-01-01 00:00:00.000');
            \(version(1, "fr", "fr1")) \(version(2, "en", "en1")) \(version(3, "fr", "fr2"))
            \(version(4, "fr", "fr3")) \(version(5, "en", "en2"))
            INSERT INTO version (id, sourceId, language, contentSHA256, charter, cookies, snapshotId, firstSeenAt, lastSeenAt, cause)
            SELECT 6, 'other', 'fr', contentSHA256, charter, cookies, NULL, firstSeenAt, lastSeenAt, cause FROM version WHERE id = 1;
            """)
        // Reading only cannot upgrade it, and says so.
        #expect(throws: StoreError.self) { _ = try CharterDatabase(path: path, readOnly: true) }
        let store = try CharterDatabase(path: path)
        #expect(try store.versionNumbers(Self.source, language: "fr") == [1, 2, 3])
        #expect(try store.versionNumbers(Self.source, language: "en") == [1, 2])
        #expect(try store.versionNumbers(SourceID("other"), language: "fr") == [1])
        #expect(try store.version(Self.source, language: "fr", number: 3)?.charter.cookies.map(\.name) == ["fr3"])
        #expect(try store.version(Self.source, language: "en", number: 1)?.charter.cookies.map(\.name) == ["en1"])
        // The next version continues its language's count.
        let latest = try store.latestVersionHeader(Self.source, language: "en")
        _ = try store.record(CheckInput(
            source: Self.source, url: "u", language: "en", at: Self.now, charter: Self.charter(["en3"], "en"), comparedWith: latest?.id))
        #expect(try store.versionNumbers(Self.source, language: "en") == [1, 2, 3])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func aPrunedNumberIsNeverGivenAgain() throws {
        let store = try CharterDatabase()
        for count in 1...4 { try Self.check(store, "fr", (0..<count).map { "c\($0)" }, minutes: Double(count)) }
        _ = try store.prune(PrunePolicy(keep: 1))
        #expect(try store.versionNumbers(Self.source, language: "fr") == [4])
        #expect(try store.version(Self.source, language: "fr", number: 1) == nil)
        try Self.check(store, "fr", ["new"], minutes: 10)
        #expect(try store.versionNumbers(Self.source, language: "fr") == [4, 5])
        #expect(try store.history(Self.source, language: "fr", since: nil, limit: nil).compactMap(\.number) == [4, 5])
    }
}
