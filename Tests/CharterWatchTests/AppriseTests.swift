import CharterTestSupport
import CharterWatch
import Foundation
import Testing

/// Apprise (issue 17): the message reaches a service through the real `apprise` command
/// (its `json://` URL against a loopback receiver); the URLs, which hold the services'
/// tokens, go through a private file, never the command line; a missing, failing or
/// hanging apprise is an undelivered notification.
@Suite(.serialized)
struct AppriseTests {
    /// The `apprise` command: on PATH, else beside the Python that pip installed it for.
    static let command: String? = {
        if let found = Self.onPath("apprise") { return found }
        let scripts = try? run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import sysconfig; print(sysconfig.get_path('scripts'))"])
        let candidate = (scripts?.stdout ?? "").trimmingCharacters(in: .whitespacesAndNewlines) + "/apprise"
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()

    static let notInstalled = "apprise is not installed (pip install apprise; Scripts/install-deps.sh does it): not tested against the real command"

    static func onPath(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// What an Apprise `json://` receiver got: title, message and type of each POST.
    final class Inbox: @unchecked Sendable {
        private let lock = NSLock()
        private var _messages: [[String: Any]] = []
        var messages: [[String: Any]] { lock.withLock { _messages } }
        func add(_ body: [UInt8]) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return }
            lock.withLock { _messages.append(object) }
        }
    }

    static func receiver(_ inbox: Inbox, status: Int = 200) async throws -> TestHTTPServer {
        try await TestHTTPServer.start { request in
            guard request.method == "POST" else { return TestResponse(status: 405) }
            inbox.add(request.body)
            return TestResponse(status: status)
        }
    }

