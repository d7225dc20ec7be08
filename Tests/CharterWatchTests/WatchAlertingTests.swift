import CharterTestSupport
import Foundation
import Testing

/// Alerting that cannot fail silently (issue 17): a webhook that keeps answering 500 or an
/// Atom feed that cannot be written makes the round exit 4 (3 still wins); the
/// configuration can be checked without fetching anything.
@Suite(.serialized)
struct WatchAlertingTests {

    static let page = try! String(
        contentsOfFile: TestPaths.fixture("opendatasoft-portal-fr.html", in: "CharterExtractTests").path, encoding: .utf8)

    @Test func anUndeliveredNotificationIsExitFour() async throws {
        let server = try await TestHTTPServer.start { request in
            request.path == "/hook" ? TestResponse(status: 500) : .html(Self.page, headers: [("Content-Language", "fr")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let (config, db) = (place.config, place.db)
        let yaml = "timeout: 5\nnotify:\n  webhook: \(server.baseURL)/hook\nsources:\n  - id: portal\n    url: \(server.baseURL)/cookies\n    languages: [fr]\n"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: config))
        let round = try run(TestPaths.charterBinary, ["watch", "--config", config, "--db", db], timeout: 120)
        // A first version was stored (exit 1 on its own), but the alert never left.
        #expect(round.status == 4, "stderr: \(round.stderr)")
        #expect(round.stderr.contains("500"))
    }

    @Test func anUnwritableFeedIsExitFour() async throws {
        let server = try await TestHTTPServer.start { _ in .html(Self.page, headers: [("Content-Language", "fr")]) }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let (folder, config, db) = (place.folder, place.config, place.db)
        let feed = folder.appendingPathComponent("no-such-folder/feed.xml").path
        let yaml = "notify:\n  atom: \(feed)\nsources:\n  - id: portal\n    url: \(server.baseURL)/cookies\n    languages: [fr]\n"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: config))
        let round = try run(TestPaths.charterBinary, ["watch", "--config", config, "--db", db], timeout: 120)
        #expect(round.status == 4, "stderr: \(round.stderr)")
        #expect(round.stderr.contains("Atom feed"))
    }

    @Test func theConfigurationIsCheckedWithoutFetching() throws {
        let place = try WatchPlace()
        defer { place.remove() }
        let (config, db) = (place.config, place.db)
        // Port 9 (discard): nothing answers there, and nothing may be asked.
        try Data("sources:\n  - id: portal\n    url: http://127.0.0.1:9/c\n    languages: [fr, en]\n".utf8).write(to: URL(fileURLWithPath: config))
        let checked = try run(TestPaths.charterBinary, ["watch", "--check-config", "--config", config, "--db", db])
        #expect(checked.status == 0, "stderr: \(checked.stderr)")
        #expect(checked.stdout.contains("1 sources, 2 checks"))
        #expect(!FileManager.default.fileExists(atPath: db), "a check of the configuration opened the store")
        try Data("sources:\n  - id: portal\n    url: http://127.0.0.1:9/c\n    langauges: [fr]\n".utf8).write(to: URL(fileURLWithPath: config))
        let typo = try run(TestPaths.charterBinary, ["watch", "--check-config", "--config", config])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean `languages`?"))
    }
}

