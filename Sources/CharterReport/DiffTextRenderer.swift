internal import CharterModel
public import CharterDiff
public import CharterLocales

/// A version diff for a terminal: the verdict and its reasons first, then each cookie
/// change, then the prose changes as `[-deleted-]{+inserted+}`. Colours only when asked
/// (the command asks on a TTY without `NO_COLOR`).
public struct DiffTextRenderer: Sendable {
    public let strings: ReportStrings
    public let colors: Bool

    public init(strings: ReportStrings, colors: Bool) {
        self.strings = strings
        self.colors = colors
    }

    func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text }

    public func render(_ diff: VersionDiffResult) -> String {
        let clean = TerminalSafe.clean
        var out = strings["heading.title"] + "\n"
        out += "\(strings["heading.old"]): \(clean(diff.old.input)) (\(diff.old.cookies))\n"
        out += "\(strings["heading.new"]): \(clean(diff.new.input)) (\(diff.new.cookies))\n\n"
        let verdictColor = diff.verdict == .reconsent ? "1;31" : diff.verdict == .inform ? "1;33" : "1;32"
        out += "\(strings["heading.verdict"]): " + paint(strings["verdict." + diff.verdict.rawValue], verdictColor) + "\n"
        if diff.isUnchanged { out += strings["heading.noChange"] + "\n" }
        if diff.needsReview {
            out += paint(strings["heading.reviewReasons"], "1;33") + ":\n"
            for reason in diff.reviewReasons { out += "  ? " + clean(reason) + "\n" }
        }
        let reasons = diff.findings.filter { !$0.audit }.sorted { $0.verdict > $1.verdict }
        if !reasons.isEmpty {
            out += "\n" + strings["heading.reasons"] + "\n"
            for finding in reasons {
                out += "  \(finding.verdict == .reconsent ? "!" : finding.verdict == .inform ? "i" : "-") "
                out += "\(finding.rule)  \(clean(finding.message))"
                if finding.needsReview { out += "  [" + strings["heading.review"] + "]" }
                out += "\n      " + clean(finding.explanation) + " (" + finding.source + ")\n"
            }
        }
        if !diff.changes.isEmpty {
            out += "\n" + strings["heading.changes"] + "\n"
            for change in diff.changes {
                out += "  \(strings["kind." + change.kind.rawValue]) \(clean(change.cookie))"
                if let previous = change.previousName { out += " ← \(clean(previous))" }
                out += "\n"
                for (field, value) in change.fields.sorted(by: { $0.key < $1.key }) {
                    out += "      \(strings.fieldLabel(field)): " + paint(clean(value.old ?? "—"), "31") + " → " + paint(clean(value.new ?? "—"), "32") + "\n"
                }
            }
        }
        if !diff.prose.isEmpty {
            out += "\n" + strings["heading.prose"] + "\n"
            for change in diff.prose {
                out += "  § \(clean(change.heading ?? "—")) (\(strings["kind." + change.kind.rawValue]))\n      "
                out += ProseContext.trim(change.words).map { run in
                    switch run.operation {
                    case .equal: return clean(run.text)
                    case .delete: return paint("[-" + clean(run.text) + "-]", "31")
                    case .insert: return paint("{+" + clean(run.text) + "+}", "32")
                    }
                }.joined(separator: " ") + "\n"
                if change.rewritten { out += "      " + RewrittenNote.text(strings) + "\n" }
            }
        }
        let audit = diff.findings.filter(\.audit)
        if !audit.isEmpty {
            out += "\n" + strings["heading.audit"] + "\n"
            for finding in audit { out += "  \(finding.rule)  \(clean(finding.message))\n" }
        }
        return out
    }
}
