internal import CharterStore
internal import Foundation

/// A round in Prometheus' text format, for node_exporter's textfile collector
/// (`charter watch --metrics FILE`): checks by outcome, versions stored, failures, broken
/// sources, the round's duration and exit code, and when a round last ran without a failed
/// check — carried over from the previous file when this round had one, so an alert on
/// "no success for a day" keeps working.
public enum WatchMetrics {
    public static func text(_ tally: WatchTally, exitCode: Int32, previous: String?) -> String {
        let finished = tally.finishedAt.timeIntervalSince1970
        let lastSuccess = tally.failed == 0 ? finished : previous.flatMap { value(of: "charter_watch_last_success_timestamp_seconds", in: $0) }
        var out = ""
        func metric(_ name: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            for sample in samples { out += name + sample.labels + " " + format(sample.value) + "\n" }
        }
        let outcomes: [CheckOutcome] = [.firstVersion, .newVersion, .unchanged, .notModified, .failed]
        metric("charter_watch_checks", "Checks of the last round, by outcome.",
               outcomes.map { ("{outcome=\"\($0.rawValue)\"}", Double(tally.outcomes[$0.rawValue] ?? 0)) })
        metric("charter_watch_versions_stored", "Versions the last round stored (first and new).",
               [("", Double(tally.firstVersions + tally.changed))])
        metric("charter_watch_failed_checks", "Failed checks of the last round.", [("", Double(tally.failed))])
        metric("charter_watch_broken_sources", "Source languages that reached broken_after failures in a row.",
               [("", Double(tally.broken.count))])
        metric("charter_watch_round_duration_seconds", "How long the last round took.",
               [("", tally.finishedAt.timeIntervalSince(tally.startedAt))])
        metric("charter_watch_round_exit_code", "The last round's exit code (3 re-consent, 4 alert not delivered, 2 failure, 1 change, 0).",
               [("", Double(exitCode))])
        metric("charter_watch_last_round_timestamp_seconds", "When the last round finished (Unix time).", [("", finished)])
        if let lastSuccess {
            metric("charter_watch_last_success_timestamp_seconds", "When a round last finished without a failed check (Unix time).",
                   [("", lastSuccess)])
        }
        return out
    }

    /// A sample's value in a previous file of this format.
    static func value(of name: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Double(line.dropFirst(name.count + 1))
        }
        return nil
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