    /// A stand-in `apprise` that writes its arguments, its configuration file's mode and
    /// content, and its standard input to `record`, then runs `then`.
    static func fakeApprise(in folder: URL, record: URL, then: String = "exit 0") throws -> String {
        let script = folder.appendingPathComponent("fake-apprise")
        let text = """
            #!/bin/sh
            config=""
            previous=""
            for argument in "$@"; do
              [ "$previous" = "--config" ] && config="$argument"
              previous="$argument"
            done
            {
              echo "ARGS: $*"
              echo "MODE: $(stat -c %a "$config")"
              echo "CONFIG: $(cat "$config")"
              echo "BODY: $(cat)"
            } > "\(record.path)"
            \(then)

            """
        try Data(text.utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script.path
    }

    @Test(.enabled(if: AppriseTests.command != nil, Comment(rawValue: AppriseTests.notInstalled)))
    func aMessageReachesTheServiceThroughApprise() async throws {
        let inbox = Inbox()
        let server = try await Self.receiver(inbox)
        defer { Task { await server.stop() } }
        let message = AppriseMessage(title: "charter: 1 changed, 0 failed, verdict reconsent", body: "portal@fr: changed, verdict reconsent", type: "warning")
        let problem = await Notifier.apprise(
            message, urls: ["json://127.0.0.1:\(server.port)/apprise"], command: Self.command, timeout: 60)
        #expect(problem == nil)
        let received = try #require(inbox.messages.first)
        #expect(received["title"] as? String == message.title)
        #expect(received["message"] as? String == message.body)
        #expect(received["type"] as? String == "warning")
    }

    @Test func theURLsNeverReachTheCommandLine() async throws {
        let place = try WatchPlace()
        defer { place.remove() }
        let record = place.folder.appendingPathComponent("record.txt")
        let fake = try Self.fakeApprise(in: place.folder, record: record)
        let url = "tgram://123456:ABC-token-s3cr3t/987654"
        let message = AppriseMessage(title: "charter: test", body: "line one\nline two")
        #expect(await Notifier.apprise(message, urls: [url], command: fake, timeout: 30) == nil)
        let recorded = try String(contentsOf: record, encoding: .utf8)
        let args = try #require(recorded.split(separator: "\n").first { $0.hasPrefix("ARGS: ") })
        #expect(!args.contains("s3cr3t"), "a URL's token was on the command line")
        #expect(args.contains("--config") && args.contains("--title charter: test"))
        #expect(recorded.contains("MODE: 600"))
        #expect(recorded.contains("CONFIG: \(url)"))
        #expect(recorded.contains("BODY: line one\nline two"))
        // The configuration file is gone.
        let config = try #require(args.split(separator: " ").drop { $0 != "--config" }.dropFirst().first)
        #expect(!FileManager.default.fileExists(atPath: String(config)))
    }

    @Test func aMissingAFailingOrAHangingAppriseIsUndelivered() async throws {
        let place = try WatchPlace()
        defer { place.remove() }
        let url = "json://127.0.0.1:9/?token=s3cr3t"
        let message = AppriseMessage(title: "t", body: "b")
        let missing = await Notifier.apprise(message, urls: [url], command: "/nonexistent/apprise", timeout: 5)
        #expect(missing?.contains("not an executable") == true)

        let record = place.folder.appendingPathComponent("record.txt")
        let failing = try Self.fakeApprise(in: place.folder, record: record, then: "echo 'cannot reach \(url)' >&2; exit 1")
        let failed = try #require(await Notifier.apprise(message, urls: [url], command: failing, timeout: 30))
        #expect(failed.contains("exit status 1"))
        #expect(!failed.contains("s3cr3t"), "apprise's output, with a URL, was repeated")

        let hanging = try Self.fakeApprise(in: place.folder, record: record, then: "exec sleep 60")
        let started = Date()
        let stopped = try #require(await Notifier.apprise(message, urls: [url], command: hanging, timeout: 1))
        #expect(stopped.contains("did not finish within 1 s"))
        #expect(Date().timeIntervalSince(started) < 15, "the child was not killed at the timeout")
    }

    /// Through `charter watch`: URLs from `apprise_file`; a round with a first version
    /// sends one message; a receiver that refuses it makes the round exit 4 without
    /// printing the URL.
    @Test(.enabled(if: AppriseTests.command != nil, Comment(rawValue: AppriseTests.notInstalled)))
    func aRoundThatChangedIsSentThroughApprise() async throws {
        let inbox = Inbox()
        // Later: the page fails, and the service refuses the message about it.
        let failing = ServerSwitch()
        let server = try await TestHTTPServer.start { request in
            if request.path.hasPrefix("/apprise") {
                inbox.add(request.body)
                return TestResponse(status: failing.value ? 500 : 200)
            }
            return failing.value ? TestResponse(status: 500) : .html(WatchAlertingTests.page, headers: [("Content-Language", "fr")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let urls = place.folder.appendingPathComponent("apprise.urls")
        try Data("# the team's channel\njson://127.0.0.1:\(server.port)/apprise/s3cr3t-token\n\n".utf8).write(to: urls)
        let yaml = """
            timeout: 30
            notify:
              apprise_file: \(urls.path)
              apprise_command: \(try #require(Self.command))
            sources:
              - id: portal
                url: \(server.baseURL)/cookies
                languages: [fr]

            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: place.config))
        let first = try run(TestPaths.charterBinary, ["watch", "--config", place.config, "--db", place.db], timeout: 120)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let message = try #require(inbox.messages.first)
        #expect(message["title"] as? String == "charter: 0 changed, 0 failed, 1 new, verdict none")
        #expect(message["message"] as? String == "portal@fr: first version")

        // A quiet round sends nothing.
        let quiet = try run(TestPaths.charterBinary, ["watch", "--config", place.config, "--db", place.db], timeout: 120)
        #expect(quiet.status == 0)
        #expect(inbox.messages.count == 1)

        // A failed check is sent; a service that refuses it is an undelivered alert.
        failing.value = true
        let refused = try run(TestPaths.charterBinary, ["watch", "--config", place.config, "--db", place.db], timeout: 120)
        #expect(refused.status == 4, "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("apprise"))
        #expect(!refused.stderr.contains("s3cr3t") && !refused.stdout.contains("s3cr3t"))
        #expect((inbox.messages.last?["title"] as? String)?.contains("1 failed") == true)
    }
}
