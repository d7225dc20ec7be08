public import CharterDiff
internal import CharterModel
internal import Foundation
internal import Plot

/// A locale report for a terminal: the variants, then the findings by severity.
public enum LocaleTextRenderer {
    public static func render(_ report: LocaleReport) -> String {
        let clean = TerminalSafe.clean
        var out = "source language: \(report.source)\n\nvariants\n"
        for variant in report.variants {
            out += "  \(clean(variant.requested)): served \(clean(variant.served ?? "—")), text in \(variant.detected ?? "?"), "
            out += "\(variant.cookies) cookies\(variant.fallback ? ", FALLBACK" : "")  \(clean(variant.input))\n"
        }
        if !report.completeness.isEmpty {
            out += "\ncompleteness (translated / stale / untranslated / missing of the source's)\n"
            for row in report.completeness {
                func counts(_ c: CompletenessCounts) -> String {
                    "\(c.translated)/\(c.stale)/\(c.untranslated)/\(c.missing) of \(c.total) (\(c.percent(c.translated)) % translated)"
                }
                out += "  \(clean(row.language)) (\(row.role.rawValue)): cookies \(counts(row.cookies)), paragraphs \(counts(row.paragraphs))\n"
            }
        }
        if report.isAligned {
            return out + "\naligned: the variants say the same thing\n"
        }
        out += "\nfindings (\(report.findings.count))\n"
        for finding in report.findingsBySeverity {
            out += "  [\(finding.severity.rawValue)] \(finding.kind.rawValue) (\(finding.language)) \(clean(finding.message))\n"
            if let source = finding.source, source == finding.target {
                out += "      text: \(clean(source))\n"
                continue
            }
            if let source = finding.source { out += "      \(report.source): \(clean(source))\n" }
            if let target = finding.target { out += "      \(finding.language): \(clean(target))\n" }
        }
        return out
    }
}

/// The completeness matrix's cells, shared by the Markdown and HTML reports.
enum CompletenessCells {
    static let headers = [
        "Language", "Role", "Cookies translated", "Cookies stale", "Cookies untranslated", "Cookies missing", "Extra cookies",
        "Paragraphs translated", "Paragraphs stale", "Paragraphs untranslated", "Paragraphs missing", "Extra paragraphs",
        "Critical", "Functional", "Cosmetic",
    ]

    /// "3/5 (60 %)".
    static func share(_ count: Int, of counts: CompletenessCounts) -> String {
        "\(count)/\(counts.total) (\(counts.percent(count)) %)"
    }

    static func row(_ row: LanguageCompleteness) -> [String] {
        let c = row.cookies
        let p = row.paragraphs
        return [
            row.language, row.role.rawValue,
            share(c.translated, of: c), share(c.stale, of: c), share(c.untranslated, of: c), share(c.missing, of: c), String(c.extra),
            share(p.translated, of: p), share(p.stale, of: p), share(p.untranslated, of: p), share(p.missing, of: p), String(p.extra),
            String(row.findings.critical), String(row.findings.functional), String(row.findings.cosmetic),
        ]
    }
}

