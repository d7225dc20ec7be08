@testable import CharterCheck
import CharterDiff
import CharterFetch
import CharterModel
import CharterStore
import CharterTestSupport
import CharterWatch
import Foundation
import Testing

/// Issue 19: a watch's report names the stored versions it compares (`portal@fr#1`,
/// `portal@fr#2`), and the round's summary says where each series stands with its
/// reviewers — awaiting review since `#N` until someone decides, then the decision —
/// read with the series' state, escaped in every format.
@Suite(.serialized)
struct WatchReviewStateTests {
    static let binary = TestPaths.charterBinary
    static let changedFrench = CheckPipelineTests.page(
        "fr", [("sessionid", "Session de connexion", "Session"), ("_ga", "Mesure d'audience", "13 mois"), ("_fbp", "Publicité ciblée", "3 mois")])
    static let changedAgain = CheckPipelineTests.page(
        "fr", [("sessionid", "Session de connexion", "Session"), ("_ga", "Mesure d'audience", "13 mois"), ("_fbp", "Publicité ciblée", "3 mois"),
               ("_hjid", "Enregistrement des sessions", "1 an")])

    /// A loopback portal (fr only) whose page the test changes, a store, a watcher with
    /// reports, and a fixed clock.
    struct Setup {
        let server: TestHTTPServer
        let page: SharedValue<String>
        let place: WatchPlace
        let store: CharterDatabase
        let fetcher: PageFetcher
        let watcher: Watcher

        static func start() async throws -> Setup {
            let page = SharedValue(CheckPipelineTests.french)
            let server = try await TestHTTPServer.start { _ in .html(page.value, headers: [("Content-Language", "fr")]) }
            let place = try WatchPlace()
            let config = try WatchConfig.load("""
                sources:
                  - id: portal
                    url: \(server.baseURL)/{lang}/cookies
                    languages: [fr]
                """)
            let store = try CharterDatabase(path: place.db)
            let fetcher = PageFetcher()
            let clock = Date(timeIntervalSince1970: 1_796_104_800)  // 2026-12-01T06:00:00Z
            let watcher = Watcher(
                config: config, store: store, fetcher: fetcher, reports: place.folder.appendingPathComponent("reports"), now: { clock })
            return Setup(server: server, page: page, place: place, store: store, fetcher: fetcher, watcher: watcher)
        }

        func stop() async {
            await fetcher.shutdown()
            await server.stop()
            place.remove()
        }

        /// One round: its only check, its text, its quiet text and its JSON document.
        func round() async throws -> (check: WatchSummary.Check, text: String, quiet: String, json: String) {
            let json = try WatchJSONWriter()
            var checks: [WatchSummary.Check] = [], text = "", quiet = ""
            let tally = await watcher.round { entry in
                json.add(entry)
                text += WatchTextRenderer.render(entry)
                quiet += WatchTextRenderer.render(entry, quiet: true)
                if case .check(let check) = entry { checks.append(check) }
            }
            try json.finish(tally)
            try #require(checks.count == 1)
            return (checks[0], text, quiet, try String(contentsOf: json.document, encoding: .utf8))
        }

