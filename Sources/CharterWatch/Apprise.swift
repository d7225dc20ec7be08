public import CharterStore
internal import Foundation
internal import CharterModel

/// A short message for chat and push services (Slack, Matrix, ntfy, e-mail… whatever
/// Apprise reaches): a title with the round's counts and one line per check that changed
/// or failed.
public struct AppriseMessage: Sendable, Hashable {
    public var title: String
    public var body: String
    /// How the services show it: `info`, `warning` (a change) or `failure` (a failed check).
    public var type: String

    public init(title: String, body: String, type: String = "info") {
        self.title = title
        self.body = body
        self.type = type
    }

    /// Lines listed at most; the rest are counted.
    public static let lineLimit = 20

    /// `charter: 2 changed, 1 failed, verdict reconsent`, then a line per event (the
    /// round's checks that changed or failed, `CharterDatabase.roundEvents`) with its
    /// verdict and its report's link (its file name without `reportBaseURL`).
    public init(tally: WatchTally, events: [FeedEvent], reportBaseURL: String?) {
        let firsts = tally.firstVersions > 0 ? ", \(tally.firstVersions) new" : ""
        title = "charter: \(tally.changed) changed, \(tally.failed) failed\(firsts), verdict \(tally.verdict.rawValue)"
        var lines = events.prefix(Self.lineLimit).map { event -> String in
            var line: String
            switch event.kind {
            case .firstVersion: line = "\(event.series): first version"
            case .newVersion: line = "\(event.series): changed, verdict \(event.verdict?.rawValue ?? "none")"
            case .failed, .recovered:
                line = "\(event.series): failed: \(WatchLog.redactingURLs(event.reason ?? "no reason recorded"))"
            }
            if let link = ReportLink.url(report: event.report, base: reportBaseURL) {
                line += " " + link
            } else if let report = event.report {
                line += " (report \((report as NSString).lastPathComponent))"
            }
            return line
        }
        let listed = tally.changed + tally.failed + tally.firstVersions
        if listed > lines.count, !lines.isEmpty { lines.append("… and \(listed - lines.count) more") }
        if lines.isEmpty { lines = ["nothing changed and nothing failed this round"] }
        body = lines.joined(separator: "\n")
        type = tally.failed > 0 ? "failure" : tally.changed + tally.firstVersions > 0 ? "warning" : "info"
    }
}

extension Notifier {
    /// Hands `message` to the `apprise` command (`command`, else `apprise` on PATH) for
    /// every URL in `urls`; nil when Apprise says it was delivered, else why not.
    ///
    /// Apprise URLs hold the services' tokens, and a command line is anyone's to read
    /// (`ps`): the URLs go to a configuration file readable by this user only, in a folder
    /// of its own, passed as `--config FILE` and deleted afterwards. The body goes through
    /// standard input. Apprise's own output is not repeated: it may quote a URL. The child
    /// is killed when it runs past `timeout`.
    public static func apprise(_ message: AppriseMessage, urls: [String], command: String?, timeout: Double) async -> String? {
        guard !urls.isEmpty else { return "no Apprise URL is configured" }
        guard let executable = Self.executable(command ?? "apprise") else {
            return command == nil
                ? "the Apprise notification was not sent: `apprise` is not installed (not found on PATH; pip install apprise, or set notify.apprise_command)"
                : "the Apprise notification was not sent: notify.apprise_command is not an executable file or a command on PATH"
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-apprise-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            return "the Apprise notification was not sent: no private folder for its configuration (\(error.localizedDescription))"
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("apprise.txt")
        let body = folder.appendingPathComponent("body.txt")
        guard FileManager.default.createFile(
                atPath: config.path, contents: Data((urls.joined(separator: "\n") + "\n").utf8), attributes: [.posixPermissions: 0o600]),
            FileManager.default.createFile(atPath: body.path, contents: Data(message.body.utf8), attributes: [.posixPermissions: 0o600]),
            let input = try? FileHandle(forReadingFrom: body)
        else { return "the Apprise notification was not sent: its configuration file could not be written" }
        defer { try? input.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = ["--title", message.title, "--notification-type", message.type, "--config", config.path]
        // The body from a file: nothing to block on, no broken pipe if apprise stops early.
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let exited = ExitSignal()
        process.terminationHandler = { _ in exited.fire() }
        do {
            try process.run()
        } catch {
            return "the Apprise notification was not sent: \(executable.lastPathComponent) could not be started (\(error.localizedDescription))"
        }
        if await !exited.wait(seconds: timeout) {
            process.terminate()
            if await !exited.wait(seconds: 2) { kill(process.processIdentifier, SIGKILL) }
            _ = await exited.wait(seconds: 5)
            return "the Apprise notification was not sent: apprise did not finish within \(Self.seconds(timeout)) s and was stopped"
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            return "apprise could not deliver the notification (exit status \(process.terminationStatus)); "
                + "its output is not shown, as it may quote a URL and its token: run apprise -vv with your URLs to see why"
        }
        return nil
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// `name` if it is a path to an executable file, else the first executable of that
    /// name on PATH.
    static func executable(_ name: String) -> URL? {
        let manager = FileManager.default
        if name.contains("/") { return manager.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                manager.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        return nil
    }
}

/// A child's exit, awaited with a deadline.
final class ExitSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false

    func fire() { lock.withLock { fired = true } }

    /// Whether the child exited within `seconds` (polled every 20 ms: a notification is
    /// no hot path, and nothing is left waiting on a continuation that never resumes).
    func wait(seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if lock.withLock({ fired }) { return true }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return lock.withLock { fired }
    }
}
