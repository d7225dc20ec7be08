public import CharterModel
public import Foundation
internal import GRDB

extension CharterDatabase: CheckStore {
    public func state(of source: SourceID, language: String) throws(StoreError) -> SeriesState {
        do {
            return try writer.read { db in
                var state = SeriesState()
                if let row = try Row.fetchOne(db, sql: """
                    SELECT version.id, version.contentSHA256, version.cookies, version.extractor, version.charter, version.number,
                           snapshot.etag, snapshot.lastModified
                    FROM version LEFT JOIN snapshot ON snapshot.id = version.snapshotId
                    WHERE version.sourceId = ? AND version.language = ? ORDER BY version.id DESC LIMIT 1
                    """, arguments: [source.rawValue, language])
                {
                    let id: Int64 = row["id"]
                    let number: Int = row["number"]
                    state.latest = SeriesState.Latest(
                        id: VersionID(rawValue: id), contentSHA256: row["contentSHA256"], cookies: row["cookies"],
                        extractor: row["extractor"], charterJSON: row["charter"], number: number,
                        decision: try Self.decisionState(db, version: id, number: number))
                    state.etag = row["etag"]
                    state.lastModified = row["lastModified"]
                }
                // What the store numbers the next version when the check is recorded on this
                // state (the same query as `nextVersionNumber`), and who has signed what off:
                // read here, with the rest, so a report and a summary name them without a
                // second read.
                state.nextNumber = try Self.nextVersionNumber(db, source, language)
                state.review = try Self.reviewState(db, source: source.rawValue, language: language)
                // Backwards from the newest check to the last one that did not fail: the
                // index on (sourceId, language, id) makes both steps short.
                let lastGood = try Int64.fetchOne(db, sql: """
                    SELECT id FROM "check" WHERE sourceId = ? AND language = ? AND outcome != 'failed' ORDER BY id DESC LIMIT 1
                    """, arguments: [source.rawValue, language]) ?? 0
                state.failuresInARow = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM "check" WHERE sourceId = ? AND language = ? AND id > ?
                    """, arguments: [source.rawValue, language, lastGood]) ?? 0
                if let aligned = try Int64.fetchOne(db, sql: """
                    SELECT id FROM "check" WHERE sourceId = ? AND language = ? AND aligned = 1 ORDER BY id DESC LIMIT 1
                    """, arguments: [source.rawValue, language])
                {
                    state.openLocaleFindings = try FindingRecord.filter(Column("checkId") == aligned).order(Column("id")).fetchAll(db)
                        .compactMap { StoredFinding(kind: $0.kind, rule: $0.rule, level: $0.level, cookie: $0.cookie, message: $0.message) }
                        .filter { $0.kind == .locale && $0.level.isCritical }
                }
                return state
            }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// Records one check in one transaction (see `record(_:)` for several).
    public func record(_ input: CheckInput) throws(StoreError) -> RecordedCheck {
        try record([input])[0]
    }

    public func record(_ checks: [CheckInput]) throws(StoreError) -> [RecordedCheck] {
        do {
            return try writer.write { db in try checks.map { try Self.insert($0, db) } }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    static func insert(_ input: CheckInput, _ db: Database) throws -> RecordedCheck {
        if try SourceRecord.fetchOne(db, key: input.source.rawValue) == nil {
            try SourceRecord(id: input.source.rawValue, url: input.url, createdAt: input.at, scope: input.scope).insert(db)
        } else {
            try db.execute(
                sql: "UPDATE source SET url = ?, scope = ? WHERE id = ?", arguments: [input.url, input.scope, input.source.rawValue])
        }
        var snapshotId: Int64?
        if let snapshot = input.snapshot {
            var record = try Self.snapshotRecord(snapshot, input: input)
            try record.insert(db)
            snapshotId = record.id
        }
        var latest = try Self.latestVersionRecord(db, input.source, input.language)
        let changesVersions = input.failure == nil && !input.notModified && input.charter != nil
        let hash = input.charter.map { input.contentSHA256 ?? $0.contentSHA256 }
        if changesVersions, latest?.contentSHA256 != hash || input.reread != nil {
            guard latest?.id == input.comparedWith?.rawValue else {
                throw StoreError.busy("another run stored a version of \(input.source)@\(input.language) meanwhile; check again")
            }
        }
        // The stored page as this extractor reads it comes first: what follows is
        // compared with it, and an upgrade is never recorded as a change of the site.
        if changesVersions, let reread = input.reread, let stored = latest {
            latest = try insertExtractorVersion(db, after: stored, charter: reread, extractor: input.extractor, at: input.at)
        }
        var outcome: CheckOutcome
        var versionId: Int64?
        if input.failure != nil {
            outcome = .failed
        } else if input.notModified {
            outcome = .notModified
            versionId = latest?.id
            if let id = latest?.id {
                try db.execute(sql: "UPDATE version SET lastSeenAt = ? WHERE id = ?", arguments: [input.at, id])
            }
        } else if let charter = input.charter {
            if let latest, latest.contentSHA256 == hash {
                outcome = .unchanged
                versionId = latest.id
                // The same reading by another revision: the revision that last read it is
                // kept, so a later change is not read twice.
                try db.execute(
                    sql: "UPDATE version SET lastSeenAt = ?, extractor = COALESCE(?, extractor) WHERE id = ?",
                    arguments: [input.at, input.extractor, latest.id])
            } else {
                var version = VersionRecord(
                    id: nil, sourceId: input.source.rawValue, language: input.language,
                    contentSHA256: hash ?? charter.contentSHA256, charter: CharterJSON.encode(charter, pretty: false),
                    cookies: charter.cookies.count, snapshotId: snapshotId, firstSeenAt: input.at, lastSeenAt: input.at,
                    cause: "page", extractor: input.extractor, number: try Self.nextVersionNumber(db, input.source, input.language))
                try version.insert(db)
                versionId = version.id
                outcome = latest == nil ? .firstVersion : .newVersion
            }
        } else {
            outcome = .failed
        }
        var check = CheckRecord(
            id: nil, sourceId: input.source.rawValue, language: input.language, at: input.at, outcome: outcome.rawValue,
            reason: input.failure ?? (outcome == .failed ? "nothing to store" : nil), status: input.snapshot?.status,
            snapshotId: snapshotId, versionId: versionId,
            previousVersionId: outcome == .newVersion ? latest?.id : nil, verdict: input.verdict?.rawValue,
            needsReview: outcome == .newVersion ? input.needsReview : nil,
            report: outcome == .newVersion ? input.report : nil, aligned: input.aligned)
        try check.insert(db)
        guard let checkId = check.id else { throw StoreError.corrupt("a check was not given an id") }
        for finding in input.findings {
            var record = FindingRecord(
                id: nil, checkId: checkId, kind: finding.kind.rawValue, rule: finding.rule, level: finding.level.rawValue,
                cookie: finding.cookie, message: finding.message)
            try record.insert(db)
        }
        return RecordedCheck(
            id: CheckID(rawValue: checkId), outcome: outcome, version: versionId.map(VersionID.init),
            previous: check.previousVersionId.map(VersionID.init))
    }

    /// An extractor version: the page behind `stored` read by a newer extractor, with the
    /// check that says so. Never a change of the page.
    static func insertExtractorVersion(
        _ db: Database, after stored: VersionRecord, charter: Charter, extractor: String?, at: Date
    ) throws -> VersionRecord {
        var version = VersionRecord(
            id: nil, sourceId: stored.sourceId, language: stored.language, contentSHA256: charter.contentSHA256,
            charter: CharterJSON.encode(charter, pretty: false), cookies: charter.cookies.count, snapshotId: stored.snapshotId,
            firstSeenAt: at, lastSeenAt: at, cause: "extractor", extractor: extractor,
            number: try Self.nextVersionNumber(db, SourceID(stored.sourceId), stored.language))
        try version.insert(db)
        var check = CheckRecord(
            id: nil, sourceId: stored.sourceId, language: stored.language, at: at, outcome: CheckOutcome.newVersion.rawValue,
            reason: "re-extracted from the stored page by a newer extractor: an extractor change, not a page change",
            status: nil, snapshotId: stored.snapshotId, versionId: version.id, previousVersionId: stored.id, verdict: nil,
            needsReview: nil)
        try check.insert(db)
        return version
    }

    /// Stores what a newer extractor reads in the page behind the latest version, as an
    /// extractor change — never as a change of the page.
    public func recordReextraction(
        _ snapshot: StoredSnapshot, charter: Charter, extractor: String? = nil, at: Date
    ) throws(StoreError) -> VersionID {
        do {
            return try writer.write { db in
                guard let latest = try Self.latestVersionRecord(db, snapshot.source, snapshot.language), latest.id == snapshot.version.rawValue else {
                    throw StoreError.busy("\(snapshot.source)@\(snapshot.language) has a newer version meanwhile; run reextract again")
                }
                let version = try Self.insertExtractorVersion(db, after: latest, charter: charter, extractor: extractor, at: at)
                return VersionID(rawValue: version.id ?? 0)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable(String(describing: error))
        }
    }
}
