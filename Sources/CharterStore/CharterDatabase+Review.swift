public import CharterModel
public import Foundation
internal import GRDB

/// What a reviewer decided about a stored change.
public enum ReviewDecisionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case approved
    case rejected
    case reconsentLaunched = "reconsent-launched"
    case notApplicable = "not-applicable"

    /// Whether the decision signs a version off: what `diff --since-approved` compares with.
    public var signsOff: Bool { self == .approved || self == .reconsentLaunched }
}

/// A decision to record: bound to the version (its id and content hash), to the version it
/// was compared with, and to the hash of the report the reviewer read.
public struct ReviewDecisionInput: Sendable, Hashable {
    public var source: SourceID
    public var language: String
    public var version: VersionID
    public var versionNumber: Int
    public var contentSHA256: String
    /// The version the report compared it with; nil for a series' first version.
    public var previousVersion: VersionID?
    public var previousContentSHA256: String?
    /// SHA-256 of the report the decision rests on.
    public var reportSHA256: String
    public var decision: ReviewDecisionKind
    /// `RULE:COOKIE` when the decision is about one finding (acknowledged, or a rule that
    /// does not apply to it); nil for the whole change.
    public var finding: String?
    /// Who decided, as they signed (`--by`).
    public var reviewer: String
    /// The operating-system user who ran the command.
    public var osUser: String
    public var comment: String?
    public var at: Date

    public init(
        source: SourceID, language: String, version: VersionID, versionNumber: Int, contentSHA256: String,
        previousVersion: VersionID?, previousContentSHA256: String?, reportSHA256: String, decision: ReviewDecisionKind,
        finding: String? = nil, reviewer: String, osUser: String, comment: String? = nil, at: Date
    ) {
        self.source = source
        self.language = language
        self.version = version
        self.versionNumber = versionNumber
        self.contentSHA256 = contentSHA256
        self.previousVersion = previousVersion
        self.previousContentSHA256 = previousContentSHA256
        self.reportSHA256 = reportSHA256
        self.decision = decision
        self.finding = finding
        self.reviewer = reviewer
        self.osUser = osUser
        self.comment = comment
        self.at = at
    }
}

/// A recorded decision: a row of the append-only, hash-chained review trail.
public struct ReviewDecision: Sendable, Hashable, Codable {
    public var id: Int64
    public var source: String
    public var language: String
    public var version: Int64
    public var versionNumber: Int
    public var contentSHA256: String
    public var previousVersion: Int64?
    public var previousContentSHA256: String?
    public var reportSHA256: String
    public var decision: ReviewDecisionKind
    public var finding: String?
    public var reviewer: String
    public var osUser: String
    public var comment: String?
    /// When it was decided, as stored (`2026-12-07T00:00:00Z`).
    public var at: String
    /// The previous row's hash (64 zeros for the first row).
    public var previousHash: String
    /// SHA-256 of `previousHash`, a line feed and this row's canonical text.
    public var hash: String

    /// `portal@fr#3`.
    public var reference: String { "\(source)@\(language)#\(versionNumber)" }

    /// The row as the chain hashes it: one `key=value` line per field, in a fixed order,
    /// absent values empty, line feeds in values escaped.
    public var canonicalText: String {
        let fields: [(String, String)] = [
            ("source", source), ("language", language), ("version", String(version)),
            ("versionNumber", String(versionNumber)),
            ("contentSHA256", contentSHA256), ("previousVersion", previousVersion.map { String($0) } ?? ""),
            ("previousContentSHA256", previousContentSHA256 ?? ""), ("reportSHA256", reportSHA256),
            ("decision", decision.rawValue), ("finding", finding ?? ""), ("reviewer", reviewer), ("osUser", osUser),
            ("comment", comment ?? ""), ("at", at),
        ]
        return fields.map { key, value in
            key + "="
                + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\r", with: "\\r")
        }.joined(separator: "\n")
    }

