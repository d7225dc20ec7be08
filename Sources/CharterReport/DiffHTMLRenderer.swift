public import CharterDiff
public import CharterLocales
internal import Plot
internal import CharterModel
internal import Foundation

/// A version diff as one self-contained HTML page for a legal reviewer: the verdict and
/// its reasons first, then a per-cookie table with old → new values as redline
/// (`<del>`/`<ins>`), then the prose redline. No external assets; prints on A4.
///
/// Every scraped string goes through Plot's text nodes, which escape markup; `&` is
/// escaped first so that a charter's literal "&lt;" shows as written.
public struct DiffHTMLRenderer: Sendable {
    public let strings: ReportStrings

    public init(strings: ReportStrings) { self.strings = strings }

    public func render(_ diff: VersionDiffResult) -> String {
        let reasons = DiffReportParts.reasonGroups(diff)
        let audit = diff.findings.filter(\.audit)
        let page = HTML(
            .attribute(named: "lang", value: strings.language),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: strings["heading.title"]),
                .element(named: "style", nodes: [.raw(Self.css)])
            ),
            .body(
                .element(named: "main", nodes: [
                    .unwrap(DiffReportParts.acrossLanguages(diff, strings)) { .p(.class("across-languages"), .strong(.text($0))) },
                    .h1(.text(strings["heading.title"])),
                    identity(diff),
                    .div(.class("verdict verdict-\(diff.verdict.rawValue)"),
                         .span(.class("label"), .text(strings["heading.verdict"])),
                         .span(.class("value"), .text(strings["verdict." + diff.verdict.rawValue]))),
                    .if(diff.isUnchanged, .p(.text(strings["heading.noChange"]))),
                    .if(diff.needsReview, .div(.class("review-reasons"),
                        .p(.strong(.text(strings["heading.reviewReasons"] + ":"))),
                        .ul(.forEach(diff.reviewReasons) { .li(Self.text($0)) }))),
                    .if(!reasons.isEmpty, .h2(.text(strings["heading.reasons"]))),
                    .if(!reasons.isEmpty, .ol(.class("reasons"), .forEach(reasons) { group in
                        .li(.class("finding finding-\(group.verdict.rawValue)"),
                            .span(.class("badge"), .text(strings["verdict." + group.verdict.rawValue])),
                            .text(" "), .code(.text(group.rule)),
                            .if(group.needsReview, .span(.class("review"), .text(strings["heading.review"]))),
                            .p(.class("explanation"), .text(group.explanation)),
                            .ul(.class("messages"), .forEach(group.findings) { finding in
                                let (cookie, rest) = DiffReportParts.message(finding)
                                return .li(.unwrap(cookie) { .code(.class("name"), Self.text($0)) }, Self.text(rest))
                            }),
                            .p(.class("source"), .text(strings["heading.source"] + ": " + group.source)))
                    })),
                    .if(!diff.changes.isEmpty, .h2(.text(strings["heading.changes"]))),
                    .if(!diff.changes.isEmpty, .table(.class("changes"),
                        .thead(.tr(.th(.text(strings["heading.cookie"])), .th(.text(strings["heading.change"])),
                                   .th(.text(strings["heading.details"])), .th(.text(strings["heading.rules"])))),
                        .tbody(.forEach(diff.changes) { change in
                            .tr(.class("change-\(change.kind.rawValue)"),
                                .td(.code(.class("name"), Self.text(change.cookie)),
                                    .unwrap(change.previousName) { .span(.class("previous"), .text(" ← "), .code(.class("name"), Self.text($0))) }),
                                .td(.text(strings["kind." + change.kind.rawValue])),
                                .td(self.details(change)),
                                .td(.forEach(change.rules) { .code(.text($0)) }))
                        }))),
                    .if(!diff.changes.isEmpty, sideBySide(diff)),
                    .if(!diff.prose.isEmpty, .h2(.text(strings["heading.prose"]))),
                    .forEach(diff.prose) { change in
                        .section(.class("prose prose-\(change.kind.rawValue)"),
                                 .h3(Self.text(change.heading ?? "—"), .text(" "),
                                     .span(.class("kind"), .text("(" + strings["kind." + change.kind.rawValue] + ")"))),
                                 Self.paragraphs(ProseContext.layout(change)),
                                 .unwrap(ProseContext.headingOnlyNote(change, strings)) { .p(.class("explanation"), Self.text($0)) },
                                 .if(change.rewritten, .p(.class("explanation rewritten"), .text(RewrittenNote.text(strings)))))
                    },
                    .if(!audit.isEmpty, .h2(.text(strings["heading.audit"]))),
                    .if(!audit.isEmpty, .ul(.class("audit"), .forEach(audit) { finding in
                        .li(.code(.text(finding.rule)), .text(" "), Self.text(finding.message),
                            .p(.class("explanation"), .text(finding.explanation + " (" + finding.source + ")")))
                    })),
                    .footer(.text(DiffReportParts.generatedBy(diff, strings) ?? "charter · profile \(diff.profile.rawValue)")),
                ])
            )
        )
        return page.render(indentedBy: .spaces(1)) + "\n"
    }

    /// The identity block as the header of every printed page (Chromium's header
    /// template: inline styles only): each side's reference, URL, language, capture time
    /// and full content hash, and the verdict.
    public func printHeader(_ diff: VersionDiffResult) -> String {
        func side(_ label: String, _ summary: VersionSummary) -> String {
            let parts = [
                summary.stored?.reference, summary.url ?? summary.input, summary.language,
                summary.fetchedAt.map(CharterJSON.timestamp), summary.cookieCount(strings), "SHA-256 " + summary.contentSHA256,
            ].compactMap { $0 }
            return "<div><b>" + Self.escape(label) + ":</b> " + Self.escape(parts.joined(separator: " · ")) + "</div>"
        }
        return "<div style=\"font: 6.5pt 'DejaVu Sans', Arial, sans-serif; color: #333; width: 100%; margin: 0 12mm; "
            + "border-bottom: 0.5pt solid #999; padding-bottom: 1mm;\">"
            + "<div><b>" + Self.escape(strings["heading.title"]) + "</b> — " + Self.escape(strings["heading.verdict"]) + ": "
            + Self.escape(strings["verdict." + diff.verdict.rawValue]) + "</div>"
            + side(strings["heading.old"], diff.old) + side(strings["heading.new"], diff.new) + "</div>"
    }

    /// Page numbers and who generated the report, as the footer of every printed page.
    public func printFooter(_ diff: VersionDiffResult) -> String {
        "<div style=\"font: 6.5pt 'DejaVu Sans', Arial, sans-serif; color: #555; width: 100%; margin: 0 12mm; display: flex; "
            + "justify-content: space-between;\"><span>" + Self.escape(DiffReportParts.generatedBy(diff, strings) ?? "charter")
            + "</span><span><span class=\"pageNumber\"></span> / <span class=\"totalPages\"></span></span></div>"
    }

    /// Scraped text for a hand-written fragment: `&`, `<`, `>` and `"` escaped.
    static func escape(_ text: String) -> String {
        TerminalSafe.clean(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// What is compared: each side's title, URL, language, capture time, stored version,
    /// cookie count and full content hash; then who generated the report and when.
    func identity(_ diff: VersionDiffResult) -> Node<HTML.BodyContext> {
        .section(.class("identity"), .id("identity"),
            .h2(.text(strings["heading.identity"])),
            .table(.class("identity"),
                .thead(.tr(.th(.text("")), .th(.text(strings["heading.old"])), .th(.text(strings["heading.new"])))),
                .tbody(.forEach(DiffReportParts.identityRows(diff, strings)) { row in
                    .tr(.th(.text(row.label)),
                        .td(row.code ? .code(Self.text(row.old)) : Self.text(row.old)),
                        .td(row.code ? .code(Self.text(row.new)) : Self.text(row.new)))
                })),
            .unwrap(DiffReportParts.generatedBy(diff, strings)) { .p(.class("generated"), .text($0)) })
    }

    /// The whole cookie table of both versions, old | new, changed rows highlighted.
    func sideBySide(_ diff: VersionDiffResult) -> Node<HTML.BodyContext> {
        func cell(_ cookie: Cookie?) -> Node<HTML.TableRowContext> {
            guard let cookie else { return .td(.class("absent"), .text("—")) }
            return .td(.code(.class("name"), Self.text(cookie.name)), .br(), .span(.class("summary"), Self.text(DiffReportParts.summary(cookie, strings))))
        }
        return .group(
            .h2(.text(strings["heading.sideBySide"])),
            .table(.class("side-by-side"),
                .thead(.tr(.th(.text(strings["heading.old"])), .th(.text(strings["heading.new"])), .th(.text(strings["heading.change"])))),
                .tbody(.forEach(DiffReportParts.sideBySide(diff)) { row in
                    .tr(.class(row.change.map { "change-" + $0.rawValue } ?? "unchanged"),
                        cell(row.old), cell(row.new),
                        .td(.text(row.change.map { strings["kind." + $0.rawValue] } ?? "")))
                })))
    }

    func details(_ change: CookieChange) -> Node<HTML.BodyContext> {
        if change.fields.isEmpty, let cookie = change.new ?? change.old {
            let wrap: (Node<HTML.BodyContext>) -> Node<HTML.BodyContext> = change.kind == .added ? { .ins($0) } : { .del($0) }
            return .dl(.class("labelled"), .forEach(DiffReportParts.details(cookie)) { detail in
                .group(
                    .dt(.text(strings.fieldLabel(detail.field))),
                    .dd(wrap(Self.text(detail.value)),
                        .if(detail.inferred, .span(.class("inferred"), .text(" (" + strings["mark.inferred"] + ")")))))
            })
        }
        return .dl(.forEach(change.fields.sorted { $0.key < $1.key }) { field, value in
            .group(
                .dt(.text(strings.fieldLabel(field))),
                .dd(value.words.map { Self.redline($0) }
                    ?? .group(.del(Self.text(value.old ?? "—")), .text(" → "), .ins(Self.text(value.new ?? "—"))),
                    .if(value.rewritten, .p(.class("explanation rewritten"), .text(RewrittenNote.text(strings))))))
        })
    }

    /// The category as the report shows it: marked when the page does not state it (read
    /// from purpose words, or none), so that legal never takes a guess for the page's word.
    func category(_ cookie: Cookie) -> String {
        let stated = cookie.evidence?.categoryIsStated ?? (cookie.category != .unclassified)
        return stated ? cookie.category.rawValue : cookie.category.rawValue + " (" + strings["mark.inferred"] + ")"
    }

    /// A prose change's paragraphs as the page laid them out: list items in a list,
    /// a list head as a bold line, a gap where unchanged paragraphs were left out.
    static func paragraphs(_ shown: [ProseContext.Shown]) -> Node<HTML.BodyContext> {
        var nodes: [Node<HTML.BodyContext>] = []
        var items: [Node<HTML.ListContext>] = []
        func closeList() {
            if !items.isEmpty { nodes.append(.ul(.class("items"), .group(items))) }
            items = []
        }
        for entry in shown {
            switch entry {
            case .paragraph(.item, let runs):
                items.append(.li(redline(runs)))
                continue
            case .paragraph(.label, let runs):
                closeList()
                nodes.append(.p(.class("label"), .strong(redline(runs))))
            case .paragraph(.text, let runs):
                closeList()
                nodes.append(.p(redline(runs)))
            case .gap:
                closeList()
                nodes.append(.p(.class("gap"), .text("…")))
            }
        }
        closeList()
        return .group(nodes)
    }

    static func redline(_ runs: [WordRun]) -> Node<HTML.BodyContext> {
        .group(runs.enumerated().map { index, run in
            let space: Node<HTML.BodyContext> = index == 0 ? .empty : .text(" ")
            switch run.operation {
            case .equal: return .group(space, text(run.text))
            case .delete: return .group(space, .del(text(run.text)))
            case .insert: return .group(space, .ins(text(run.text)))
            }
        })
    }

    /// Scraped text as a text node: `&` first, then Plot escapes `<` and `>`.
    static func text<Context>(_ value: String) -> Node<Context> {
        .text(TerminalSafe.clean(value).replacingOccurrences(of: "&", with: "&amp;"))
    }

    static let css = """
        :root { color-scheme: light; }
        body { font: 11pt/1.45 -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #1b1f24; margin: 0; background: #f6f7f9; }
        main { max-width: 180mm; margin: 0 auto; padding: 12mm 10mm; background: #fff; }
        .review-reasons { border-left: 4px solid #b26a00; background: #fff8e6; padding: 2mm 4mm; margin: 3mm 0; }
        h1 { font-size: 18pt; margin: 0 0 4pt; }
        h2 { font-size: 13pt; margin: 18pt 0 6pt; border-bottom: 1px solid #d0d5dc; padding-bottom: 2pt; }
        h3 { font-size: 11pt; margin: 10pt 0 2pt; }
        h2, h3 { break-after: avoid; }
        .versions { color: #4a5360; font-size: 9.5pt; overflow-wrap: anywhere; }
        .verdict { display: flex; gap: 10pt; align-items: baseline; padding: 8pt 12pt; border-radius: 4pt; margin: 10pt 0; border: 1px solid; }
        .verdict .label { text-transform: uppercase; font-size: 8.5pt; letter-spacing: .06em; }
        .verdict .value { font-size: 15pt; font-weight: 700; }
        .verdict-reconsent { background: #fdecec; border-color: #d33; color: #8a1010; }
        .verdict-inform { background: #fff6e0; border-color: #d9a400; color: #6b4e00; }
        .verdict-none { background: #e9f7ee; border-color: #2f9e55; color: #165c31; }
        ol.reasons { padding-left: 18pt; }
        .finding { margin-bottom: 8pt; break-inside: avoid; }
        .finding p { margin: 2pt 0; }
        .badge { font-size: 8pt; font-weight: 700; text-transform: uppercase; padding: 1pt 5pt; border-radius: 3pt; background: #e8eaee; }
        .finding-reconsent .badge { background: #d33; color: #fff; }
        .finding-inform .badge { background: #f0c040; color: #3a2b00; }
        .review { margin-left: 6pt; font-size: 8pt; color: #8a1010; border: 1px solid #d33; border-radius: 3pt; padding: 0 4pt; }
        .explanation, .source { color: #4a5360; font-size: 9.5pt; }
        .across-languages { border: 2px solid #b26a00; background: #fff8e6; padding: 2mm 4mm; margin: 0 0 3mm; }
        table.identity { width: 100%; border-collapse: collapse; font-size: 9pt; margin: 4pt 0; }
        table.identity th, table.identity td { border: 1px solid #d0d5dc; padding: 2pt 5pt; text-align: left; vertical-align: top; }
        table.identity tbody th { background: #f6f7f9; font-weight: 600; white-space: nowrap; width: 22%; }
        table.identity td code { overflow-wrap: anywhere; background: none; padding: 0; }
        .generated { color: #4a5360; font-size: 8.5pt; margin: 2pt 0 0; }
        table.changes, table.side-by-side { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
        table.changes th, table.changes td, table.side-by-side th, table.side-by-side td {
            border: 1px solid #d0d5dc; padding: 4pt 5pt; vertical-align: top; text-align: left; overflow-wrap: break-word; word-break: normal; hyphens: none; }
        table.changes thead th, table.side-by-side thead th { background: #eef1f4; }
        code.name { white-space: nowrap; word-break: keep-all; overflow-wrap: normal; }
        table.side-by-side tr.unchanged { color: #4a5360; }
        table.side-by-side tr.change-added td:nth-child(2), table.side-by-side tr.change-removed td:nth-child(1) { background: #fbfbfb; }
        table.side-by-side tr.change-added td:nth-child(2) { background: #ddf4e4; }
        table.side-by-side tr.change-removed td:nth-child(1) { background: #fde2e2; }
        table.side-by-side tr.change-modified td, table.side-by-side tr.change-moved td, table.side-by-side tr.change-renamed td { background: #fff6e0; }
        .summary { font-size: 8.5pt; }
        .inferred { font-style: italic; color: #8a5a00; font-size: 8.5pt; }
        ul.messages { margin: 2pt 0; padding-left: 14pt; }
        tr { break-inside: avoid; }
        dl { margin: 0; } dt { font-weight: 600; } dd { margin: 0 0 4pt 0; }
        code { font: 9pt "DejaVu Sans Mono", Menlo, monospace; background: #f0f2f5; padding: 0 2pt; border-radius: 2pt; }
        td code { display: inline-block; margin: 0 2pt 2pt 0; }
        del { background: #fde2e2; color: #8a1010; text-decoration: line-through; }
        ins { background: #ddf4e4; color: #0f5c2a; text-decoration: none; border-bottom: 1px solid #2f9e55; }
        section.prose p { margin: 2pt 0 8pt; }
        section.prose p.label { margin: 8pt 0 2pt; font-style: italic; }
        section.prose h3 .kind { font-weight: normal; color: #6a737d; font-size: 0.9em; }
        section.prose p.gap { color: #6a737d; margin: 0; }
        section.prose ul.items { margin: 2pt 0 8pt; padding-left: 6mm; }
        footer { margin-top: 18pt; color: #7a838f; font-size: 8pt; }
        @media print { body { background: #fff; } main { padding: 0; max-width: none; } @page { size: A4; margin: 28mm 14mm 16mm; } }
        """
}
