internal import CharterModel
public import CharterDiff
public import CharterLocales

/// A version diff as Markdown, for a ticket or a pull request.
public struct DiffMarkdownRenderer: Sendable {
    public let strings: ReportStrings

    public init(strings: ReportStrings) { self.strings = strings }

    public func render(_ diff: VersionDiffResult) -> String {
        let cell = CharterMarkdownRenderer.cell
        var out = DiffReportParts.acrossLanguages(diff, strings).map { "**" + cell($0) + "**\n\n" } ?? ""
        out += "# " + strings["heading.title"] + "\n\n"
        out += "## \(strings["heading.identity"])\n\n"
        out += "| | \(strings["heading.old"]) | \(strings["heading.new"]) |\n| --- | --- | --- |\n"
        for row in DiffReportParts.identityRows(diff, strings) {
            let value: (String) -> String = { row.code ? Self.name($0) : cell($0) }
            out += "| \(row.label) | \(value(row.old)) | \(value(row.new)) |\n"
        }
        out += "\n"
        if let generated = DiffReportParts.generatedBy(diff, strings) { out += "_" + generated + "_\n\n" }
        out += "## \(strings["heading.verdict"]): \(strings["verdict." + diff.verdict.rawValue])\n\n"
        if diff.isUnchanged { out += strings["heading.noChange"] + "\n\n" }
        if diff.needsReview {
            out += "**\(strings["heading.reviewReasons"]):**\n\n"
            for reason in diff.reviewReasons { out += "- \(cell(reason))\n" }
            out += "\n"
        }
        let reasons = DiffReportParts.reasonGroups(diff)
        if !reasons.isEmpty {
            out += "## \(strings["heading.reasons"])\n\n"
            for group in reasons {
                let review = group.needsReview ? " **(\(strings["heading.review"]))**" : ""
                out += "### \(strings["verdict." + group.verdict.rawValue]): `\(group.rule)`\(review)\n\n"
                out += cell(group.explanation) + "\n\n"
                for finding in group.findings {
                    let (cookie, rest) = DiffReportParts.message(finding)
                    out += "- " + (cookie.map(Self.name) ?? "") + cell(rest) + "\n"
                }
                out += "\n\(strings["heading.source"]): \(cell(group.source))\n\n"
            }
        }
        if !diff.changes.isEmpty {
            out += "## \(strings["heading.changes"])\n\n"
            out += "| \(strings["heading.cookie"]) | \(strings["heading.change"]) | \(strings["heading.details"]) |\n| --- | --- | --- |\n"
            for change in diff.changes {
                var details = change.fields.sorted { $0.key < $1.key }.map { field, value in
                    "\(cell(strings.fieldLabel(field))): ~~\(cell(value.old ?? "—"))~~ → **\(cell(value.new ?? "—"))**"
                }
                if change.fields.isEmpty, let cookie = change.new ?? change.old {
                    let mark = change.kind == .added ? "**" : "~~"
                    details = DiffReportParts.details(cookie).map { detail in
                        "\(cell(strings.fieldLabel(detail.field))): \(mark)\(cell(detail.value))\(mark)"
                            + (detail.inferred ? " _(\(strings["mark.inferred"]))_" : "")
                    }
                }
                var name = Self.name(change.cookie)
                if let previous = change.previousName { name += " ← " + Self.name(previous) }
                out += "| \(name) | \(strings["kind." + change.kind.rawValue]) | \(details.joined(separator: "<br>")) |\n"
            }
            out += "\n"
            out += "## \(strings["heading.sideBySide"])\n\n"
            out += "| \(strings["heading.old"]) | \(strings["heading.new"]) | \(strings["heading.change"]) |\n| --- | --- | --- |\n"
            for row in DiffReportParts.sideBySide(diff) {
                func side(_ cookie: Cookie?) -> String {
                    guard let cookie else { return "—" }
                    let text = Self.name(cookie.name) + "<br>" + cell(DiffReportParts.summary(cookie, strings))
                    return row.change == nil ? text : row.change == .removed ? "~~" + text + "~~" : "**" + text + "**"
                }
                let old = row.change == .added ? "—" : side(row.old)
                let new = row.new.map { _ in side(row.new) } ?? "—"
                out += "| \(old) | \(new) | \(row.change.map { strings["kind." + $0.rawValue] } ?? "") |\n"
            }
            out += "\n"
        }
        if !diff.prose.isEmpty {
            out += "## \(strings["heading.prose"])\n\n"
            for change in diff.prose {
                out += "### \(cell(change.heading ?? "—")) (\(strings["kind." + change.kind.rawValue]))\n\n"
                let lines = ProseContext.lines(change) { run in
                    switch run.operation {
                    case .equal: return cell(run.text)
                    case .delete: return "~~" + cell(run.text) + "~~"
                    case .insert: return "**" + cell(run.text) + "**"
                    }
                }
                for (kind, line) in lines {
                    switch kind {
                    case nil: out += line + "\n\n"
                    // A list head is set apart as a line of its own in italics (bold
                    // already marks inserted words).
                    case .label: out += "_" + line + "_\n\n"
                    case .item: out += "- " + line + "\n\n"
                    case .text: out += line + "\n\n"
                    }
                }
                if let note = ProseContext.headingOnlyNote(change, strings) { out += "_" + cell(note) + "_\n\n" }
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

    /// A cookie name (or a hash, a URL) as code, so that it reads as written and never as
    /// Markdown; a name with markup characters is escaped text instead, as every cell is.
    static func name(_ text: String) -> String {
        let clean = TerminalSafe.clean(text)
        guard !clean.contains(where: { "<>`|\\\n".contains($0) }) else { return CharterMarkdownRenderer.cell(clean) }
        return "`" + clean + "`"
    }
}