/// A locale report as Markdown, for a translation ticket: the critical findings first,
/// then the completeness matrix (one row per language), the variants and the other findings.
public enum LocaleMarkdownRenderer {
    public static func render(_ report: LocaleReport) -> String {
        let cell = CharterMarkdownRenderer.cell
        let critical = report.findingsBySeverity.filter { $0.severity == .critical }
        let others = report.findingsBySeverity.filter { $0.severity != .critical }
        func findings(_ list: [LocaleFinding]) -> String {
            var out = "| Severity | Kind | Language | Section | Finding | Source | Target |\n| --- | --- | --- | --- | --- | --- | --- |\n"
            for f in list {
                out += "| \(f.severity.rawValue) | \(f.kind.rawValue) | \(cell(f.language)) | \(cell(f.section ?? "")) | \(cell(f.message)) "
                out += "| \(cell(f.source ?? "")) | \(cell(f.target ?? "")) |\n"
            }
            return out
        }
        var out = "# Language variants (source: \(cell(report.source)))\n\n"
        out += report.isAligned ? "Aligned: the variants say the same thing.\n\n" : ""
        if !critical.isEmpty { out += "## Critical findings\n\n" + findings(critical) + "\n" }
        if !report.completeness.isEmpty {
            out += "## Completeness\n\n| " + CompletenessCells.headers.joined(separator: " | ") + " |\n|"
            out += String(repeating: " --- |", count: CompletenessCells.headers.count) + "\n"
            for row in report.completeness {
                out += "| " + CompletenessCells.row(row).map(cell).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        out += "## Variants\n\n| Asked | Served | Text in | Cookies | Fallback |\n| --- | --- | --- | --- | --- |\n"
        for v in report.variants {
            out += "| \(cell(v.requested)) | \(cell(v.served ?? "—")) | \(cell(v.detected ?? "?")) | \(v.cookies) | \(v.fallback ? "yes" : "no") |\n"
        }
        if !others.isEmpty { out += "\n## Other findings\n\n" + findings(others) }
        return out
    }
}

/// A locale report as JSON (`locales-v1.schema.json`): the report's `source`, `variants`
/// and `findings` (critical first), and the `completeness` matrix.
public enum LocaleJSONRenderer {
    struct Document: Encodable {
        var schema = "locales-v1"
        var source: String
        var completeness: [LanguageCompleteness]
        var variants: [VariantSummary]
        var findings: [LocaleFinding]
    }

    public static func render(_ report: LocaleReport) throws -> String {
        let document = Document(
            source: report.source, completeness: report.completeness, variants: report.variants, findings: report.findingsBySeverity)
        return String(decoding: try CharterJSON.encoder(pretty: true).encode(document), as: UTF8.self) + "\n"
    }
}

/// A locale report as one self-contained HTML page; scraped text is escaped. The critical
/// findings come first, then the completeness matrix, the variants and the other findings.
public enum LocaleHTMLRenderer {
    /// The page's own style sheet, so that the report stands alone.
    static let css = """
        body { font: 11pt/1.45 -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #1b1f24; margin: 0; background: #f6f7f9; }
        main { max-width: 260mm; margin: 0 auto; padding: 12mm 10mm; background: #fff; }
        h1 { font-size: 18pt; margin: 0 0 4pt; }
        h2 { font-size: 13pt; margin: 18pt 0 6pt; border-bottom: 1px solid #d0d5dc; padding-bottom: 2pt; }
        .verdict { padding: 8pt 12pt; border-radius: 4pt; margin: 10pt 0; border: 1px solid; font-size: 15pt; font-weight: 700; }
        .verdict-reconsent { background: #fdecec; border-color: #d33; color: #8a1010; }
        .verdict-inform { background: #fff6e0; border-color: #d9a400; color: #6b4e00; }
        .verdict-none { background: #e9f7ee; border-color: #2f9e55; color: #165c31; }
        table.changes { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
        table.changes th, table.changes td { border: 1px solid #d0d5dc; padding: 4pt 5pt; vertical-align: top; text-align: left; overflow-wrap: break-word; }
        table.changes thead th { background: #eef1f4; }
        table.completeness td { white-space: nowrap; }
        del { background: #fde2e2; } ins { background: #ddf4e4; text-decoration: none; }
        code { font: 9pt "DejaVu Sans Mono", Menlo, monospace; background: #f0f2f5; padding: 0 2pt; border-radius: 2pt; }
        """

    public static func render(_ report: LocaleReport) -> String {
        let text: (String) -> Node<HTML.BodyContext> = { DiffHTMLRenderer.text($0) }
        let critical = report.findingsBySeverity.filter { $0.severity == .critical }
        let others = report.findingsBySeverity.filter { $0.severity != .critical }
        func findings(_ list: [LocaleFinding]) -> Node<HTML.BodyContext> {
            .table(.class("changes"),
                   .thead(.tr(.th("Severity"), .th("Kind"), .th("Section"), .th("Finding"), .th("Texts"))),
                   .tbody(.forEach(list) { f in
                       .tr(.td(.text(f.severity.rawValue)), .td(.code(.text(f.kind.rawValue))), .td(text(f.section ?? "")),
                           .td(text(f.language + ": "), text(f.message)),
                           .td(.unwrap(f.source) { .del(text($0)) }, .text(" "), .unwrap(f.target) { .ins(text($0)) }))
                   }))
        }
        let page = HTML(
            .head(.meta(.charset(.utf8)), .element(named: "title", text: "Language variants"),
                  .element(named: "style", nodes: [.raw(css)])),
            .body(.element(named: "main", nodes: [
                .h1(text("Language variants (source: \(report.source))")),
                .div(.class("verdict verdict-\(report.isAligned ? "none" : critical.isEmpty ? "inform" : "reconsent")"),
                     .span(.class("value"), .text(report.isAligned ? "Aligned" : "\(report.findings.count) findings, \(critical.count) critical"))),
                .if(!critical.isEmpty, .h2("Critical findings")),
                .if(!critical.isEmpty, findings(critical)),
                .if(!report.completeness.isEmpty, .h2("Completeness")),
                .if(!report.completeness.isEmpty, .table(.class("changes completeness"),
                    .thead(.tr(.forEach(CompletenessCells.headers) { .th(.text($0)) })),
                    .tbody(.forEach(report.completeness) { row in
                        .tr(.forEach(CompletenessCells.row(row)) { .td(text($0)) })
                    }))),
                .h2("Variants"),
                .table(.class("changes"),
                       .thead(.tr(.th("Asked"), .th("Served"), .th("Text in"), .th("Cookies"))),
                       .tbody(.forEach(report.variants) { v in
                           .tr(.td(text(v.requested)), .td(text(v.served ?? "—")),
                               .td(text((v.detected ?? "?") + (v.fallback ? " (fallback)" : ""))), .td(.text(String(v.cookies))))
                       })),
                .if(!others.isEmpty, .h2(critical.isEmpty ? "Findings" : "Other findings")),
                .if(!others.isEmpty, findings(others)),
            ]))
        )
        return page.render(indentedBy: .spaces(1)) + "\n"
    }
}
