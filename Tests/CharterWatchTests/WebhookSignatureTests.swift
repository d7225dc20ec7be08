import CharterFetch
import CharterStore
import CharterTestSupport
import CharterWatch
import Crypto
import Foundation
import Testing

/// The webhook (issue 17): with a secret, `X-Charter-Signature: sha256=<HMAC-SHA256 of
/// the exact body>` and `X-Charter-Timestamp`, checked here by recomputing the HMAC on
/// what the receiver got; report paths become links under `report_base_url`.
@Suite(.serialized)
struct WebhookSignatureTests {
    /// What a receiver got: each POST's headers and body.
    final class Receiver: @unchecked Sendable {
        private let lock = NSLock()
        private var _requests: [TestRequest] = []
        var requests: [TestRequest] { lock.withLock { _requests } }
        func add(_ request: TestRequest) { lock.withLock { _requests.append(request) } }
    }


    /// The receiver's check: the header is `sha256=` and the hex HMAC of `body` under `secret`.
    static func expectSigned(_ request: TestRequest, secret: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let header = try #require(request.headers["x-charter-signature"], sourceLocation: sourceLocation)
        let mac = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: Array(secret.utf8)))
        let expected = "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
        #expect(header == expected, "the signature is not the HMAC of the body received", sourceLocation: sourceLocation)
        let timestamp = try #require(request.headers["x-charter-timestamp"].flatMap(Double.init), sourceLocation: sourceLocation)
        #expect(abs(timestamp - Date().timeIntervalSince1970) < 600, sourceLocation: sourceLocation)
    }

    @Test func aSignedSummaryCarriesTheHMACOfTheBytesSent() async throws {
        let receiver = Receiver()
        let server = try await TestHTTPServer.start { request in
            receiver.add(request)
            return TestResponse(status: 204)
        }
        defer { Task { await server.stop() } }
        // Several chunks, multi-byte characters across their boundaries.
        let payload = Array(("{\"checks\":[" + String(repeating: "\"déclaré — ok\",", count: 10_000) + "0]}").utf8)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("charter-signed-\(UUID().uuidString).json")
        try Data(payload).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let secret = "correct horse battery staple"
        #expect(await Notifier.webhook(server.baseURL + "/hook", document: file, timeout: 60, secret: secret) == nil)
        let request = try #require(receiver.requests.first)
        #expect(request.body == payload)
        try Self.expectSigned(request, secret: secret)
        // Without a secret, no signature.
        #expect(await Notifier.webhook(server.baseURL + "/hook", json: Data("{}".utf8), timeout: 10) == nil)
        #expect(receiver.requests.last?.headers["x-charter-signature"] == nil)
    }

    @Test func aFailureNeverRepeatsTheSecretNorTheURL() async {
        let problem = await Notifier.webhook(
            "http://127.0.0.1:9/hooks/s3cr3t-path", json: Data("{}".utf8), timeout: 1, secret: "hunter2-secret")
        #expect(problem != nil)
        #expect(problem?.contains("hunter2") == false)
        #expect(problem?.contains("s3cr3t") == false)
    }

    /// A real round's summary (a page changed: a report), with a fixed clock: the body the
    /// receiver gets is the golden file's, report paths as links, signed.
    @Test func theRoundsSummaryIsSentWithReportLinksAndSigned() async throws {
        let v1 = try String(contentsOf: TestPaths.fixture("portal-v1.html", in: "CharterReportTests"), encoding: .utf8)
        let v2 = try String(contentsOf: TestPaths.fixture("portal-v2.html", in: "CharterReportTests"), encoding: .utf8)
        let changed = ServerSwitch()
        let receiver = Receiver()
        let server = try await TestHTTPServer.start { request in
            if request.path == "/hook" {
                receiver.add(request)
                return TestResponse(status: 204)
            }
            return .html(changed.value ? v2 : v1, headers: [("Content-Language", "fr")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let reports = place.folder.appendingPathComponent("reports")
        let config = try WatchConfig.load("sources:\n  - id: portal\n    url: \(server.baseURL)/cookies\n    languages: [fr]\n")
        let store = try CharterDatabase(path: place.db)
        let clock = SharedValue(Date(timeIntervalSince1970: 1_800_000_000))
        let fetcher = PageFetcher()
        let watcher = Watcher(config: config, store: store, fetcher: fetcher, reports: reports, now: { clock.value })
        _ = await watcher.round()
        changed.value = true
        clock.value = Date(timeIntervalSince1970: 1_800_086_400)
        let summary = try WatchJSONWriter()
        let tally = await watcher.round { summary.add($0) }
        await fetcher.shutdown()
        try summary.finish(tally)
        #expect(tally.changed == 1)

        let secret = "s3cr3t-key"
        let problem = await Notifier.webhook(
            server.baseURL + "/hook", document: summary.document, timeout: 60, secret: secret,
            reportBaseURL: "https://reports.example/charter")
        #expect(problem == nil)
        let request = try #require(receiver.requests.first)
        try Self.expectSigned(request, secret: secret)
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(body.contains(#""report" : "https://reports.example/charter/portal-fr-1800086400.html""#))
        #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent("portal-fr-1800086400.html").path))
        #expect(!body.contains(reports.path), "a path on this machine reached the receiver")
        // Still the summary's JSON.
        #expect((try? JSONSerialization.jsonObject(with: Data(request.body))) != nil)
        try expectGolden(body.replacingOccurrences(of: server.baseURL, with: "http://127.0.0.1:PORT"), "webhook-body.json")
    }

    /// Through `charter watch`: the secret read from `secret_file`, never printed.
    @Test func theWatchSignsWithTheSecretFile() async throws {
        let receiver = Receiver()
        let server = try await TestHTTPServer.start { request in
            if request.path == "/hook" {
                receiver.add(request)
                return TestResponse(status: 204)
            }
            return .html(WatchAlertingTests.page, headers: [("Content-Language", "fr")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let secretFile = place.folder.appendingPathComponent("webhook.secret")
        try Data("from-a-file-7f3a\n".utf8).write(to: secretFile)
        let yaml = """
            notify:
              webhook: \(server.baseURL)/hook
              secret_file: \(secretFile.path)
              report_base_url: https://reports.example/charter/
            sources:
              - id: portal
                url: \(server.baseURL)/cookies
                languages: [fr]

            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: place.config))
        let round = try run(TestPaths.charterBinary, ["watch", "--format", "json", "--config", place.config, "--db", place.db], timeout: 120)
        #expect(round.status == 0, "stderr: \(round.stderr)")
        let request = try #require(receiver.requests.first)
        try Self.expectSigned(request, secret: "from-a-file-7f3a")
        #expect(!round.stdout.contains("from-a-file") && !round.stderr.contains("from-a-file"))
    }
}
