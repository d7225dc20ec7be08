import CharterModel
import CharterStore
import CharterTestSupport
import CharterWatch
import Foundation
import Testing

struct NotifierTests {
    final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var _bodies: [[UInt8]] = []
        var bodies: [[UInt8]] { lock.withLock { _bodies } }
        func add(_ body: [UInt8]) -> Int { lock.withLock { _bodies.append(body); return _bodies.count } }
    }

    @Test func theWebhookIsRetriedUntilItSucceeds() async throws {
        let received = Received()
        let server = try await TestHTTPServer.start { request in
            guard request.method == "POST" else { return TestResponse(status: 405) }
            // The first attempt fails: the notifier must try again.
            return received.add(request.body) == 1 ? TestResponse(status: 503) : TestResponse(status: 204)
        }
        defer { Task { await server.stop() } }
        let payload = Data("{\"checks\":[]}".utf8)
        let problem = await Notifier.webhook(server.baseURL + "/hook", json: payload, timeout: 5)
        #expect(problem == nil)
        #expect(received.bodies.count == 2)
        #expect(received.bodies.last == Array(payload))
    }

    @Test func aSummaryFileIsPostedWholeInChunks() async throws {
        let received = Received()
        let server = try await TestHTTPServer.start { request in
            _ = received.add(request.body)
            return TestResponse(status: 204)
        }
        defer { Task { await server.stop() } }
        // Larger than one chunk, with multi-byte characters across chunk boundaries.
        let payload = Array(("{\"checks\":[" + String(repeating: "\"déclaré — ok\",", count: 20_000) + "0]}").utf8)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("charter-hook-\(UUID().uuidString).json")
        try Data(payload).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        // A generous timeout: on a loaded machine a first try that times out is retried,
        // and the server then holds the body twice (seen once in a full parallel run).
        #expect(await Notifier.webhook(server.baseURL + "/hook", document: file, timeout: 60) == nil)
        #expect(received.bodies == [payload])
        let missing = file.appendingPathExtension("gone")
        #expect(await Notifier.webhook(server.baseURL + "/hook", document: missing, timeout: 5)?.contains("cannot be read") == true)
    }

    @Test func aWebhookThatNeverAnswersIsReported() async throws {
        // The path and query of a webhook URL are its secret: a failure never repeats them.
        let problem = await Notifier.webhook("http://127.0.0.1:9/hooks/s3cr3t?token=hunter2", json: Data("{}".utf8), timeout: 1)
        #expect(problem?.contains("3 times") == true)
        #expect(problem?.contains("s3cr3t") == false)
        #expect(problem?.contains("hunter2") == false)
        #expect(await Notifier.webhook("file:///tmp/x", json: Data(), timeout: 1) != nil)
    }

    @Test func theAtomFeedIsValidForARealFeedParser() throws {
        let events = [
            FeedEvent(
                check: CheckID(rawValue: 2), source: SourceID("portal"), language: "fr", at: Date(timeIntervalSince1970: 1_800_000_100),
                kind: .newVersion, verdict: .reconsent,
                findings: [CheckFinding(kind: .diff, rule: "purpose-added", level: .reconsent, cookie: "_ga", message: "<script>x</script> & more")],
                report: "/tmp/reports/portal-fr-1800000100.html"),
            FeedEvent(
                check: CheckID(rawValue: 1), source: SourceID("portal"), language: "de", at: Date(timeIntervalSince1970: 1_800_000_000),
                kind: .failed, reason: "HTTP 500"),
        ]
        let settings = AtomFeedSettings(storeID: "0123456789abcdef0123456789abcdef", reportBaseURL: "https://reports.example/charter")
        let feed = try Notifier.atomFeed(events, settings: settings, updated: Date(timeIntervalSince1970: 1_800_000_200)).xml
        #expect(!feed.contains("<script>"))
        let checks = """
            assert len(d.entries) == 2, len(d.entries)
            assert d.entries[0].title == "portal@fr: changed, verdict reconsent", d.entries[0].title
            assert d.entries[0].link == "https://reports.example/charter/portal-fr-1800000100.html", d.entries[0].link
            """
        try Self.expectFeedParserAccepts(feed, checks: checks)
    }

    /// Issue 16, item 9: a server-sent language holding U+FFFF (or any character XML cannot
    /// hold) reaches a title; the feed stays valid, with U+FFFD in its place.
    @Test func theAtomFeedStaysValidWhateverTheTextsHold() throws {
        let event = FeedEvent(
            check: CheckID(rawValue: 3), source: SourceID("portal"), language: "fr\u{FFFF}", at: Date(timeIntervalSince1970: 1_800_000_100),
            kind: .failed, reason: "cut\u{0}here \u{1B}[31mred\u{1}\u{FFFE}")
        let settings = AtomFeedSettings(title: "charter \u{FFFE}watch", storeID: "0123456789abcdef0123456789abcdef")
        let feed = try Notifier.atomFeed([event], settings: settings, updated: event.at)
        #expect(feed.replacedCharacters == 6)
        #expect(feed.warning != nil)
        let checks = """
            assert d.feed.title == "charter \\ufffdwatch", repr(d.feed.title)
            assert d.entries[0].title == "portal@fr\\ufffd: check failed", repr(d.entries[0].title)
            assert "cut\\ufffdhere \\ufffd[31mred\\ufffd\\ufffd" in d.entries[0].content[0].value, repr(d.entries[0].content[0].value)
            """
        try Self.expectFeedParserAccepts(feed.xml, checks: checks)
    }

    /// Python's feedparser, as feed readers parse: not "bozo" (not well-formed), Atom 1.0,
    /// then `checks` (Python statements on the parsed feed `d`).
    static func expectFeedParserAccepts(_ feed: String, checks: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString).xml")
        try Data(feed.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import feedparser, sys
            d = feedparser.parse(sys.argv[1])
            assert not d.bozo, d.bozo_exception
            assert d.version == "atom10", d.version
            \(checks)
            print("ok")
            """
        let python = URL(fileURLWithPath: "/usr/bin/env")
        let check = try run(python, ["python3", "-c", "import feedparser"])
        guard check.status == 0 else {
            Issue.record(
                "feedparser is not installed (python3 -m pip install feedparser): the feed was not checked by a parser")
            return
        }
        let result = try run(python, ["python3", "-c", script, file.path])
        #expect(result.stdout.contains("ok"), "\(result.stderr)")
    }
}
