internal import CharterDiff
internal import CharterReport
internal import CharterStore

/// A watch round for a terminal or a cron mail: one line per check, then what needs a
/// person (re-consent, failures, broken sources, language findings).
public enum WatchTextRenderer {
    public static func render(_ summary: WatchSummary) -> String {
        let clean = TerminalSafe.clean
        var out = ""
        for check in summary.checks {
            var line = "\(check.source)@\(check.language.isEmpty ? "-" : check.language): \(check.outcome.rawValue)"
            if let verdict = check.verdict { line += ", verdict \(verdict.rawValue)" }
            if let cookies = check.cookies, check.outcome != .failed { line += ", \(cookies) cookies" }
            if let reason = check.reason { line += " — \(clean(reason))" }
            out += line + "\n"
            for finding in check.findings { out += "    \(finding.rule): \(clean(finding.message))\n" }
            if let report = check.report { out += "    report: \(report)\n" }
        }
        for locales in summary.locales where !locales.report.findings.isEmpty {
            out += "languages of \(locales.source): \(locales.report.findings.count) findings\n"
            for finding in locales.report.findings {
                out += "    [\(finding.severity.rawValue)] \(finding.kind.rawValue) (\(finding.language)) \(clean(finding.message))\n"
            }
        }
        if !summary.broken.isEmpty { out += "broken: \(summary.broken.joined(separator: ", "))\n" }
        let changed = summary.checks.filter { $0.outcome == .newVersion }.count
        let failed = summary.checks.filter { $0.outcome == .failed }.count
        out += "\(summary.checks.count) checks: \(changed) changed, \(failed) failed\n"
        return out
    }
}