        /// `charter review portal@fr~0 --decision … --by …` on the store.
        func review(_ decision: String, by reviewer: String, comment: String? = nil) throws {
            let result = try run(
                WatchReviewStateTests.binary,
                ["review", "portal@fr~0", "--db", place.db, "--decision", decision, "--by", reviewer]
                    + (comment.map { ["--comment", $0] } ?? []))
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    /// The `review` object of the JSON document's only check.
    static func review(in document: String) throws -> JSONValue? {
        let value = try JSONValue.parse(Data(document.utf8))
        guard case .array(let checks)? = value["checks"], checks.count == 1 else { return nil }
        return checks[0]["review"]
    }

    @Test func theWatchsReportNamesTheStoredVersionsItCompares() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let first = try await setup.round()
        #expect(first.check.outcome == .firstVersion)
        #expect(first.check.review == nil, "a first version is no change to sign off")
        #expect(try Self.review(in: first.json) == nil, "no review state: no key")

        setup.page.value = Self.changedFrench
        let changed = try await setup.round()
        #expect(changed.check.outcome == .newVersion)
        let path = try #require(changed.check.report)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("portal@fr#1 (id 1)"), "the old side: its number and row id")
        #expect(html.contains("portal@fr#2"), "the new side: the number the commit gave it")
        #expect(!html.contains("portal@fr#2 (id"), "no row id is invented for the new side")
        // The number the report predicted is the one the store gave.
        let stored = try #require(try setup.store.version(SourceID("portal"), language: "fr", number: 2))
        #expect(stored.charter.cookies.map(\.name).contains("_fbp"))

        // After a decision on #2, the next change's report shows it on the old side.
        try setup.review("approved", by: "Alice")
        setup.page.value = Self.changedAgain
        let again = try await setup.round()
        let html3 = try String(contentsOfFile: try #require(again.check.report), encoding: .utf8)
        #expect(html3.contains("portal@fr#2 (id 2)"))
        #expect(html3.contains("portal@fr#3"))
        #expect(html3.contains("Alice"), "the old side's decision on record")
    }

    @Test func anUndecidedReconsentChangeKeepsAwaitingReviewUntilApproved() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        _ = try await setup.round()
        setup.page.value = Self.changedFrench
        let changed = try await setup.round()
        #expect(changed.check.verdict == .reconsent)
        #expect(changed.check.review == .awaiting(since: 2))
        #expect(changed.text.hasPrefix("portal@fr: new-version, verdict reconsent, 3 cookies, awaiting review since #2\n"))
        #expect(try Self.review(in: changed.json) == .object(["status": .string("awaiting-review"), "version": .number(2)]))

        // Nothing changed, nobody decided: still said, even in a quiet round.
        let unchanged = try await setup.round()
        #expect(unchanged.check.outcome == .unchanged)
        #expect(unchanged.check.review == .awaiting(since: 2))
        #expect(unchanged.text == "portal@fr: unchanged, 3 cookies, awaiting review since #2\n")
        #expect(unchanged.quiet == unchanged.text, "an unsigned change is not dropped by --quiet")
        #expect(try Self.review(in: unchanged.json)?["status"] == .string("awaiting-review"))
        #expect(WatchLog.event(for: unchanged.check).metadata["review"] == "awaiting-review")

        try setup.review("approved", by: "Alice", comment: "checked with legal")
        let decided = try await setup.round()
        let review = try #require(decided.check.review)
        #expect(review.status == .decided && review.decision == .approved && review.reviewer == "Alice" && review.version == 2)
        let today = String(try #require(review.at).prefix(10))
        #expect(decided.text == "portal@fr: unchanged, 3 cookies, #2 approved by Alice \(today)\n")
        #expect(decided.quiet.isEmpty, "a decided, unchanged source is quiet again")
        let json = try #require(try Self.review(in: decided.json))
        #expect(json["status"] == .string("decided"))
        #expect(json["decision"] == .string("approved"))
        #expect(json["reviewer"] == .string("Alice"))
        #expect(json["comment"] == .string("checked with legal"))
        #expect(json["version"] == .number(2))
        #expect(json["at"] == .string(try #require(review.at)))
    }

    @Test func aChangeWithoutSignOffAfterADecisionLeavesNoState() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        _ = try await setup.round()
        setup.page.value = Self.changedFrench
        _ = try await setup.round()
        try setup.review("approved", by: "Alice")
        // _fbp removed again: an inform change, nothing to sign off; the approval was of #2, not of #3.
        setup.page.value = CheckPipelineTests.french
        let changed = try await setup.round()
        #expect(changed.check.outcome == .newVersion)
        #expect(changed.check.verdict == .inform)
        #expect(changed.check.review == nil)
        #expect(try Self.review(in: changed.json) == nil)
        let next = try await setup.round()
        #expect(next.check.outcome == .unchanged)
        #expect(next.check.review == nil, "the store says the same the round after")
        #expect(next.text == "portal@fr: unchanged, 2 cookies\n")
    }

