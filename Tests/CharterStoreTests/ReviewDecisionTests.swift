import CharterModel
import CharterStore
import CharterTestSupport
import Foundation
import Testing

/// Decisions on record (issue 19, defect 6): bound to a version and a report, append-only,
/// hash-chained, kept through pruning, and readable in stores made before they existed.
struct ReviewDecisionTests {
    static let source = VersionNumberTests.source
    static let now = VersionNumberTests.now

    /// Three French versions (#1 a, #2 a b, #3 a b c).
    static func store() throws -> CharterDatabase {
        let store = try CharterDatabase()
        try VersionNumberTests.check(store, "fr", ["a"], minutes: 0)
        try VersionNumberTests.check(store, "fr", ["a", "b"], minutes: 1)
        try VersionNumberTests.check(store, "fr", ["a", "b", "c"], minutes: 2)
        return store
    }

    static func decide(
        _ store: CharterDatabase, number: Int, _ decision: ReviewDecisionKind, by reviewer: String = "A. Martin",
        comment: String? = nil, finding: String? = nil, minutes: Double = 10
    ) throws -> ReviewDecision {
        let version = try #require(try store.version(source, language: "fr", number: number))
        let previous = try store.versionNumber(of: version.id)?.previous
        let before = try previous.flatMap { try store.version(id: $0) }
        return try store.recordDecision(
            ReviewDecisionInput(
                source: source, language: "fr", version: version.id, versionNumber: number,
                contentSHA256: version.charter.contentSHA256,
                previousVersion: previous, previousContentSHA256: before?.charter.contentSHA256,
                reportSHA256: SHA256Digest.hex(of: Data("report \(number)".utf8)), decision: decision, finding: finding,
                reviewer: reviewer, osUser: "legal", comment: comment, at: now.addingTimeInterval(minutes * 60)))
    }

    @Test func aDecisionIsBoundToTheVersionAndTheReportAndChained() throws {
        let store = try Self.store()
        let first = try Self.decide(store, number: 2, .approved, comment: "fine")
        let second = try Self.decide(store, number: 3, .reconsentLaunched, comment: "line one\nline two", minutes: 20)
        let version = try #require(try store.version(Self.source, language: "fr", number: 3))
        #expect(second.version == version.id.rawValue)
        #expect(second.contentSHA256 == version.charter.contentSHA256)
        #expect(second.previousVersion == (try store.version(Self.source, language: "fr", number: 2))?.id.rawValue)
        #expect(second.reportSHA256 == SHA256Digest.hex(of: Data("report 3".utf8)))
        #expect(second.reportSHA256.count == 64)
        #expect(first.previousHash == ReviewDecision.genesisHash)
        #expect(second.previousHash == first.hash)
        #expect(second.hash == second.expectedHash(after: first.hash))
        #expect(second.at == "2027-01-15T08:20:00Z")
        #expect(try store.decisions().map(\.id) == [first.id, second.id])
        #expect(try store.verifyDecisions() == nil)
    }

