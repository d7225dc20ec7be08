public import Foundation
internal import CharterModel

/// One route's answer to `charter watch --test-notify`.
public struct NotifyRouteTest: Sendable, Hashable {
    /// `webhook`, `apprise` or `atom`.
    public var route: String
    /// Nil when the route delivered (or, for the feed, could be written).
    public var problem: String?

    public init(route: String, problem: String?) {
        self.route = route
        self.problem = problem
    }

    /// `webhook: delivered`, `apprise: NOT delivered: …`, `atom: NOT writable: …`.
    public var line: String {
        guard let problem else { return "\(route): \(route == "atom" ? "writable (the feed was left as it is)" : "delivered")" }
        return "\(route): NOT \(route == "atom" ? "writable" : "delivered"): \(problem)"
    }
}

extension Notifier {
    /// Sends one test notification on every configured route, without a round.
    ///
    /// The webhook gets a small test document (`"test": true`, signed as a round's summary
    /// would be), Apprise a test message, and the Atom feed is only checked for being
    /// writable, so its readers see no test entry. Empty when no route is configured.
    public static func test(_ notify: WatchConfig.Notify?, timeout: Double, now: Date = Date()) async -> [NotifyRouteTest] {
        guard let notify else { return [] }
        var results: [NotifyRouteTest] = []
        if let webhook = notify.webhook {
            results.append(NotifyRouteTest(
                route: "webhook", problem: await Self.webhook(webhook, json: testDocument(at: now), timeout: timeout, secret: notify.secret)))
        }
        if !notify.apprise.isEmpty {
            let message = AppriseMessage(
                title: "charter: test notification",
                body: "charter watch --test-notify: this route works. Rounds that change or fail are reported here.")
            results.append(NotifyRouteTest(
                route: "apprise",
                problem: await Self.apprise(message, urls: notify.apprise, command: notify.appriseCommand, timeout: timeout)))
        }
        if let atom = notify.atom {
            results.append(NotifyRouteTest(route: "atom", problem: writableProblem(atom)))
        }
        return results
    }

    /// The webhook's test document: shaped like a quiet round's summary (counts, exit
    /// code, verdict), so a receiver's parser is tried too, and marked `"test": true`.
    public static func testDocument(at now: Date) -> Data {
        let at = CharterJSON.timestamp(now)
        let json = """
            {
              "counts" : {
                "changed" : 0,
                "checks" : 0,
                "failed" : 0
              },
              "exitCode" : 0,
              "message" : "charter watch --test-notify: a test notification, not a round",
              "sentAt" : "\(at)",
              "test" : true,
              "verdict" : "none"
            }
            """
        return Data(json.utf8)
    }

    /// Why the feed at `path` could not be written, found without touching it: the feed
    /// is replaced by a rename in its folder, so the folder must take a new file (one is
    /// made and removed), and an existing feed must open for writing (opened, not
    /// truncated).
    static func writableProblem(_ path: String) -> String? {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let folder = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "the Atom feed's folder \(folder.path) does not exist"
        }
        let probe = folder.appendingPathComponent(".charter-feed-test-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: probe.path, contents: nil) else {
            return "the Atom feed cannot be written: \(folder.path) does not take new files"
        }
        try? FileManager.default.removeItem(at: probe)
        if FileManager.default.fileExists(atPath: target.path) {
            guard let handle = FileHandle(forWritingAtPath: target.path) else {
                return "the Atom feed cannot be written: \(path) cannot be opened for writing"
            }
            try? handle.close()
        }
        return nil
    }
}
