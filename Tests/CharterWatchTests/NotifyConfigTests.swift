import CharterWatch
import Foundation
import Testing

/// The alerting keys of `notify:` (issue 17): checked when the configuration is read,
/// secrets read from their files, and no error repeating a secret or a URL that may hold
/// a token.
struct NotifyConfigTests {
    static func load(_ notify: String) throws(WatchError) -> WatchConfig.Notify? {
        try WatchConfig.load("notify:\n\(notify)\nsources:\n  - id: portal\n    url: https://example.org/c\n").notify
    }

    static func problem(_ notify: String) -> String? {
        do {
            _ = try load(notify)
            return nil
        } catch {
            return error.description
        }
    }

    static func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("charter-notify-\(UUID().uuidString)")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func everyKeyIsRead() throws {
        let secret = try Self.file("from-file\n")
        let urls = try Self.file("# ops channel\njson://127.0.0.1:1/a\n\n  mailto://u:p@example.org  \n")
        defer { try? FileManager.default.removeItem(at: secret); try? FileManager.default.removeItem(at: urls) }
        let notify = try #require(try Self.load("""
              report_base_url: https://reports.example/charter/
              feed_url: https://reports.example/charter/feed.xml
              secret_file: \(secret.path)
              apprise: [ntfy://topic]
              apprise_file: \(urls.path)
              apprise_command: /opt/apprise/bin/apprise
            """))
        #expect(notify.reportBaseURL == "https://reports.example/charter/")
        #expect(notify.feedURL == "https://reports.example/charter/feed.xml")
        #expect(notify.secret == "from-file", "the file's line break is not part of the secret")
        #expect(notify.apprise == ["ntfy://topic", "json://127.0.0.1:1/a", "mailto://u:p@example.org"])
        #expect(notify.appriseCommand == "/opt/apprise/bin/apprise")
        #expect(try Self.load("  apprise: ntfy://one")?.apprise == ["ntfy://one"], "one URL without brackets")
        // What a log line would show of it: no secret, no URL.
        #expect(!notify.description.contains("from-file") && !notify.description.contains("u:p@"))
    }

    @Test(arguments: [
        ("  report_base_url: ftp://x.example/?token=hunter2", "report_base_url"),
        ("  report_base_url: https://x.example/r?token=hunter2", "report_base_url"),
        ("  feed_url: feed.xml?token=hunter2", "feed_url"),
        ("  webhook: ftp://x.example/hooks/hunter2", "webhook"),
        ("  apprise: [ntfy://ok, 'hunter2 not a url']", "apprise"),
        ("  secret: hunter2\n  secret_file: /etc/hostname", "secret_file"),
        ("  report_base_ur: https://x.example/", "did you mean `report_base_url`?"),
    ])
    func aBadKeyIsNamedWithoutItsValue(_ notify: String, _ named: String) {
        let problem = Self.problem(notify)
        #expect(problem?.contains(named) == true, "\(problem ?? "accepted")")
        #expect(problem?.contains("hunter2") == false, "\(problem ?? "")")
    }

    @Test func unreadableOrEmptyFilesAreRefused() throws {
        #expect(Self.problem("  secret_file: /nonexistent/webhook.secret")?.contains("/nonexistent/webhook.secret cannot be read") == true)
        let empty = try Self.file("\n")
        let bad = try Self.file("json://127.0.0.1:1/a\nhunter2-token-no-scheme\n")
        defer { try? FileManager.default.removeItem(at: empty); try? FileManager.default.removeItem(at: bad) }
        #expect(Self.problem("  secret_file: \(empty.path)")?.contains("is empty") == true)
        #expect(Self.problem("  apprise_file: \(empty.path)")?.contains("holds no URL") == true)
        let problem = Self.problem("  apprise_file: \(bad.path)")
        #expect(problem?.contains("line 2") == true, "\(problem ?? "accepted")")
        #expect(problem?.contains("hunter2") == false)
    }
}
