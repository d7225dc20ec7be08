internal import Foundation
internal import GRDB

/// Keeping the store small: old versions go, with the checks and raw pages only they
/// needed.
extension CharterDatabase {
    /// Deletes old versions with the checks and raw pages only they needed, in one transaction.
    ///
    /// The versions `policy` lets go (`PrunePlan`), the checks older than each series'
    /// oldest kept version (their findings with them), and the raw pages no kept version or
    /// check points to. A dry run does the same and rolls it back, so that its counts are
    /// exactly what a real run would delete.
    public func prune(_ policy: PrunePolicy, dryRun: Bool = false) throws(StoreError) -> PruneReport {
        guard !writer.configuration.readonly else {
            throw .unavailable("it was opened for reading only, and pruning deletes from it; nothing was deleted")
        }
        do {
            return try writer.writeWithoutTransaction { db in
                var report = PruneReport(series: [], dryRun: dryRun, seriesCount: 0, versionsKept: 0)
                try db.inTransaction(.immediate) {
                    report = try Self.prune(db, policy: policy, dryRun: dryRun)
                    return dryRun ? .rollback : .commit
                }
                return report
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    private static func prune(_ db: Database, policy: PrunePolicy, dryRun: Bool) throws -> PruneReport {
        var versions: [VersionSeries: [PrunableVersion]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, sourceId, language, number, lastSeenAt FROM version") {
            let series = VersionSeries(source: SourceID(row["sourceId"] as String), language: row["language"])
            versions[series, default: []].append(
                PrunableVersion(id: VersionID(rawValue: row["id"]), number: row["number"], lastSeenAt: row["lastSeenAt"]))
        }
        let plan = PrunePlan(versions, policy: policy, protected: Set(try reviewedVersions(db).map { VersionID(rawValue: $0) }))
        var pruned: [PruneReport.Series] = []
        for part in plan.series {
            guard let oldestKept = part.kept.first, !part.deleted.isEmpty else { continue }
            let series: StatementArguments = [part.series.source.rawValue, part.series.language]
            // The first check that saw a kept version: every check before it belongs to
            // the deleted versions' time (their findings are deleted with them).
            let firstKeptCheck = try Int64.fetchOne(db, sql: """
                SELECT MIN(id) FROM "check" WHERE sourceId = ? AND language = ?
                AND versionId IN (SELECT id FROM version WHERE sourceId = ? AND language = ? AND number >= ?)
                """, arguments: series + series + [oldestKept.number])
            var checks = 0
            var findings = 0
            if let firstKeptCheck {
                let older = series + [firstKeptCheck]
                findings = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM finding
                    WHERE checkId IN (SELECT id FROM "check" WHERE sourceId = ? AND language = ? AND id < ?)
                    """, arguments: older) ?? 0
                try db.execute(sql: #"DELETE FROM "check" WHERE sourceId = ? AND language = ? AND id < ?"#, arguments: older)
                checks = db.changesCount
            }
            try db.execute(
                sql: "DELETE FROM version WHERE sourceId = ? AND language = ? AND number < ?", arguments: series + [oldestKept.number])
            guard db.changesCount == part.deleted.count else {
                throw StoreError.busy("\(part.series) changed while it was being pruned; nothing was deleted")
            }
            // Raw pages only the deleted versions and checks pointed to. The latest version's
            // page (what re-extraction reads) is pointed to by a kept version, so it stays.
            try db.execute(sql: """
                DELETE FROM snapshot WHERE sourceId = ? AND language = ?
                AND id NOT IN (SELECT snapshotId FROM version WHERE snapshotId IS NOT NULL)
                AND id NOT IN (SELECT snapshotId FROM "check" WHERE snapshotId IS NOT NULL)
                """, arguments: series)
            pruned.append(PruneReport.Series(
                series: part.series, deleted: part.deleted.map(\.number), kept: part.kept.map(\.number), checks: checks,
                findings: findings, snapshots: db.changesCount))
        }
        return PruneReport(
            series: pruned, dryRun: dryRun, seriesCount: plan.series.count, versionsKept: plan.series.reduce(0) { $0 + $1.kept.count })
    }

    /// Rebuilds the file without the free pages a prune leaves (`VACUUM`).
    ///
    /// Returns the store's size in bytes before and after.
    public func vacuum() throws(StoreError) -> (before: Int, after: Int) {
        guard !writer.configuration.readonly else {
            throw .unavailable("it was opened for reading only, and vacuuming rewrites it")
        }
        do {
            return try writer.writeWithoutTransaction { db in
                let size = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
                let before = try Int.fetchOne(db, sql: size) ?? 0
                try db.execute(sql: "VACUUM")
                // In WAL mode the rebuilt pages sit in the log until a checkpoint writes them back.
                try db.checkpoint(.truncate)
                return (before, try Int.fetchOne(db, sql: size) ?? 0)
            }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }
}