    /// The hash this row should have after `previousHash`.
    public func expectedHash(after previousHash: String) -> String {
        SHA256Digest.hex(of: Data((previousHash + "\n" + canonicalText).utf8))
    }

    /// The hash before the first row.
    public static let genesisHash = String(repeating: "0", count: 64)
}

/// Where a series (a source in one language) stands with its reviewers, as a watch round
/// says it: a change waits for a decision, or its latest page version was decided.
///
/// Read with the series' state (`state(of:)`), in the same read. Awaiting review: the oldest
/// stored page change with a re-consent verdict and no whole-change decision, newer than
/// the newest decided version (a decision on a later version judges the earlier changes
/// with it, as `diff --since-approved` does). Decided: the newest decided version when no
/// page change came after it (extractor versions are no change of the page).
public struct ReviewState: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case awaitingReview = "awaiting-review"
        case decided
    }

    public var status: Status
    /// The version it is about, by its number in its language (`#3`): the oldest change
    /// awaiting a decision, or the version decided on.
    public var version: Int
    /// The latest whole-change decision on `version` (decided only).
    public var decision: ReviewDecisionKind?
    /// Who decided, as they signed (`--by`): untrusted text, escaped by every renderer.
    public var reviewer: String?
    /// When, as stored (`2026-12-01T00:00:00Z`).
    public var at: String?
    public var comment: String?

    public init(
        status: Status, version: Int, decision: ReviewDecisionKind? = nil, reviewer: String? = nil, at: String? = nil,
        comment: String? = nil
    ) {
        self.status = status
        self.version = version
        self.decision = decision
        self.reviewer = reviewer
        self.at = at
        self.comment = comment
    }

    /// A change waiting for a decision since version `number`.
    public static func awaiting(since number: Int) -> ReviewState { ReviewState(status: .awaitingReview, version: number) }
}

/// A stored change that waits for a decision.
public struct PendingReview: Sendable, Hashable, Codable {
    public var check: Int64
    public var source: String
    public var language: String
    public var at: Date
    public var version: Int64
    public var versionNumber: Int
    public var previousVersion: Int64?
    public var verdict: Verdict?
    /// Whether the change has a finding a person must read; nil for checks stored before
    /// it was kept (the caller diffs those again).
    public var needsReview: Bool?
}

/// Where the review trail's chain breaks.
public struct ReviewChainBreak: Sendable, Hashable, Error, CustomStringConvertible {
    /// The first row whose hash does not follow.
    public var row: Int64
    public var reason: String

    public var description: String { "review decision \(row): \(reason)" }
}