    @Test func aDecisionOnContentNotInTheStoreIsRefused() throws {
        let store = try Self.store()
        let version = try #require(try store.version(Self.source, language: "fr", number: 1))
        #expect(throws: StoreError.self) {
            try store.recordDecision(
                ReviewDecisionInput(
                    source: Self.source, language: "fr", version: version.id, versionNumber: 1, contentSHA256: "f00d",
                    previousVersion: nil, previousContentSHA256: nil, reportSHA256: "r", decision: .approved,
                    reviewer: "x",
                    osUser: "y", at: Self.now))
        }
    }

    @Test func decisionsAreAppendOnlyAndALaterOneSupersedes() throws {
        let store = try Self.store()
        let rejected = try Self.decide(store, number: 2, .rejected)
        let approved = try Self.decide(store, number: 2, .approved, minutes: 30)
        #expect(throws: (any Error).self) { try store.executeRaw("UPDATE review_decision SET decision = 'approved'") }
        #expect(throws: (any Error).self) { try store.executeRaw("DELETE FROM review_decision") }
        #expect(try store.decisions().map(\.decision) == [.rejected, .approved])
        let states = try store.decisionStates(source: Self.source)
        #expect(states[approved.version]?.id == approved.id)
        #expect(rejected.version == approved.version)
        // A finding's decision is on record without being the change's decision.
        _ = try Self.decide(store, number: 2, .notApplicable, finding: "RC-COOKIE-ADDED:b", minutes: 40)
        #expect(try store.decisionStates(source: Self.source)[approved.version]?.decision == .approved)
    }

    @Test func verifyNamesTheFirstRowWhoseContentChanged() throws {
        let store = try Self.store()
        _ = try Self.decide(store, number: 1, .approved)
        let second = try Self.decide(store, number: 2, .approved, comment: "checked", minutes: 20)
        _ = try Self.decide(store, number: 3, .rejected, minutes: 30)
        // Someone with the file in hand drops the guard and edits a comment.
        try store.executeRaw(
            """
            DROP TRIGGER review_decision_append_only_update;
            UPDATE review_decision SET comment = 'not checked' WHERE id = \(second.id);
            """)
        let broken = try #require(try store.verifyDecisions())
        #expect(broken.row == second.id)
        #expect(broken.description.contains("does not match its hash"))
    }

    @Test func verifyNamesARowThatDoesNotFollowTheOneBefore() throws {
        let store = try Self.store()
        _ = try Self.decide(store, number: 1, .approved)
        _ = try Self.decide(store, number: 2, .approved, minutes: 20)
        let third = try Self.decide(store, number: 3, .approved, minutes: 30)
        try store.executeRaw(
            "DROP TRIGGER review_decision_append_only_delete; DELETE FROM review_decision WHERE id = 2")
        #expect(try store.verifyDecisions()?.row == third.id)
    }

    @Test func theLastSignedOffVersionIsApprovedOrReconsented() throws {
        let store = try Self.store()
        #expect(try store.lastSignedOffVersion(Self.source, language: "fr") == nil)
        _ = try Self.decide(store, number: 1, .approved)
        _ = try Self.decide(store, number: 2, .reconsentLaunched, minutes: 20)
        _ = try Self.decide(store, number: 3, .rejected, minutes: 30)
        #expect(
            try store.lastSignedOffVersion(Self.source, language: "fr")
                == (try store.version(Self.source, language: "fr", number: 2))?.id)
    }

    @Test func undecidedChangesAreTheNewVersionsWithoutADecision() throws {
        let store = try Self.store()
        #expect(try store.undecidedChanges().map(\.versionNumber) == [2, 3])
        _ = try Self.decide(store, number: 2, .approved)
        #expect(try store.undecidedChanges().map(\.versionNumber) == [3])
        _ = try Self.decide(store, number: 3, .notApplicable, finding: "RC-X:c", minutes: 20)
        #expect(try store.undecidedChanges().map(\.versionNumber) == [3])
    }

    /// The review trail survives a prune: a version a decision points to (and the one it
    /// was compared with) stays, with everything after it.
    @Test func pruningKeepsEveryVersionADecisionPointsTo() throws {
        let store = try Self.store()
        try VersionNumberTests.check(store, "fr", ["a", "b", "c", "d"], minutes: 3)
        _ = try Self.decide(store, number: 3, .approved)
        let report = try store.prune(PrunePolicy(keep: 1))
        #expect(report.series.first?.deleted == [1])
        #expect(try store.versionNumbers(Self.source, language: "fr") == [2, 3, 4])
        #expect(try store.decisions().count == 1)
        #expect(try store.verifyDecisions() == nil)
    }

    /// A re-extraction adds a version row and changes none: the trail and its chain stay,
    /// and an extractor's new reading is not a change awaiting a decision.
    @Test func theTrailSurvivesAReextraction() throws {
        let store = try Self.store()
        let approved = try Self.decide(store, number: 3, .approved)
        let snapshot = try #require(try store.latestSnapshots().first)
        _ = try store.recordReextraction(
            snapshot, charter: VersionNumberTests.charter(["a", "b", "c", "d"]), at: Self.now.addingTimeInterval(600))
        #expect(try store.versionNumbers(Self.source, language: "fr") == [1, 2, 3, 4])
        #expect(try store.decisions() == [approved])
        #expect(try store.verifyDecisions() == nil)
        #expect(try store.lastSignedOffVersion(Self.source, language: "fr")?.rawValue == approved.version)
        #expect(try store.undecidedChanges().map(\.versionNumber) == [2])
    }

    @Test func aPlanNeverDeletesAProtectedVersion() {
        let versions = PruneTests.versions(1...5)
        let series = VersionSeries(source: Self.source, language: "fr")
        let plan = PrunePlan([series: versions], policy: PrunePolicy(keep: 1), protected: [versions[1].id])
        #expect(plan.series.first?.deleted.map(\.number) == [1])
    }

    /// A store made by the release before review decisions (`/tmp/charter-base watch
    /// --allow-files` on a file:// source, then `sqlite3 store .dump`) opens with every
    /// migration applied, its history readable, and takes a decision.
    @Test func aStoreFromTheReleaseBeforeOpensAndTakesADecision() throws {
        let dump = try String(
            contentsOf: TestPaths.fixture("store-before-issue-19.sql", in: "CharterStoreTests"), encoding: .utf8)
        let path = VersionNumberTests.temporaryPath()
        defer { VersionNumberTests.remove(path) }
        try CharterDatabase.loadDump(dump, into: path)
        let store = try CharterDatabase(path: path)
        let source = SourceID("portal")
        // Read first through the pool, as `charter review` does: a reader opened before the
        // migration must not keep the old schema.
        let latest = try #require(try store.version(source, language: "fr", back: 0))
        let history = try store.history(source, language: "fr")
        #expect(history.map(\.outcome) == [.firstVersion, .newVersion])
        #expect(history.map(\.number) == [1, 2])
        #expect(history.last?.verdict == .reconsent)
        #expect(try store.history(source, language: "en").map(\.number) == [1, 1])
        #expect(latest.charter.cookies.map(\.name).contains("_gcl_au"))
        #expect(try store.undecidedChanges().map(\.versionNumber) == [2])
        let previous = try #require(try store.version(source, language: "fr", number: 1))
        let decision = try store.recordDecision(
            ReviewDecisionInput(
                source: source, language: "fr", version: latest.id, versionNumber: 2,
                contentSHA256: latest.charter.contentSHA256,
                previousVersion: previous.id, previousContentSHA256: previous.charter.contentSHA256,
                reportSHA256: String(repeating: "a", count: 64), decision: .reconsentLaunched, reviewer: "A. Martin",
                osUser: "legal",
                comment: "banner relaunched", at: Self.now))
        #expect(try store.verifyDecisions() == nil)
        #expect(try store.undecidedChanges().isEmpty)
        #expect(try store.lastSignedOffVersion(source, language: "fr") == latest.id)
        #expect(decision.reference == "portal@fr#2")
        #expect(try store.integrityCheck() == "ok")
    }
}

