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
            WatchEvent(check: 2, at: Date(timeIntervalSince1970: 1_800_000_100), title: "portal@fr: changed, verdict reconsent",
                       summary: "a new version was stored <script>x</script> & more", report: "/tmp/report.html"),
            WatchEvent(check: 1, at: Date(timeIntervalSince1970: 1_800_000_000), title: "portal@de: check failed", summary: "HTTP 500", report: nil),
        ]
        let feed = try Notifier.atom(events, title: "charter watch", updated: Date(timeIntervalSince1970: 1_800_000_200))
        #expect(!feed.contains("<script>"))
        let checks = """
            assert len(d.entries) == 2, len(d.entries)
            assert d.entries[0].title == "portal@fr: changed, verdict reconsent"
            assert d.entries[0].link.endswith("/report.html"), d.entries[0].link
            """
        try Self.expectFeedParserAccepts(feed, checks: checks)
    }

    /// Issue 16, item 9: a server-sent language holding U+FFFF (or any character XML cannot
    /// hold) reaches a title; the feed stays valid, with U+FFFD in its place.
    @Test func theAtomFeedStaysValidWhateverTheTextsHold() throws {
        let event = WatchEvent(
            check: 3, at: Date(timeIntervalSince1970: 1_800_000_100), title: "portal@fr\u{FFFF}: changed, verdict none",
            summary: "cut\u{0}here \u{1B}[31mred\u{1}\u{FFFE}", report: nil)
        let feed = try Notifier.atomFeed([event], title: "charter \u{FFFE}watch", updated: event.at)
        #expect(feed.replacedCharacters == 6)
        #expect(feed.warning != nil)
        let checks = """
            assert d.feed.title == "charter \\ufffdwatch", repr(d.feed.title)
            assert d.entries[0].title == "portal@fr\\ufffd: changed, verdict none", repr(d.entries[0].title)
            assert d.entries[0].summary == "cut\\ufffdhere \\ufffd[31mred\\ufffd\\ufffd", repr(d.entries[0].summary)
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