/// The review trail: decisions about stored changes, append-only and hash-chained. A later
/// decision supersedes an earlier one for the same version; none is ever changed or deleted
/// (triggers refuse it), and pruning keeps every version a decision points to.
extension CharterDatabase {
    /// The migration that adds the review trail (appended to `migrator`).
    static func registerReviewMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-review-decisions") { db in
            // No foreign keys: a decision outlives anything a cascade could delete.
            try db.execute(
                sql: """
                    CREATE TABLE review_decision (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        sourceId TEXT NOT NULL,
                        language TEXT NOT NULL,
                        versionId INTEGER NOT NULL,
                        versionNumber INTEGER NOT NULL,
                        contentSHA256 TEXT NOT NULL,
                        previousVersionId INTEGER,
                        previousContentSHA256 TEXT,
                        reportSHA256 TEXT NOT NULL,
                        decision TEXT NOT NULL,
                        finding TEXT,
                        reviewer TEXT NOT NULL,
                        osUser TEXT NOT NULL,
                        comment TEXT,
                        at TEXT NOT NULL,
                        previousHash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    );
                    CREATE INDEX review_decision_version ON review_decision(versionId);
                    CREATE INDEX review_decision_series ON review_decision(sourceId, language, id);
                    CREATE TRIGGER review_decision_append_only_update BEFORE UPDATE ON review_decision
                    BEGIN SELECT RAISE(ABORT, 'review decisions are append-only: record a new decision instead'); END;
                    CREATE TRIGGER review_decision_append_only_delete BEFORE DELETE ON review_decision
                    BEGIN SELECT RAISE(ABORT, 'review decisions are append-only: record a new decision instead'); END;
                    """)
        }
    }

    /// Appends a decision to the chain, in one transaction; returns it as stored.
    public func recordDecision(_ input: ReviewDecisionInput) throws(StoreError) -> ReviewDecision {
        do {
            return try writer.write { db in
                guard
                    let stored = try String.fetchOne(
                        db, sql: "SELECT contentSHA256 FROM version WHERE id = ?", arguments: [input.version.rawValue]),
                    stored == input.contentSHA256
                else {
                    throw StoreError.notFound(
                        "version \(input.version.rawValue) with content \(input.contentSHA256) is not in the store")
                }
                let previousHash =
                    try String.fetchOne(db, sql: "SELECT hash FROM review_decision ORDER BY id DESC LIMIT 1")
                    ?? ReviewDecision.genesisHash
                var decision = ReviewDecision(
                    id: 0, source: input.source.rawValue, language: input.language, version: input.version.rawValue,
                    versionNumber: input.versionNumber, contentSHA256: input.contentSHA256,
                    previousVersion: input.previousVersion?.rawValue,
                    previousContentSHA256: input.previousContentSHA256,
                    reportSHA256: input.reportSHA256, decision: input.decision, finding: input.finding,
                    reviewer: input.reviewer,
                    osUser: input.osUser, comment: input.comment, at: CharterJSON.timestamp(input.at),
                    previousHash: previousHash,
                    hash: "")
                decision.hash = decision.expectedHash(after: previousHash)
                try db.execute(
                    sql: """
                        INSERT INTO review_decision (sourceId, language, versionId, versionNumber, contentSHA256, previousVersionId,
                            previousContentSHA256, reportSHA256, decision, finding, reviewer, osUser, comment, at, previousHash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        decision.source, decision.language, decision.version, decision.versionNumber,
                        decision.contentSHA256,
                        decision.previousVersion, decision.previousContentSHA256, decision.reportSHA256,
                        decision.decision.rawValue,
                        decision.finding, decision.reviewer, decision.osUser, decision.comment, decision.at,
                        decision.previousHash,
                        decision.hash,
                    ])
                decision.id = db.lastInsertedRowID
                return decision
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// Every decision, oldest first (optionally of one source).
    public func decisions(source: SourceID? = nil) throws(StoreError) -> [ReviewDecision] {
        do {
            return try writer.read { db in
                let sql =
                    "SELECT * FROM review_decision" + (source == nil ? "" : " WHERE sourceId = ?") + " ORDER BY id"
                return try Row.fetchAll(db, sql: sql, arguments: source.map { [$0.rawValue] } ?? []).map { row in
                    let kind: String = row["decision"]
                    guard let decision = ReviewDecisionKind(rawValue: kind) else {
                        throw StoreError.corrupt("review decision \(row["id"] as Int64) has decision \(kind)")
                    }
                    return ReviewDecision(
                        id: row["id"], source: row["sourceId"], language: row["language"], version: row["versionId"],
                        versionNumber: row["versionNumber"], contentSHA256: row["contentSHA256"],
                        previousVersion: row["previousVersionId"],
                        previousContentSHA256: row["previousContentSHA256"], reportSHA256: row["reportSHA256"],
                        decision: decision,
                        finding: row["finding"], reviewer: row["reviewer"], osUser: row["osUser"],
                        comment: row["comment"], at: row["at"],
                        previousHash: row["previousHash"], hash: row["hash"])
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// Checks the chain from its first row: nil when every row's hash follows from the one
    /// before, else the first row that does not.
    public func verifyDecisions() throws(StoreError) -> ReviewChainBreak? {
        var previous = ReviewDecision.genesisHash
        for decision in try decisions() {
            if decision.previousHash != previous {
                return ReviewChainBreak(
                    row: decision.id,
                    reason: "it follows \(decision.previousHash), but the row before has hash \(previous)")
            }
            if decision.expectedHash(after: previous) != decision.hash {
                return ReviewChainBreak(
                    row: decision.id, reason: "its content does not match its hash (changed after it was recorded)")
            }
            previous = decision.hash
        }
        return nil
    }

    /// The latest whole-change decision (no `--finding`) per version id.
    public func decisionStates(source: SourceID? = nil) throws(StoreError) -> [Int64: ReviewDecision] {
        var states: [Int64: ReviewDecision] = [:]
        for decision in try decisions(source: source) where decision.finding == nil {
            states[decision.version] = decision
        }
        return states
    }

    /// The latest version of a series whose latest decision signs it off (approved or
    /// re-consent launched).
    public func lastSignedOffVersion(_ source: SourceID, language: String) throws(StoreError) -> VersionID? {
        try decisionStates(source: source).values.filter { $0.language == language && $0.decision.signsOff }
            .max { $0.version < $1.version }.map { VersionID(rawValue: $0.version) }
    }

    /// Stored changes (checks that stored a new version of the page; a re-extraction is not
    /// a change of the page) with no whole-change decision yet, oldest first; the caller
    /// decides which need one (a re-consent verdict, a review).
    public func undecidedChanges() throws(StoreError) -> [PendingReview] {
        do {
            return try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT "check".id, "check".sourceId, "check".language, "check".at, "check".versionId,
                               "check".previousVersionId, "check".verdict, "check".needsReview, version.number
                        FROM "check" JOIN version ON version.id = "check".versionId
                        WHERE "check".outcome = 'new-version' AND version.cause != 'extractor'
                        AND "check".versionId NOT IN (SELECT versionId FROM review_decision WHERE finding IS NULL)
                        ORDER BY "check".id
                        """
                ).map { row in
                    PendingReview(
                        check: row["id"], source: row["sourceId"], language: row["language"], at: row["at"],
                        version: row["versionId"],
                        versionNumber: row["number"], previousVersion: row["previousVersionId"],
                        verdict: (row["verdict"] as String?).flatMap(Verdict.init(rawValue:)), needsReview: row["needsReview"])
                }
            }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// The latest whole-change decision on one version, inside a read.
    static func decisionState(_ db: Database, version: Int64, number: Int) throws -> ReviewState? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT decision, reviewer, at, comment FROM review_decision
                WHERE versionId = ? AND finding IS NULL ORDER BY id DESC LIMIT 1
                """, arguments: [version]
        ).map { Self.decided($0, number: number) }
    }

    static func decided(_ row: Row, number: Int) -> ReviewState {
        ReviewState(
            status: .decided, version: number, decision: ReviewDecisionKind(rawValue: row["decision"] as String),
            reviewer: row["reviewer"], at: row["at"], comment: row["comment"])
    }

    /// The review state of a series (`ReviewState`), inside the read of its state: three
    /// short queries on the series' indexes, never one per version.
    static func reviewState(_ db: Database, source: String, language: String) throws -> ReviewState? {
        let newest = try Row.fetchOne(
            db,
            sql: """
                SELECT versionNumber, decision, reviewer, at, comment FROM review_decision
                WHERE sourceId = ? AND language = ? AND finding IS NULL ORDER BY versionNumber DESC, id DESC LIMIT 1
                """, arguments: [source, language])
        let decidedNumber: Int = newest?["versionNumber"] ?? 0
        if let waiting = try Int.fetchOne(
            db,
            sql: """
                SELECT version.number FROM version JOIN "check" ON "check".versionId = version.id
                WHERE version.sourceId = ? AND version.language = ? AND version.number > ? AND version.cause != 'extractor'
                AND "check".outcome = 'new-version' AND ("check".verdict = 'reconsent' OR "check".needsReview = 1)
                AND NOT EXISTS (SELECT 1 FROM review_decision WHERE review_decision.versionId = version.id AND review_decision.finding IS NULL)
                ORDER BY version.number LIMIT 1
                """, arguments: [source, language, decidedNumber])
        {
            return .awaiting(since: waiting)
        }
        guard let newest else { return nil }
        let changedSince = try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM version WHERE sourceId = ? AND language = ? AND number > ? AND cause != 'extractor')
                """, arguments: [source, language, decidedNumber]) ?? false
        return changedSince ? nil : Self.decided(newest, number: decidedNumber)
    }

    /// The review state of the versions the feed's entries stored (first and new versions),
    /// by check, in one read: decided when a whole-change decision is on record, awaiting
    /// review when a re-consent change, or one a person must read, has none.
    public func reviewStates(of events: [FeedEvent]) throws(StoreError) -> [CheckID: ReviewState] {
        let checks = events.filter { $0.kind == .firstVersion || $0.kind == .newVersion }
        guard !checks.isEmpty else { return [:] }
        do {
            return try writer.read { db in
                let marks = Array(repeating: "?", count: checks.count).joined(separator: ", ")
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT "check".id AS checkId, "check".verdict, "check".needsReview, version.id AS versionId, version.number
                        FROM "check" JOIN version ON version.id = "check".versionId WHERE "check".id IN (\(marks))
                        """, arguments: StatementArguments(checks.map(\.check.rawValue)))
                var states: [CheckID: ReviewState] = [:]
                for row in rows {
                    let number: Int = row["number"]
                    let check = CheckID(rawValue: row["checkId"])
                    if let decided = try Self.decisionState(db, version: row["versionId"], number: number) {
                        states[check] = decided
                    } else if (row["verdict"] as String?) == Verdict.reconsent.rawValue || (row["needsReview"] as Bool?) == true {
                        states[check] = .awaiting(since: number)
                    }
                }
                return states
            }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// A stored version by its row id.
    public func version(id: VersionID) throws(StoreError) -> StoredVersion? {
        do {
            let record = try writer.read { db in try VersionRecord.fetchOne(db, key: id.rawValue) }
            return try record.map(Self.storedVersion)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// A version's number in its series, and the version before it (by number), if stored.
    public func versionNumber(of id: VersionID) throws(StoreError) -> (number: Int, previous: VersionID?)? {
        do {
            return try writer.read { db in
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT sourceId, language, number FROM version WHERE id = ?", arguments: [id.rawValue]
                    )
                else { return nil }
                let number: Int = row["number"]
                let previous = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT id FROM version WHERE sourceId = ? AND language = ? AND number < ? ORDER BY number DESC LIMIT 1
                        """, arguments: [row["sourceId"] as String, row["language"] as String, number])
                return (number, previous.map { VersionID(rawValue: $0) })
            }
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// The versions review decisions point to (decided, or compared with): pruning keeps them.
    static func reviewedVersions(_ db: Database) throws -> Set<Int64> {
        let rows = try Row.fetchAll(db, sql: "SELECT versionId, previousVersionId FROM review_decision")
        return Set(
            rows.flatMap { row in [row["versionId"] as Int64?, row["previousVersionId"] as Int64?].compactMap { $0 } })
    }
}

/// Test doors: a store from a SQL dump (the migration test), and raw SQL to tamper with
/// one (the chain test). Package access: no command reaches them.
extension CharterDatabase {
    /// Writes the SQL text of `sqlite3 store .dump` into a new SQLite file at `path`, in WAL
    /// mode as the older charter that made it left it (no migration is run).
    package static func loadDump(_ sql: String, into path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: sql)
            // As charter left it: a store is always in WAL mode.
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try queue.close()
    }

    /// Runs SQL on the store as it is, triggers and all.
    package func executeRaw(_ sql: String) throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }
}
