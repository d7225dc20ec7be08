internal import CharterModel
internal import CharterDiff
internal import CharterReport
internal import CharterStore

/// A watch round for a terminal or a cron mail: one line per check, the language
/// findings of a source, then what needs a person (broken sources) and the counts.
/// Entries are rendered one by one as a round hands them on.
public enum WatchTextRenderer {
    public static func render(_ summary: WatchSummary) -> String {
        summary.checks.map { render(.check($0)) }.joined()
            + summary.locales.map { render(.locales($0)) }.joined()
            + closing(WatchTally(summary))
    }

    public static func render(_ entry: WatchSummary.Entry) -> String {
        let clean = TerminalSafe.clean
        var out = ""
        switch entry {
        case .check(let check):
            var line = "\(check.source)@\(check.language.isEmpty ? "-" : check.language): \(check.outcome.rawValue)"
            if let verdict = check.verdict { line += ", verdict \(verdict.rawValue)" }
            if let cookies = check.cookies, check.outcome != .failed { line += ", \(cookies) cookies" }
            if let reason = check.reason { line += " — \(clean(reason))" }
            if check.muted, check.outcome == .failed { line += " (muted)" }
            if check.recovered { line += " (recovered after failed checks)" }
            if let review = check.review { line += ", " + clause(review) }
            out += line + "\n"
            for finding in check.findings { out += "    \(finding.rule): \(clean(finding.message))\n" }
            if let report = check.report { out += "    report: \(report)\n" }
        case .locales(let locales):
            guard !locales.report.findings.isEmpty else { return "" }
            out += "languages of \(locales.source): \(locales.report.findings.count) findings\n"
            for finding in locales.report.findings {
                out += "    [\(finding.severity.rawValue)] \(finding.kind.rawValue) (\(finding.language)) \(clean(finding.message))\n"
            }
        }
        return out
    }

    /// The review state in one clause: `awaiting review since #2`, `approved by Alice
    /// 2026-12-01`. The reviewer's name is what they typed: cleaned for a terminal, on one line.
    static func clause(_ review: ReviewState) -> String {
        switch review.status {
        case .awaitingReview:
            return "awaiting review since #\(review.version)"
        case .decided:
            var clause = "#\(review.version) " + (review.decision?.rawValue ?? "decided")
            if let reviewer = review.reviewer { clause += " by \(TerminalSafe.clean(reviewer))" }
            if let at = review.at { clause += " \(TerminalSafe.clean(String(at.prefix(10))))" }
            return clause
        }
    }

    /// The round's last lines: broken sources, then the counts.
    public static func closing(_ tally: WatchTally) -> String {
        var out = ""
        if !tally.broken.isEmpty { out += "broken: \(tally.broken.joined(separator: ", "))\n" }
        if !tally.recovered.isEmpty { out += "recovered: \(tally.recovered.joined(separator: ", "))\n" }
        let muted = tally.mutedFailures > 0 ? " (and \(tally.mutedFailures) of muted sources)" : ""
        out += "\(tally.checks) checks: \(tally.changed) changed, \(tally.failed) failed\(muted)\n"
        return out
    }
}