/// No noise from charter's own doing (issue 17): the language cookie charter sends is not
/// reported as a declared cookie the server failed to set.
struct WatchNoiseTests {
    @Test func theLanguageCookieCharterSendsIsNotReportedMissing() async throws {
        let server = try await TestHTTPServer.start { _ in
            .html(WatchAlertingTests.page, headers: [("Content-Language", "fr"), ("Set-Cookie", "csrftoken=x; Path=/")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let (config, db) = (place.config, place.db)
        try Data("sources:\n  - id: portal\n    url: \(server.baseURL)/cookies\n    languages: [fr]\n".utf8)
            .write(to: URL(fileURLWithPath: config))
        let round = try run(TestPaths.charterBinary, ["watch", "--format", "json", "--config", config, "--db", db], timeout: 120)
        #expect(round.status == 0, "a first version: \(round.stderr)")
        #expect(round.stdout.contains("declared-not-observed"), "the portal declares cookies the server does not set")
        #expect(!round.stdout.contains("django_language"), "charter's own language cookie was reported")
    }
}

/// The webhook (issue 17): posted when a check stored a version or failed, not every
/// quiet night (unless `always: true`), with the round's counts, exit code and verdict.
@Suite(.serialized)
struct WebhookTests {
    final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var _bodies: [String] = []
        var bodies: [String] { lock.withLock { _bodies } }
        func add(_ body: String) { lock.withLock { _bodies.append(body) } }
    }

    @Test(arguments: [false, true])
    func aQuietRoundPostsOnlyWhenAskedToAlways(_ always: Bool) async throws {
        let received = Received()
        let server = try await TestHTTPServer.start { request in
            if request.path == "/hook" {
                received.add(String(decoding: request.body, as: UTF8.self))
                return TestResponse(status: 204)
            }
            return .html(WatchAlertingTests.page, headers: [("Content-Language", "fr"), ("ETag", "\"v1\"")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let (config, db) = (place.config, place.db)
        let yaml = "notify:\n  webhook: \(server.baseURL)/hook\n  always: \(always)\nsources:\n  - id: portal\n    url: \(server.baseURL)/cookies\n    languages: [fr]\n"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: config))
        let first = try run(TestPaths.charterBinary, ["watch", "--config", config, "--db", db], timeout: 120)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(received.bodies.count == 1, "a first version is posted")
        let body = try #require(received.bodies.first)
        #expect(body.contains("\"exitCode\" : 0") && body.contains("\"verdict\" : \"none\"") && body.contains("\"counts\""))
        let quiet = try run(TestPaths.charterBinary, ["watch", "--config", config, "--db", db], timeout: 120)
        #expect(quiet.status == 0)
        #expect(received.bodies.count == (always ? 2 : 1), "a quiet round posts only with always: true")
    }
}

/// `--metrics FILE` (issue 17): Prometheus' text format, read back by Prometheus' own
/// parser (PyPI's prometheus-client), with the last success carried over a failed round.
@Suite(.serialized)
struct WatchMetricsTests {
    /// The samples of a metrics file as Prometheus' parser reads them: `name{labels} value`.
    static func parse(_ file: String) throws -> [String: Double]? {
        let script = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                for s in family.samples:
                    labels = ",".join(f"{k}={v}" for k, v in sorted(s.labels.items()))
                    print(f"{s.name}{{{labels}}} {s.value}")
            """
        let result = try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, file])
        if result.stderr.contains("No module named 'prometheus_client'") {
            Issue.record("prometheus-client is not installed (pip install prometheus-client): the metrics were not checked")
            return nil
        }
        #expect(result.status == 0, "the parser refused the file: \(result.stderr)")
        var samples: [String: Double] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { samples[String(parts[0])] = Double(parts[1]) }
        }
        return samples
    }

    @Test func metricsAreReadByPrometheusAndKeepTheLastSuccess() async throws {
        let failing = ServerSwitch()
        let server = try await TestHTTPServer.start { _ in
            failing.value ? TestResponse(status: 500) : .html(WatchAlertingTests.page, headers: [("Content-Language", "fr")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let (folder, config, db) = (place.folder, place.config, place.db)
        let metrics = folder.appendingPathComponent("charter.prom").path
        try Data("sources:\n  - id: portal\n    url: \(server.baseURL)/cookies\n    languages: [fr]\n".utf8).write(to: URL(fileURLWithPath: config))
        let first = try run(TestPaths.charterBinary, ["watch", "--metrics", metrics, "--config", config, "--db", db], timeout: 120)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        guard let good = try Self.parse(metrics) else { return }
        #expect(good["charter_watch_checks{outcome=first-version}"] == 1)
        #expect(good["charter_watch_versions_stored{}"] == 1)
        #expect(good["charter_watch_round_exit_code{}"] == 0)
        let success = try #require(good["charter_watch_last_success_timestamp_seconds{}"])

        failing.value = true
        let second = try run(TestPaths.charterBinary, ["watch", "--metrics", metrics, "--config", config, "--db", db], timeout: 120)
        #expect(second.status == 2)
        let bad = try #require(try Self.parse(metrics))
        #expect(bad["charter_watch_checks{outcome=failed}"] == 1)
        #expect(bad["charter_watch_round_exit_code{}"] == 2)
        #expect(bad["charter_watch_last_success_timestamp_seconds{}"] == success, "the last success is kept over a failed round")
    }
}

final class ServerSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var _value = false
    var value: Bool {
        get { lock.withLock { _value } }
        set { lock.withLock { _value = newValue } }
    }
}

/// A folder for one test's watch: its configuration, store and whatever else it writes.
struct WatchPlace {
    let folder: URL
    var config: String { folder.appendingPathComponent("charter.yml").path }
    var db: String { folder.appendingPathComponent("charter.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-watch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