    /// When this extractor reads the stored page differently, the commit stores that
    /// reading first (an extractor version, the next number) and the page's version after
    /// it: the report compares those two, neither with a row id yet.
    @Test func aReportAfterAnExtractorUpgradeNamesTheVersionsTheCommitStores() {
        let target = CheckTarget(source: SourceID("portal"), url: "https://example.org/fr", language: "fr", method: .header)
        let approved = ReviewState(status: .decided, version: 3, decision: .approved, reviewer: "Alice", at: "2026-12-01T00:00:00Z")
        let state = SeriesState(
            latest: SeriesState.Latest(
                id: VersionID(rawValue: 17), contentSHA256: "x", cookies: 2, extractor: "old", charterJSON: "{}", number: 3,
                decision: approved),
            review: approved)
        #expect(state.nextNumber == 4)
        let plain = CheckPipeline.references(target, state: state, reread: false)
        #expect(plain.old?.reference == "portal@fr#3" && plain.old?.id == 17 && plain.old?.decision?.reviewer == "Alice")
        #expect(plain.new?.reference == "portal@fr#4" && plain.new?.id == nil)
        let reread = CheckPipeline.references(target, state: state, reread: true)
        #expect(reread.old?.reference == "portal@fr#4" && reread.old?.id == nil && reread.old?.decision == nil)
        #expect(reread.new?.reference == "portal@fr#5" && reread.new?.id == nil)
        let none = CheckPipeline.references(target, state: SeriesState(), reread: false)
        #expect(none.old == nil && none.new == nil, "a first version has no report")
    }

    @Test func aHostileReviewerNameStaysTextOnOneLineInEveryFormat() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        _ = try await setup.round()
        setup.page.value = Self.changedFrench
        _ = try await setup.round()
        let hostile = "<script>alert(1)</script>\nEve\u{1B}[2J"
        try setup.review("reconsent-launched", by: hostile, comment: "ok <b>bold</b>\r\nnext")
        let round = try await setup.round()

        // Text: one line, no control character.
        #expect(round.text.split(separator: "\n").count == 1, "\(round.text)")
        #expect(!round.text.contains("\u{1B}"))
        #expect(round.text.contains("#2 reconsent-launched by <script>alert(1)</script> Eve [2J "))
        // JSON: the name as typed, as a JSON string (escaped), the document still valid.
        let json = try #require(try Self.review(in: round.json))
        #expect(json["reviewer"] == .string(hostile))
        #expect(!round.json.contains("</script>\nEve"), "a raw line break inside a JSON string")

        // Atom: the entry of the version says the decision, as text, on one line.
        let events = try setup.store.feedEvents(limit: 50)
        let reviews = try setup.store.reviewStates(of: events)
        let newVersion = try #require(events.first { $0.kind == .newVersion })
        #expect(reviews[newVersion.check]?.reviewer == hostile)
        let feed = try Notifier.atomFeed(
            events, settings: AtomFeedSettings(storeID: "0123456789abcdef0123456789abcdef"), updated: Date(), reviews: reviews)
        #expect(!feed.xml.contains("<script"), "a reviewer's name became markup")
        #expect(feed.xml.contains("Review: #2 reconsent-launched by &lt;script&gt;alert(1)&lt;/script&gt; Eve"))
        #expect(feed.xml.contains("Comment: ok &lt;b&gt;bold&lt;/b&gt; next"))
        #expect(!feed.xml.contains("</script>\nEve"))
        let firstVersion = try #require(events.first { $0.kind == .firstVersion })
        #expect(reviews[firstVersion.check] == nil, "no decision on #1, and a first version awaits none")
    }

    @Test func anUndecidedChangeIsSaidInTheFeed() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        _ = try await setup.round()
        setup.page.value = Self.changedFrench
        _ = try await setup.round()
        let events = try setup.store.feedEvents(limit: 50)
        let reviews = try setup.store.reviewStates(of: events)
        let feed = try Notifier.atomFeed(
            events, settings: AtomFeedSettings(storeID: "0123456789abcdef0123456789abcdef"), updated: Date(), reviews: reviews)
        #expect(feed.xml.contains("Review: awaiting a decision (charter review portal@fr#2)"))
    }
}

