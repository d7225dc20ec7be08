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
        var out = DiffReportParts.acrossLanguages(diff, strings).map { paint(clean($0), "1;33") + "\n" } ?? ""
        out += strings["heading.title"] + "\n\n"
        out += strings["heading.identity"] + "\n"
        let rows = DiffReportParts.identityRows(diff, strings)
        let width = rows.map(\.label.count).max() ?? 0
        for (heading, isOld) in [(strings["heading.old"], true), (strings["heading.new"], false)] {
            out += "  " + heading + "\n"
            for row in rows {
                let padding = String(repeating: " ", count: width - row.label.count + 1)
                out += "    " + row.label + ":" + padding + clean(isOld ? row.old : row.new) + "\n"
            }
        }
        if let generated = DiffReportParts.generatedBy(diff, strings) { out += "  " + generated + "\n" }
        out += "\n"
        let verdictColor = diff.verdict == .reconsent ? "1;31" : diff.verdict == .inform ? "1;33" : "1;32"
        out += "\(strings["heading.verdict"]): " + paint(strings["verdict." + diff.verdict.rawValue], verdictColor) + "\n"
        if diff.isUnchanged { out += strings["heading.noChange"] + "\n" }
        if diff.needsReview {
            out += paint(strings["heading.reviewReasons"], "1;33") + ":\n"
            for reason in diff.reviewReasons { out += "  ? " + clean(reason) + "\n" }
        }
        let reasons = DiffReportParts.reasonGroups(diff)
        if !reasons.isEmpty {
            out += "\n" + strings["heading.reasons"] + "\n"
            for group in reasons {
                out += "  \(group.verdict == .reconsent ? "!" : group.verdict == .inform ? "i" : "-") \(group.rule)"
                if group.needsReview { out += "  [" + strings["heading.review"] + "]" }
                out += "\n      " + clean(group.explanation) + " (" + group.source + ")\n"
                for finding in group.findings {
                    let (cookie, rest) = DiffReportParts.message(finding)
                    out += "      - " + clean((cookie ?? "") + rest) + "\n"
                }
            }
        }
        if !diff.changes.isEmpty {
            out += "\n" + strings["heading.changes"] + "\n"
            for change in diff.changes {
                out += "  \(strings["kind." + change.kind.rawValue]) \(clean(change.cookie))"
                if let previous = change.previousName { out += " ← \(clean(previous))" }
                out += "\n"
                if change.fields.isEmpty, let cookie = change.new ?? change.old {
                    for detail in DiffReportParts.details(cookie) {
                        let value = paint(clean(detail.value), change.kind == .added ? "32" : "31")
                        out += "      \(strings.fieldLabel(detail.field)): " + value
                            + (detail.inferred ? " (" + strings["mark.inferred"] + ")" : "") + "\n"
                    }
                }
                for (field, value) in change.fields.sorted(by: { $0.key < $1.key }) {
                    out += "      \(strings.fieldLabel(field)): " + paint(clean(value.old ?? "—"), "31") + " → " + paint(clean(value.new ?? "—"), "32") + "\n"
                }
            }
        }
        if !diff.prose.isEmpty {
            out += "\n" + strings["heading.prose"] + "\n"
            for change in diff.prose {
                out += "  § \(clean(change.heading ?? "—")) (\(strings["kind." + change.kind.rawValue]))\n"
                let lines = ProseContext.lines(change) { run in
                    switch run.operation {
                    case .equal: return clean(run.text)
                    case .delete: return paint("[-" + clean(run.text) + "-]", "31")
                    case .insert: return paint("{+" + clean(run.text) + "+}", "32")
                    }
                }
                for (kind, line) in lines {
                    switch kind {
                    case nil: out += "      " + line + "\n"
                    // A head that has no colon of its own gets one: it reads as the
                    // head of the lines under it.
                    case .label: out += "      " + line + (line.last.map { ":?.!".contains($0) } == true ? "" : ":") + "\n"
                    case .item: out += "        • " + line + "\n"
                    case .text: out += "      " + line + "\n"
                    }
                }
                if let note = ProseContext.headingOnlyNote(change, strings) { out += "      " + note + "\n" }
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
