internal import CharterModel
public import CharterDiff
public import CharterLocales

/// A version diff as Markdown, for a ticket or a pull request.
public struct DiffMarkdownRenderer: Sendable {
    public let strings: ReportStrings

    public init(strings: ReportStrings) { self.strings = strings }

    public func render(_ diff: VersionDiffResult) -> String {
        let cell = CharterMarkdownRenderer.cell
        var out = "# " + strings["heading.title"] + "\n\n"
        out += "- \(strings["heading.old"]): \(cell(diff.old.input)) (\(diff.old.cookies))\n"
        out += "- \(strings["heading.new"]): \(cell(diff.new.input)) (\(diff.new.cookies))\n\n"
        out += "## \(strings["heading.verdict"]): \(strings["verdict." + diff.verdict.rawValue])\n\n"
        if diff.isUnchanged { out += strings["heading.noChange"] + "\n\n" }
        if diff.needsReview {
            out += "**\(strings["heading.reviewReasons"]):**\n\n"
            for reason in diff.reviewReasons { out += "- \(cell(reason))\n" }
            out += "\n"
        }
        let reasons = diff.findings.filter { !$0.audit }.sorted { $0.verdict > $1.verdict }
        if !reasons.isEmpty {
            out += "| \(strings["heading.verdict"]) | \(strings["heading.rules"]) | \(strings["heading.reasons"]) | \(strings["heading.source"]) |\n"
            out += "| --- | --- | --- | --- |\n"
            for finding in reasons {
                let review = finding.needsReview ? " **(\(strings["heading.review"]))**" : ""
                out += "| \(strings["verdict." + finding.verdict.rawValue]) | `\(finding.rule)` | \(cell(finding.message))\(review)<br>\(cell(finding.explanation)) | \(cell(finding.source)) |\n"
            }
            out += "\n"
        }
        if !diff.changes.isEmpty {
            out += "## \(strings["heading.changes"])\n\n"
            out += "| \(strings["heading.cookie"]) | \(strings["heading.change"]) | \(strings["heading.details"]) |\n| --- | --- | --- |\n"
            for change in diff.changes {
                let details = change.fields.sorted { $0.key < $1.key }.map { field, value in
                    "\(cell(strings.fieldLabel(field))): ~~\(cell(value.old ?? "—"))~~ → **\(cell(value.new ?? "—"))**"
                }.joined(separator: "<br>")
                out += "| \(cell(change.cookie)) | \(strings["kind." + change.kind.rawValue]) | \(details) |\n"
            }
            out += "\n"
        }
        if !diff.prose.isEmpty {
            out += "## \(strings["heading.prose"])\n\n"
            for change in diff.prose {
                out += "### \(cell(change.heading ?? "—")) (\(strings["kind." + change.kind.rawValue]))\n\n"
                out += ProseContext.trim(change.words).map { run in
                    switch run.operation {
                    case .equal: return cell(run.text)
                    case .delete: return "~~" + cell(run.text) + "~~"
                    case .insert: return "**" + cell(run.text) + "**"
                    }
                }.joined(separator: " ") + "\n\n"
                if change.rewritten { out += "_" + RewrittenNote.text(strings) + "_\n\n" }
            }
        }
        let audit = diff.findings.filter(\.audit)
        if !audit.isEmpty {
            out += "## \(strings["heading.audit"])\n\n"
            for finding in audit { out += "- `\(finding.rule)` \(cell(finding.message))\n" }
        }
        return out
    }
}
