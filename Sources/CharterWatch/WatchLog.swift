internal import CharterDiff
internal import CharterModel
internal import CharterStore
internal import Foundation
package import Logging

/// What a watch round says on stderr, one event per check.
///
/// Each event's level tells what needs a person: `error` a failed check, `warning` a
/// change that needs re-consent (and a check's warnings), `notice` any other stored
/// version, a recovery and a muted source's failure, `info` a check that found nothing new
/// (and the round's closing counts). The summary on stdout is not this: it is data.
package enum WatchLog {
    /// One check as one log event.
    package struct Event: Equatable, Sendable {
        package var level: Logger.Level
        package var message: String
        package var metadata: [String: String]
    }

    /// The event for a check.
    ///
    /// - Parameter duration: how long the check took, in seconds, when known.
    package static func event(for check: WatchSummary.Check, duration: Double? = nil) -> Event {
        var level: Logger.Level
        var message: String
        switch check.outcome {
        case .failed:
            // A muted source (`muted: until DATE`) is known to fail: said, but no alarm.
            level = check.muted ? .notice : .error
            message = redactingURLs(check.reason ?? "check failed")
        case .firstVersion:
            level = .notice
            message = "first version stored"
        case .newVersion:
            level = check.verdict == .reconsent ? .warning : .notice
            message = "changed" + (check.verdict.map { ", verdict \($0.rawValue)" } ?? "")
        case .unchanged:
            level = .info
            message = "unchanged"
        case .notModified:
            level = .info
            message = "not modified"
        }
        var metadata = ["source": check.source, "outcome": check.outcome.rawValue]
        if !check.language.isEmpty { metadata["lang"] = check.language }
        if let verdict = check.verdict { metadata["verdict"] = verdict.rawValue }
        if let cookies = check.cookies, check.outcome != .failed { metadata["cookies"] = String(cookies) }
        if !check.findings.isEmpty { metadata["findings"] = String(check.findings.count) }
        if check.outcome == .failed { metadata["url"] = URLRedaction.redacted(check.url) }
        if check.broken { metadata["broken"] = "true" }
        if check.muted { metadata["muted"] = "true" }
        if let report = check.report { metadata["report"] = report }
        // The state alone (`awaiting-review`, `approved`…): the reviewer's name is in the summary.
        if let review = check.review {
            metadata["review"] = review.status == .awaitingReview ? review.status.rawValue : review.decision?.rawValue ?? "decided"
        }
        if let duration { metadata["duration"] = seconds(duration) }
        if check.recovered, check.outcome != .failed {
            level = max(level, .notice)
            message = "recovered; " + message
            metadata["recovered"] = "true"
        }
        return Event(level: level, message: message, metadata: metadata)
    }

    /// Logs a round's entry: each check, then each of its warnings (what went wrong
    /// around it without failing it), and a source's language findings (at `info`: the
    /// summary lists them).
    package static func log(_ entry: WatchSummary.Entry, duration: Double? = nil, to logger: Logger) {
        switch entry {
        case .check(let check):
            log(event(for: check, duration: duration), to: logger)
            for warning in check.warnings {
                var metadata = ["source": check.source]
                if !check.language.isEmpty { metadata["lang"] = check.language }
                log(Event(level: .warning, message: redactingURLs(warning), metadata: metadata), to: logger)
            }
        case .locales(let locales):
            guard !locales.report.findings.isEmpty else { return }
            log(
                Event(
                    level: .info, message: "language findings",
                    metadata: ["source": locales.source, "findings": String(locales.report.findings.count)]),
                to: logger)
        }
    }

    /// The round's counts, at `info`.
    package static func roundFinished(_ tally: WatchTally, exitCode: Int32, to logger: Logger) {
        log(
            Event(
                level: .info, message: "round finished",
                metadata: [
                    "checks": String(tally.checks), "changed": String(tally.changed), "failed": String(tally.failed),
                    "first_versions": String(tally.firstVersions), "recovered": String(tally.recovered.count),
                    "muted_failures": String(tally.mutedFailures), "exit_code": String(exitCode),
                    "duration": seconds(tally.finishedAt.timeIntervalSince(tally.startedAt)),
                ]),
            to: logger)
    }

    package static func log(_ event: Event, to logger: Logger) {
        logger.log(level: event.level, "\(event.message)", metadata: event.metadata.mapValues { .string($0) })
    }

    /// Every `scheme://…` in a text with its user-info and query values replaced by
    /// `***` (``URLRedaction``): a fetch error may quote the URL it failed on.
    package static func redactingURLs(_ text: String) -> String {
        guard text.contains("://") else { return text }
        let url = #/[A-Za-z][A-Za-z0-9+.\-]*://[^\s"'<>]+/#
        return text.replacing(url) { URLRedaction.redacted(String($0.output)) }
    }

    static func seconds(_ value: Double) -> String {
        let milliseconds = Int((max(0, value) * 1000).rounded())
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)s"
    }
}
