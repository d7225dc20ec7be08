public import CharterModel
public import Foundation
internal import GRDB

/// One entry of a watch's alerts: a version of a page, or a series (a source in one
/// language) that broke or recovered.
public struct FeedEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The first version of a series.
        case firstVersion = "first-version"
        /// The page changed: a new version was stored.
        case newVersion = "new-version"
        /// A failed check. In the feed, only the first of a run of them: the first after
        /// a check that worked, or the first of a series.
        case failed
        /// The first check that worked after failed ones, and stored nothing new.
        case recovered
    }

    public var check: CheckID
    public var source: SourceID
    public var language: String
    public var at: Date
    public var kind: Kind
    /// The check worked after failed ones (`recovered`, or a version stored on recovering).
    public var recovering: Bool
    /// Why the check failed (`failed`).
    public var reason: String?
    /// Why the failed check before it failed (`recovered`, or a version on recovering).
    public var previousReason: String?
    public var verdict: Verdict?
    /// The check's rule findings (`diff`) and language findings (`locale`), in order.
    public var findings: [CheckFinding]
    /// The file name of the check's HTML report, when one was written.
    public var report: String?

    public init(
        check: CheckID, source: SourceID, language: String, at: Date, kind: Kind, recovering: Bool = false, reason: String? = nil,
        previousReason: String? = nil, verdict: Verdict? = nil, findings: [CheckFinding] = [], report: String? = nil
    ) {
        self.check = check
        self.source = source
        self.language = language
        self.at = at
        self.kind = kind
        self.recovering = recovering
        self.reason = reason
        self.previousReason = previousReason
        self.verdict = verdict
        self.findings = findings
        self.report = report
    }

    /// `portal@fr`, or `portal` for a page watched without a language.
    public var series: String { language.isEmpty ? source.rawValue : "\(source.rawValue)@\(language)" }
}

/// What a watch tells people about, read from the store: the feed's entries and a
/// round's alerts.
extension CharterDatabase {
    /// The latest alerts, newest first: every version a page got, and one entry when a
    /// series breaks and one when it recovers — never one per failed round, so a page
    /// down for a week is two entries, not a week of them.
    ///
    /// One pass over `check`: the window partitions by (sourceId, language) in id order,
    /// which the index on (sourceId, language, id) already holds. The checks that record
    /// an extractor upgrade (a new version of cause `extractor`) are no change of the
    /// page: neither entries nor the check before one, so a recovery they precede still
    /// counts.
    public func feedEvents(limit: Int) throws(StoreError) -> [FeedEvent] {
        try events(where: """
            outcome IN ('first-version', 'new-version')
            OR (outcome = 'failed' AND previousOutcome IS NOT 'failed')
            OR (outcome IN ('unchanged', 'not-modified') AND previousOutcome = 'failed')
            """, order: "id DESC", limit: limit)
    }

    /// The checks of the round that started at `since` that changed a page or failed, in
    /// the order they were recorded: the lines of a short message (Apprise).
    public func roundEvents(since: Date, limit: Int) throws(StoreError) -> [FeedEvent] {
        try events(where: """
            at >= ? AND outcome IN ('first-version', 'new-version', 'failed')
            """, arguments: [since], order: "id", limit: limit)
    }

    /// The store's identity in feed entry ids (`tag:charter,2026:<identity>/check/12`).
    ///
    /// 32 hex digits of the SHA-256 of the first source the store recorded, its id and
    /// the moment it was recorded to the millisecond. Sources are never deleted, so the
    /// identity holds for the store's life and follows it when the file is moved, copied
    /// or restored (its checks, and so its entries, are the same); two stores differ
    /// unless both recorded the same first source in the same millisecond. No schema
    /// change, nothing beside the store to lose. Nil while the store has no source.
    public func feedIdentity() throws(StoreError) -> String? {
        do {
            return try writer.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT id, CAST(createdAt AS TEXT) AS createdAt FROM source ORDER BY rowid LIMIT 1")
                else { return nil }
                let id: String = row["id"]
                let createdAt: String = row["createdAt"]
                return String(SHA256Digest.hex(of: Array("\(id)\n\(createdAt)".utf8)).prefix(32))
            }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    private func events(
        where condition: String, arguments: [any DatabaseValueConvertible] = [], order: String, limit: Int
    ) throws(StoreError) -> [FeedEvent] {
        do {
            return try writer.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT * FROM (
                        SELECT "check".id, "check".sourceId, "check".language, "check".at, "check".outcome, "check".reason,
                               "check".verdict, "check".report,
                               LAG("check".outcome) OVER series AS previousOutcome,
                               LAG("check".reason) OVER series AS previousReason
                        FROM "check" LEFT JOIN version ON version.id = "check".versionId
                        WHERE NOT ("check".outcome = 'new-version' AND version.cause IS 'extractor')
                        WINDOW series AS (PARTITION BY "check".sourceId, "check".language ORDER BY "check".id)
                    )
                    WHERE \(condition)
                    ORDER BY \(order) LIMIT ?
                    """, arguments: StatementArguments(arguments + [limit]))
                let ids = rows.map { $0["id"] as Int64 }
                var findings: [Int64: [CheckFinding]] = [:]
                if !ids.isEmpty {
                    let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
                    let found = try Row.fetchAll(db, sql: """
                        SELECT checkId, kind, rule, level, cookie, message FROM finding
                        WHERE checkId IN (\(marks)) AND kind IN ('diff', 'locale') ORDER BY id
                        """, arguments: StatementArguments(ids))
                    for row in found {
                        guard let finding = CheckFinding(
                            kind: row["kind"] as String, rule: row["rule"], level: row["level"] as String, cookie: row["cookie"],
                            message: row["message"])
                        else { continue }
                        findings[row["checkId"], default: []].append(finding)
                    }
                }
                return rows.map { row in
                    let id: Int64 = row["id"]
                    let outcome = CheckOutcome(rawValue: row["outcome"]) ?? .failed
                    let previousFailed = (row["previousOutcome"] as String?) == CheckOutcome.failed.rawValue
                    let kind: FeedEvent.Kind = switch outcome {
                    case .firstVersion: .firstVersion
                    case .newVersion: .newVersion
                    case .failed: .failed
                    case .unchanged, .notModified: .recovered
                    }
                    let recovering = outcome != .failed && previousFailed
                    return FeedEvent(
                        check: CheckID(rawValue: id), source: SourceID(row["sourceId"] as String), language: row["language"],
                        at: row["at"], kind: kind, recovering: recovering, reason: outcome == .failed ? row["reason"] : nil,
                        previousReason: recovering ? row["previousReason"] : nil,
                        verdict: (row["verdict"] as String?).flatMap(Verdict.init(rawValue:)), findings: findings[id] ?? [],
                        report: row["report"])
                }
            }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }
}
