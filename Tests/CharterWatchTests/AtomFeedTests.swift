import CharterModel
import CharterStore
import CharterTestSupport
import CharterWatch
import Foundation
import Testing

/// The Atom feed (issue 17): entries with the verdict, the rules' and the languages'
/// findings, escaped; http(s) report links only under `report_base_url`; tag URIs unique
/// per store; one entry when a page breaks and one when it recovers.
@Suite(.serialized)
struct AtomFeedTests {
    static let storeID = "0123456789abcdef0123456789abcdef"
    static let settings = AtomFeedSettings(
        storeID: storeID, reportBaseURL: "https://reports.example/charter/", feedURL: "https://reports.example/charter/feed.xml")

    /// Every kind of entry, newest first, with what a hostile server could put in them.
    static let events: [FeedEvent] = [
        FeedEvent(
            check: CheckID(rawValue: 9), source: SourceID("café"), language: "", at: Date(timeIntervalSince1970: 1_800_000_700),
            kind: .newVersion, verdict: .inform,
            findings: [CheckFinding(kind: .diff, rule: "retention-shortened", level: .inform, cookie: "sid", message: "sid: 13 months → 6 months")],
            report: "café-page-1800000700.html"),
        FeedEvent(
            check: CheckID(rawValue: 7), source: SourceID("portal"), language: "fr", at: Date(timeIntervalSince1970: 1_800_000_600),
            kind: .newVersion, recovering: true, previousReason: "HTTP 503", verdict: .reconsent,
            findings: [
                CheckFinding(
                    kind: .diff, rule: "purpose-added", level: .reconsent, cookie: "_ga",
                    message: "_ga now serves <b>advertising</b> & \"profiling\" <script>alert(1)</script>"),
                CheckFinding(kind: .diff, rule: "retention-extended", level: .inform, cookie: nil, message: "a retention grew ]]> here"),
                CheckFinding(kind: .locale, rule: "missing", level: .critical, cookie: "_ga", message: "en: the English version does not declare _ga"),
            ],
            report: "/var/lib/charter/reports/portal-fr-1800000600.html"),
        FeedEvent(
            check: CheckID(rawValue: 6), source: SourceID("portal"), language: "de", at: Date(timeIntervalSince1970: 1_800_000_500),
            kind: .failed, reason: "HTTP 500 <html><!-- ]]> -->"),
        FeedEvent(
            check: CheckID(rawValue: 5), source: SourceID("portal"), language: "en", at: Date(timeIntervalSince1970: 1_800_000_400),
            kind: .recovered, recovering: true, previousReason: "fetch failed: timeout"),
        FeedEvent(
            check: CheckID(rawValue: 1), source: SourceID("portal"), language: "fr", at: Date(timeIntervalSince1970: 1_800_000_000),
            kind: .firstVersion),
    ]

    static func feed(_ settings: AtomFeedSettings = Self.settings) throws -> String {
        try Notifier.atomFeed(events, settings: settings, updated: Date(timeIntervalSince1970: 1_800_000_800)).xml
    }

    @Test func theFeedMatchesItsGoldenFile() throws {
        try expectGolden(try Self.feed(), "feed.xml")
    }

    @Test func aFeedReaderReadsEscapedTextLinksAndTagIDs() throws {
        let feed = try Self.feed()
        #expect(!feed.contains("<script"), "server text became markup")
        #expect(!feed.contains("file:"), "a report was linked as a file on this machine")
        let checks = """
            assert len(d.entries) == 5, len(d.entries)
            prefix = "tag:charter,2026:\(Self.storeID)/check/"
            assert [e.id for e in d.entries] == [prefix + n for n in ["9", "7", "6", "5", "1"]], [e.id for e in d.entries]
            assert d.feed.id == "tag:charter,2026:\(Self.storeID)/feed", d.feed.id
            selfs = [l.href for l in d.feed.links if l.rel == "self"]
            assert selfs == ["https://reports.example/charter/feed.xml"], d.feed.links
            assert d.entries[0].link == "https://reports.example/charter/caf%C3%A9-page-1800000700.html", d.entries[0].link
            assert d.entries[1].link == "https://reports.example/charter/portal-fr-1800000600.html", d.entries[1].link
            for e in d.entries[2:]:
                assert not [l for l in e.get("links", []) if l.rel == "alternate"], e.get("links")
            assert [e.title for e in d.entries] == [
                "café: changed, verdict inform", "portal@fr: changed, verdict reconsent, after failed checks",
                "portal@de: check failed", "portal@en: working again, unchanged", "portal@fr: first version"], [e.title for e in d.entries]
            fr = d.entries[1].content[0]
            assert fr.type == "application/xhtml+xml", fr.type
            v = fr.value
            assert "Verdict: reconsent" in v, v
            assert "[reconsent] purpose-added (_ga): _ga now serves &lt;b&gt;advertising&lt;/b&gt;" in v, v
            assert "<b>" not in v and "<script" not in v, v
            assert "[critical] missing (_ga): en: the English version does not declare _ga" in v, v
            assert "The last failed check before it: HTTP 503." in v, v
            de = d.entries[2].content[0].value
            assert "HTTP 500 &lt;html&gt;&lt;!-- ]]&gt; --&gt;" in de, de
            """
        try NotifierTests.expectFeedParserAccepts(feed, checks: checks)
    }

