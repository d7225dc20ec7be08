internal import CharterModel
public import Foundation
internal import GRDB

/// Version numbers per language (`portal@fr#3`) and the history that shows them.
extension CharterDatabase {
    /// The number a new version of a series gets.
    ///
    /// One more than the highest the series has. Pruning never deletes a series' latest
    /// version, so a pruned number is never given again.
    static func nextVersionNumber(_ db: Database, _ source: SourceID, _ language: String) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COALESCE(MAX(number), 0) + 1 FROM version WHERE sourceId = ? AND language = ?
            """, arguments: [source.rawValue, language]) ?? 1
    }

    /// The version numbered `number` in its series (`portal@fr#3`), if the store has it.
    public func version(_ source: SourceID, language: String, number: Int) throws(StoreError) -> StoredVersion? {
        do {
            let record = try writer.read { db in
                try VersionRecord.filter(
                    VersionRecord.Columns.sourceId == source.rawValue && VersionRecord.Columns.language == language
                        && VersionRecord.Columns.number == number
                ).fetchOne(db)
            }
            return try record.map(Self.storedVersion)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// The numbers of a series' stored versions, oldest first.
    ///
    /// With gaps where versions were pruned: what a reference to a missing version is told
    /// it may ask for.
    public func versionNumbers(_ source: SourceID, language: String) throws(StoreError) -> [Int] {
        do {
            return try writer.read { db in
                try Int.fetchAll(db, sql: """
                    SELECT number FROM version WHERE sourceId = ? AND language = ? ORDER BY number
                    """, arguments: [source.rawValue, language])
            }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// The checks of a source, oldest first, each with the number of the version it saw.
    ///
    /// Only those at or after `since` when given, and of those the last `limit`.
    public func history(_ source: SourceID, language: String?, since: Date?, limit: Int?) throws(StoreError) -> [HistoryEntry] {
        do {
            return try writer.read { db in
                var conditions = [#""check".sourceId = ?"#]
                var arguments: [any DatabaseValueConvertible] = [source.rawValue]
                if let language {
                    conditions.append(#""check".language = ?"#)
                    arguments.append(language)
                }
                if let since {
                    conditions.append(#""check".at >= ?"#)
                    arguments.append(since)
                }
                var sql = """
                    SELECT "check".at, "check".language, "check".outcome, "check".reason, "check".status, "check".verdict,
                           version.id AS versionId, version.number, version.contentSHA256, version.cookies
                    FROM "check" LEFT JOIN version ON version.id = "check".versionId
                    WHERE \(conditions.joined(separator: " AND "))
                    ORDER BY "check".id DESC
                    """
                if let limit {
                    sql += " LIMIT ?"
                    arguments.append(limit)
                }
                // Newest first so that LIMIT keeps the last ones; turned back to time order.
                return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).reversed().map { row in
                    HistoryEntry(
                        at: row["at"], language: row["language"],
                        outcome: CheckOutcome(rawValue: row["outcome"]) ?? .failed, reason: row["reason"],
                        status: row["status"], version: row["versionId"], number: row["number"],
                        contentSHA256: row["contentSHA256"], cookies: row["cookies"],
                        verdict: (row["verdict"] as String?).flatMap(Verdict.init(rawValue:)))
                }
            }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// Creates a store as an older charter left it, for tests of the migrations that follow.
    ///
    /// The store at `path` is migrated up to `migration` only, then `sql` is run on it.
    package static func olderStore(at path: String, migratedUpTo migration: String, then sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try migrator.migrate(queue, upTo: migration)
        try queue.write { db in try db.execute(sql: sql) }
    }
}
