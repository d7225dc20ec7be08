import CharterTestSupport
import CharterWatch
import Foundation
import Testing

/// `charter watch --test-notify` (issue 17): one test notification per configured route,
/// each named with its result; exit 0 when all were delivered, 4 otherwise; no round, no
/// store, and the Atom feed is only checked, never changed.
@Suite(.serialized)
struct TestNotifyTests {
    @Test func everyRouteIsTriedAndNamed() async throws {
        let receiver = WebhookSignatureTests.Receiver()
        let server = try await TestHTTPServer.start { request in
            receiver.add(request)
            return TestResponse(status: 204)
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let record = place.folder.appendingPathComponent("apprise-record.txt")
        let apprise = try AppriseTests.fakeApprise(in: place.folder, record: record)
        let feed = place.folder.appendingPathComponent("feed.xml")
        try Data("<feed>as it was</feed>".utf8).write(to: feed)
        let yaml = """
            notify:
              webhook: \(server.baseURL)/hook
              secret: test-secret
              apprise: tgram://123456:token-s3cr3t/987
              apprise_command: \(apprise)
              atom: \(feed.path)
            sources:
              - id: portal
                url: http://127.0.0.1:9/never-fetched
                languages: [fr]

            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: place.config))
        let result = try run(TestPaths.charterBinary, ["watch", "--test-notify", "--config", place.config, "--db", place.db], timeout: 120)
        #expect(result.status == 0, "stdout: \(result.stdout) stderr: \(result.stderr)")
        #expect(result.stdout.contains("webhook: delivered"))
        #expect(result.stdout.contains("apprise: delivered"))
        #expect(result.stdout.contains("atom: writable"))
        let request = try #require(receiver.requests.first)
        #expect(receiver.requests.count == 1)
        try WebhookSignatureTests.expectSigned(request, secret: "test-secret")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(body["test"] as? Bool == true)
        #expect((try String(contentsOf: record, encoding: .utf8)).contains("test notification"))
        #expect(try String(contentsOf: feed, encoding: .utf8) == "<feed>as it was</feed>", "the feed was changed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: place.folder.path).filter { $0.hasPrefix(".charter-feed-test") }.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: place.db), "a test notification opened the store")
        #expect(!(result.stdout + result.stderr).contains("s3cr3t") && !(result.stdout + result.stderr).contains("test-secret"))
    }

    @Test func anUndeliveredRouteIsExitFourAndNamed() async throws {
        let server = try await TestHTTPServer.start { _ in TestResponse(status: 500) }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let feed = place.folder.appendingPathComponent("no-such-folder/feed.xml").path
        let yaml = """
            timeout: 2
            notify:
              webhook: \(server.baseURL)/hook
              atom: \(feed)
              apprise: json://127.0.0.1:9/
              apprise_command: /nonexistent/apprise
            sources:
              - id: portal
                url: http://127.0.0.1:9/c

            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: place.config))
        let result = try run(TestPaths.charterBinary, ["watch", "--test-notify", "--config", place.config, "--db", place.db], timeout: 120)
        #expect(result.status == 4, "stdout: \(result.stdout) stderr: \(result.stderr)")
        #expect(result.stdout.contains("webhook: NOT delivered: the webhook failed 3 times: HTTP 500"))
        #expect(result.stdout.contains("apprise: NOT delivered"))
        #expect(result.stdout.contains("atom: NOT writable"))
    }

    @Test func noRouteIsExitFour() throws {
        let place = try WatchPlace()
        defer { place.remove() }
        try Data("sources:\n  - id: portal\n    url: http://127.0.0.1:9/c\n".utf8).write(to: URL(fileURLWithPath: place.config))
        let result = try run(TestPaths.charterBinary, ["watch", "--test-notify", "--config", place.config, "--db", place.db])
        #expect(result.status == 4)
        #expect(result.stdout.contains("no notification route is configured"))
    }
}