/// A change a person must read (no re-consent verdict, but `needsReview`) is kept with its
/// check: `review --pending` and the watch's review state see it without diffing again.
struct NeedsReviewRecordTests {
    static let source = VersionNumberTests.source
    static let now = VersionNumberTests.now

    static func record(_ store: CharterDatabase, _ names: [String], minutes: Double, needsReview: Bool) throws {
        let latest = try store.latestVersionHeader(source, language: "fr")
        let at = now.addingTimeInterval(minutes * 60)
        var input = CheckInput(
            source: source, url: "u", language: "fr", at: at,
            snapshot: SnapshotInput(url: "u", status: 200, headers: [], setCookieNames: [], body: Array("fr \(names)".utf8), fetchedAt: at),
            charter: VersionNumberTests.charter(names, "fr"), verdict: .inform, comparedWith: latest?.id)
        input.needsReview = needsReview
        try store.record(input)
    }

    @Test func aChangeToReadAwaitsReviewUntilDecided() throws {
        let store = try CharterDatabase()
        try Self.record(store, ["a"], minutes: 0, needsReview: false)
        try Self.record(store, ["a", "b"], minutes: 1, needsReview: true)
        let pending = try store.undecidedChanges()
        #expect(pending.map(\.needsReview) == [true])
        #expect(try store.state(of: Self.source, language: "fr").review == .awaiting(since: 2))
        // An inform change nobody must read is not awaited.
        try Self.record(store, ["a", "b", "c"], minutes: 2, needsReview: false)
        #expect(try store.undecidedChanges().map(\.needsReview) == [true, false])
        #expect(try store.state(of: Self.source, language: "fr").review == .awaiting(since: 2))
    }
}