    @Test func withoutABaseURLNoEntryHasALinkNorTheFeedASelfLink() throws {
        let feed = try Self.feed(AtomFeedSettings(storeID: Self.storeID))
        #expect(!feed.contains("<link"))
        #expect(!feed.contains("portal-fr-1800000600.html"))
    }

    @Test func aReasonQuotingTheURLHidesItsSecrets() throws {
        let event = FeedEvent(
            check: CheckID(rawValue: 1), source: SourceID("portal"), language: "fr", at: Date(timeIntervalSince1970: 1_800_000_000),
            kind: .failed, reason: "fetch failed: https://user:pa55@x.example/c?api_key=hunter2")
        let feed = try Notifier.atomFeed([event], settings: AtomFeedSettings(storeID: Self.storeID), updated: event.at).xml
        #expect(!feed.contains("hunter2") && !feed.contains("pa55"))
        #expect(feed.contains("x.example/c?api_key=***"))
    }

    @Test(arguments: [
        ("portal-fr-1800000600.html", "https://r.example/a", "https://r.example/a/portal-fr-1800000600.html"),
        ("/var/reports/portal-fr-1.html", "https://r.example/a/", "https://r.example/a/portal-fr-1.html"),
        ("café page#1?.html", "http://r.example", "http://r.example/caf%C3%A9%20page%231%3F.html"),
    ])
    func reportLinksAreTheBaseAndTheEncodedFileName(_ report: String, _ base: String, _ link: String) {
        #expect(ReportLink.url(report: report, base: base) == link)
    }

    @Test func noReportOrNoBaseIsNoLink() {
        #expect(ReportLink.url(report: nil, base: "https://r.example/") == nil)
        #expect(ReportLink.url(report: "portal-fr-1.html", base: nil) == nil)
    }

    /// Through `charter watch`: a page that fails two rounds in a row is one entry when it
    /// breaks and one when it works again, beside its first version; every entry's id is
    /// a tag URI of this store.
    @Test func aBrokenPageIsOneEntryWhenItBreaksAndOneWhenItRecovers() async throws {
        let failing = ServerSwitch()
        let server = try await TestHTTPServer.start { _ in
            failing.value ? TestResponse(status: 500) : .html(WatchAlertingTests.page, headers: [("Content-Language", "fr")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let feed = place.folder.appendingPathComponent("feed.xml").path
        let yaml = """
            notify:
              atom: \(feed)
              report_base_url: https://reports.example/charter/
              feed_url: https://reports.example/charter/feed.xml
            sources:
              - id: portal
                url: \(server.baseURL)/cookies
                languages: [fr]

            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: place.config))
        var statuses: [Int32] = []
        for fails in [false, true, true, false] {
            failing.value = fails
            let round = try run(TestPaths.charterBinary, ["watch", "--config", place.config, "--db", place.db], timeout: 120)
            statuses.append(round.status)
            #expect(!round.stderr.contains("Atom feed"), "\(round.stderr)")
        }
        #expect(statuses == [0, 2, 2, 0])
        let xml = try String(contentsOfFile: feed, encoding: .utf8)
        let checks = """
            assert [e.title for e in d.entries] == [
                "portal@fr: working again, unchanged", "portal@fr: check failed", "portal@fr: first version"], [e.title for e in d.entries]
            import re
            ids = [e.id for e in d.entries]
            assert all(re.fullmatch(r"tag:charter,2026:[0-9a-f]{32}/check/[0-9]+", i) for i in ids), ids
            assert len(set(ids)) == 3, ids
            assert "HTTP 500" in d.entries[1].content[0].value, d.entries[1].content[0].value
            assert [l.href for l in d.feed.links if l.rel == "self"] == ["https://reports.example/charter/feed.xml"]
            """
        try NotifierTests.expectFeedParserAccepts(xml, checks: checks)
    }
}
