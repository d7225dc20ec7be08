public import CharterModel
internal import Foundation
internal import GRDB

/// The store of watched charters: sources, raw snapshots, canonical versions, checks and
/// findings, in SQLite (WAL). Each check is recorded in one transaction, so a crash at
/// any point leaves the previous state intact.
public final class CharterDatabase: Sendable {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the store at `path`; `readOnly` opens an existing store
    /// without writing anything to it (a store on read-only media, or one a user may only
    /// read), for the commands that only read.
    public init(path: String, readOnly: Bool = false) throws(StoreError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        configuration.readonly = readOnly
        if !readOnly {
            configuration.prepareDatabase { db in
                // In WAL mode NORMAL keeps the file consistent through any crash (a power cut
                // may lose the last checks, never corrupt the store) without an fsync per check.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        let opened: any DatabaseWriter
        do {
            opened = readOnly ? try DatabaseQueue(path: path, configuration: configuration)
                : try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .unavailable("\(path): \(error)")
        }
        try Self.checkSchema(of: opened, path: path, readOnly: readOnly)
        writer = opened
    }

    /// Refuses a store a newer charter migrated (reading it could misread what it holds,
    /// writing it could break it for that charter), naming both schemas; migrates an older
    /// one, unless opened read-only.
    static func checkSchema(of writer: any DatabaseWriter, path: String, readOnly: Bool) throws(StoreError) {
        let known = migrator.migrations
        do {
            let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(known).sorted()
            if !unknown.isEmpty {
                throw StoreError.newerSchema(
                    path: path, storeHas: unknown.joined(separator: ", "), charterKnows: known.last ?? "none")
            }
            if readOnly {
                guard applied.isSuperset(of: known) else {
                    throw StoreError.unavailable(
                        "\(path) was written by an older charter and needs upgrading, which reading only cannot do: "
                            + "run a command that writes it (charter watch) once")
                }
            } else {
                try migrator.migrate(writer)
                // A reader connection opened before the migration keeps the old schema in
                // its cache and fails on new columns ("column not found: number"): readers
                // start afresh.
                if !applied.isSuperset(of: known), let pool = writer as? DatabasePool { pool.invalidateReadOnlyConnections() }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable("\(path): \(error)")
        }
    }

    /// An in-memory store, for tests.
    public init() throws(StoreError) {
        do {
            writer = try DatabaseQueue()
            try Self.migrator.migrate(writer)
        } catch {
            throw .unavailable("in-memory store: \(error)")
        }
    }

    /// Named migrations, never edited once shipped: add a new one instead.
    static var migrator: DatabaseMigrator {
        // No eraseDatabaseOnSchemaChange, not even in debug builds: the store is
        // evidence, and a developer's store is as precious as a user's.
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-sources") { db in
            try db.create(table: "source") { t in
                t.primaryKey("id", .text)
                t.column("url", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v1-snapshots") { db in
            try db.create(table: "snapshot") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sourceId", .text).notNull().references("source", onDelete: .cascade)
                t.column("language", .text).notNull()
                t.column("fetchedAt", .datetime).notNull()
                t.column("url", .text).notNull()
                t.column("status", .integer).notNull()
                t.column("headers", .text).notNull()
                t.column("setCookieNames", .text).notNull()
                t.column("etag", .text)
                t.column("lastModified", .text)
                t.column("sha256", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("body", .blob).notNull()
            }
            try db.create(index: "snapshot_source_language", on: "snapshot", columns: ["sourceId", "language", "id"])
        }
        migrator.registerMigration("v1-versions") { db in
            try db.create(table: "version") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sourceId", .text).notNull().references("source", onDelete: .cascade)
                t.column("language", .text).notNull()
                t.column("contentSHA256", .text).notNull()
                t.column("charter", .text).notNull()
                t.column("cookies", .integer).notNull()
                t.column("snapshotId", .integer).references("snapshot", onDelete: .setNull)
                t.column("firstSeenAt", .datetime).notNull()
                t.column("lastSeenAt", .datetime).notNull()
                t.column("cause", .text).notNull()
            }
            try db.create(index: "version_source_language", on: "version", columns: ["sourceId", "language", "id"])
        }
        migrator.registerMigration("v1-checks") { db in
            try db.create(table: "check") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sourceId", .text).notNull().references("source", onDelete: .cascade)
                t.column("language", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("outcome", .text).notNull()
                t.column("reason", .text)
                t.column("status", .integer)
                t.column("snapshotId", .integer).references("snapshot", onDelete: .setNull)
                t.column("versionId", .integer).references("version", onDelete: .setNull)
                t.column("previousVersionId", .integer).references("version", onDelete: .setNull)
                t.column("verdict", .text)
            }
            try db.create(index: "check_source_language", on: "check", columns: ["sourceId", "language", "id"])
        }
        migrator.registerMigration("v1-findings") { db in
            try db.create(table: "finding") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("checkId", .integer).notNull().references("check", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("rule", .text).notNull()
                t.column("level", .text).notNull()
                t.column("cookie", .text)
                t.column("message", .text).notNull()
            }
        }
        // Rendered pages (issue 8): the DOM is stored as the body, with the cookies the
        // browser held.
        migrator.registerMigration("v2-rendered-snapshots") { db in
            try db.alter(table: "snapshot") { t in
                t.add(column: "rendered", .boolean).notNull().defaults(to: false)
                t.add(column: "observedCookies", .text)
            }
        }
        // One check pipeline (issue 17): the report a check wrote, the extractor revision
        // that read each version, and one scale per finding kind (a static fetch's
        // undeclared cookie was "inform", a verdict's word; it is "critical", as when rendered).
        migrator.registerMigration("v3-check-pipeline") { db in
            try db.alter(table: "check") { t in
                t.add(column: "report", .text)
                // The check that carries a round's alignment of the source's languages.
                t.add(column: "aligned", .boolean).notNull().defaults(to: false)
            }
            try db.execute(sql: """
                CREATE INDEX check_aligned ON "check"(sourceId, language, id) WHERE aligned = 1
                """)
            try db.alter(table: "version") { t in t.add(column: "extractor", .text) }
            // The XPath a source is read with, so that re-extraction reads what the watch read.
            try db.alter(table: "source") { t in t.add(column: "scope", .text) }
            try db.execute(sql: "UPDATE finding SET level = 'critical' WHERE kind = 'observed' AND level = 'inform'")
        }
        // Version numbers per language (issue 17): portal@fr#3 is the third French version,
        // and keeps its number when older ones are pruned.
        migrator.registerMigration("v3-version-numbers") { db in
            try db.alter(table: "version") { t in t.add(column: "number", .integer).notNull().defaults(to: 0) }
            try db.execute(sql: """
                UPDATE version SET number = (
                    SELECT COUNT(*) FROM version AS earlier
                    WHERE earlier.sourceId = version.sourceId AND earlier.language = version.language AND earlier.id <= version.id);
                CREATE UNIQUE INDEX version_source_language_number ON version(sourceId, language, number);
                """)
        }
        // Pruning (issue 17) deletes parents: SQLite looks for their children through these
        // indexes, or by reading the whole child table once per deleted row (50,000 pages
        // among 100,000 checks: 495 s without them, 0.8 s with them).
        migrator.registerMigration("v3-child-key-indexes") { db in
            try db.execute(sql: """
                CREATE INDEX check_snapshot ON "check"(snapshotId);
                CREATE INDEX check_version ON "check"(versionId);
                CREATE INDEX check_previous_version ON "check"(previousVersionId);
                CREATE INDEX version_snapshot ON version(snapshotId);
                CREATE INDEX finding_check ON finding(checkId);
                """)
        }
        // Review decisions (issue 19): append-only, hash-chained (CharterDatabase+Review.swift).
        registerReviewMigration(&migrator)
        // Whether a change needs a person's reading (issue 19): with it, `review --pending`
        // and the watch's review state see the same changes without diffing again. Null
        // for checks stored before: `review --pending` diffs those again.
        migrator.registerMigration("v5-check-needs-review") { db in
            try db.execute(sql: #"ALTER TABLE "check" ADD COLUMN needsReview INTEGER"#)
        }
        return migrator
    }

    static func snapshotRecord(_ snapshot: SnapshotInput, input: CheckInput) throws -> SnapshotRecord {
        let headers = try JSONSerialization.data(withJSONObject: snapshot.headers.map { [$0.name, $0.value] }, options: [.sortedKeys])
        let names = try JSONSerialization.data(withJSONObject: snapshot.setCookieNames)
        return SnapshotRecord(
            id: nil, sourceId: input.source.rawValue, language: input.language, fetchedAt: snapshot.fetchedAt, url: snapshot.url,
            status: snapshot.status, headers: String(decoding: headers, as: UTF8.self),
            setCookieNames: String(decoding: names, as: UTF8.self), etag: snapshot.header("ETag"),
            lastModified: snapshot.header("Last-Modified"), sha256: SHA256Digest.hex(of: snapshot.body), size: snapshot.body.count,
            body: Data(Zlib.compress(snapshot.body)), rendered: snapshot.rendered,
            observedCookies: try snapshot.observed.map { String(decoding: try CharterJSON.encoder(pretty: false).encode($0), as: UTF8.self) })
    }

    // MARK: Reading

    static func latestVersionRecord(_ db: Database, _ source: SourceID, _ language: String) throws -> VersionRecord? {
        try VersionRecord.filter(VersionRecord.Columns.sourceId == source.rawValue && VersionRecord.Columns.language == language)
            .order(VersionRecord.Columns.id.desc).fetchOne(db)
    }

    /// The id, content hash and cookie count of the latest version, without decoding it:
    /// most checks only need to know that nothing changed.
    public func latestVersionHeader(_ source: SourceID, language: String) throws(StoreError) -> VersionHeader? {
        do {
            return try writer.read { db in
                try Row.fetchOne(db, sql: """
                    SELECT id, contentSHA256, cookies FROM version WHERE sourceId = ? AND language = ? ORDER BY id DESC LIMIT 1
                    """, arguments: [source.rawValue, language]).map { row in
                    VersionHeader(id: VersionID(rawValue: row["id"]), contentSHA256: row["contentSHA256"], cookies: row["cookies"])
                }
            }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// The latest version of a source in a language, if any.
    public func latestVersion(_ source: SourceID, language: String) throws(StoreError) -> StoredVersion? {
        try version(source, language: language, back: 0)
    }

    /// A version counted back from the latest (`~0` is the latest, `~1` the one before).
    public func version(_ source: SourceID, language: String, back: Int) throws(StoreError) -> StoredVersion? {
        do {
            let record = try writer.read { db in
                try VersionRecord.filter(VersionRecord.Columns.sourceId == source.rawValue && VersionRecord.Columns.language == language)
                    .order(VersionRecord.Columns.id.desc).limit(1, offset: back).fetchOne(db)
            }
            return try record.map(Self.storedVersion)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    static func storedVersion(_ record: VersionRecord) throws(StoreError) -> StoredVersion {
        let charter: Charter
        do {
            charter = try CharterJSON.decode(Data(record.charter.utf8))
        } catch {
            throw .corrupt("version \(record.id ?? 0) does not decode: \(error)")
        }
        return StoredVersion(
            id: VersionID(rawValue: record.id ?? 0), source: SourceID(record.sourceId), language: record.language,
            charter: charter, firstSeenAt: record.firstSeenAt, lastSeenAt: record.lastSeenAt, cause: record.cause)
    }

    /// The validators for a conditional request: those of the snapshot behind the
    /// latest version.
    public func validators(_ source: SourceID, language: String) throws(StoreError) -> (etag: String?, lastModified: String?) {
        do {
            return try writer.read { db in
                let row = try Row.fetchOne(db, sql: """
                    SELECT snapshot.etag, snapshot.lastModified FROM version JOIN snapshot ON snapshot.id = version.snapshotId
                    WHERE version.sourceId = ? AND version.language = ? ORDER BY version.id DESC LIMIT 1
                    """, arguments: [source.rawValue, language])
                return (row?["etag"], row?["lastModified"])
            }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// How many checks in a row, most recent first, have failed.
    public func consecutiveFailures(_ source: SourceID, language: String) throws(StoreError) -> Int {
        do {
            return try writer.read { db in
                let outcomes = try String.fetchAll(db, sql: """
                    SELECT outcome FROM "check" WHERE sourceId = ? AND language = ? ORDER BY id DESC LIMIT 1000
                    """, arguments: [source.rawValue, language])
                return outcomes.prefix { $0 == CheckOutcome.failed.rawValue }.count
            }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// Every check of a source, oldest first, with the version it saw.
    public func history(_ source: SourceID, language: String? = nil) throws(StoreError) -> [HistoryEntry] {
        try history(source, language: language, since: nil, limit: nil)
    }

    /// The findings recorded with a check.
    public func findings(of check: CheckID) throws(StoreError) -> [StoredFinding] {
        do {
            return try writer.read { db in
                try FindingRecord.filter(Column("checkId") == check.rawValue).order(Column("id")).fetchAll(db).map { row in
                    guard let finding = StoredFinding(kind: row.kind, rule: row.rule, level: row.level, cookie: row.cookie, message: row.message)
                    else { throw StoreError.corrupt("finding \(row.id ?? 0) has kind \(row.kind) and level \(row.level), not a known pair") }
                    return finding
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// Every (source, language) with a stored version, and the raw page behind its latest
    /// version: what `charter store reextract` reads again.
    public func latestSnapshots() throws(StoreError) -> [StoredSnapshot] {
        try snapshots(of: "version.id IN (SELECT MAX(id) FROM version GROUP BY sourceId, language)", [])
    }

    /// The raw page behind one version: what a newer extractor reads again before
    /// comparing, so that its better reading of an unchanged page is not a change.
    public func snapshot(of version: VersionID) throws(StoreError) -> StoredSnapshot? {
        try snapshots(of: "version.id = ?", [version.rawValue]).first
    }

    private func snapshots(of condition: String, _ arguments: StatementArguments) throws(StoreError) -> [StoredSnapshot] {
        do {
            let rows = try writer.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT version.id AS versionId, version.sourceId, version.language, version.contentSHA256,
                           snapshot.url, snapshot.headers, snapshot.setCookieNames, snapshot.fetchedAt, snapshot.size, snapshot.body,
                           snapshot.rendered, snapshot.observedCookies, source.scope
                    FROM version JOIN snapshot ON snapshot.id = version.snapshotId JOIN source ON source.id = version.sourceId
                    WHERE \(condition)
                    ORDER BY version.sourceId, version.language
                    """, arguments: arguments)
            }
            return try rows.map { row throws(StoreError) -> StoredSnapshot in
                let compressed: Data = row["body"]
                let size: Int = row["size"]
                let headerText: String = row["headers"]
                let namesText: String = row["setCookieNames"]
                let pairs = (try? JSONSerialization.jsonObject(with: Data(headerText.utf8)) as? [[String]]) ?? []
                let names = (try? JSONSerialization.jsonObject(with: Data(namesText.utf8)) as? [String]) ?? []
                let observedText: String? = row["observedCookies"]
                let observed = observedText.flatMap { try? CharterJSON.decodeObserved(Data($0.utf8)) }
                return StoredSnapshot(
                    version: VersionID(rawValue: row["versionId"]), source: SourceID(row["sourceId"] as String),
                    language: row["language"], contentSHA256: row["contentSHA256"], url: row["url"],
                    headers: pairs.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }, setCookieNames: names,
                    fetchedAt: row["fetchedAt"], body: try Zlib.decompress([UInt8](compressed), expectedSize: size),
                    rendered: row["rendered"], observed: observed, scope: row["scope"])
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// The sources the store knows.
    public func sources() throws(StoreError) -> [SourceID] {
        do {
            return try writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM source ORDER BY id").map { SourceID($0) } }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// SQLite's own integrity check ("ok" when the file is sound).
    public func integrityCheck() throws(StoreError) -> String {
        do {
            return try writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }
}
