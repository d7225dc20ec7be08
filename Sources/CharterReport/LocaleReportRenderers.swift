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
            out += "  \(variant.requested): served \(clean(variant.served ?? "—")), text in \(variant.detected ?? "?"), "
            out += "\(variant.cookies) cookies\(variant.fallback ? ", FALLBACK" : "")  \(clean(variant.input))\n"
        }
        if report.isAligned {
            return out + "\naligned: the variants say the same thing\n"
        }
        out += "\nfindings (\(report.findings.count))\n"
        for finding in report.findings.sorted(by: { $0.severity > $1.severity }) {
            out += "  [\(finding.severity.rawValue)] \(finding.kind.rawValue) (\(finding.language)) \(clean(finding.message))\n"
            if let source = finding.source, let target = finding.target {
                out += "      \(report.source): \(clean(source))\n      \(finding.language): \(clean(target))\n"
            }
        }
        return out
    }
}

/// A locale report as Markdown, for a translation ticket.
public enum LocaleMarkdownRenderer {
    public static func render(_ report: LocaleReport) -> String {
        let cell = CharterMarkdownRenderer.cell
        var out = "# Language variants (source: \(report.source))\n\n| Asked | Served | Text in | Cookies | Fallback |\n| --- | --- | --- | --- | --- |\n"
        for v in report.variants {
            out += "| \(v.requested) | \(cell(v.served ?? "—")) | \(v.detected ?? "?") | \(v.cookies) | \(v.fallback ? "yes" : "no") |\n"
        }
        out += report.isAligned ? "\nAligned: the variants say the same thing.\n" : "\n## Findings\n\n| Severity | Kind | Language | Finding | Source | Target |\n| --- | --- | --- | --- | --- | --- |\n"
        for f in report.findings.sorted(by: { $0.severity > $1.severity }) {
            out += "| \(f.severity.rawValue) | \(f.kind.rawValue) | \(f.language) | \(cell(f.message)) | \(cell(f.source ?? "")) | \(cell(f.target ?? "")) |\n"
        }
        return out
    }
}

/// A locale report as JSON: `{"source", "variants", "findings"}` per DESIGN.md.
public enum LocaleJSONRenderer {
    public static func render(_ report: LocaleReport) throws -> String {
        String(decoding: try CharterJSON.encoder(pretty: true).encode(report), as: UTF8.self) + "\n"
    }
}

/// A locale report as one self-contained HTML page; scraped text is escaped.
public enum LocaleHTMLRenderer {
    public static func render(_ report: LocaleReport) -> String {
        let text: (String) -> Node<HTML.BodyContext> = { DiffHTMLRenderer.text($0) }
        let page = HTML(
            .head(.meta(.charset(.utf8)), .element(named: "title", text: "Language variants"),
                  .element(named: "style", nodes: [.raw(DiffHTMLRenderer.css)])),
            .body(.element(named: "main", nodes: [
                .h1(.text("Language variants (source: \(report.source))")),
                .div(.class("verdict verdict-\(report.isAligned ? "none" : "inform")"),
                     .span(.class("value"), .text(report.isAligned ? "Aligned" : "\(report.findings.count) findings"))),
                .table(.class("changes"),
                       .thead(.tr(.th("Asked"), .th("Served"), .th("Text in"), .th("Cookies"))),
                       .tbody(.forEach(report.variants) { v in
                           .tr(.td(.text(v.requested)), .td(text(v.served ?? "—")),
                               .td(.text((v.detected ?? "?") + (v.fallback ? " (fallback)" : ""))), .td(.text(String(v.cookies))))
                       })),
                .if(!report.isAligned, .h2("Findings")),
                .if(!report.isAligned, .table(.class("changes"),
                    .thead(.tr(.th("Severity"), .th("Kind"), .th("Finding"), .th("Texts"))),
                    .tbody(.forEach(report.findings.sorted { $0.severity > $1.severity }) { f in
                        .tr(.td(.text(f.severity.rawValue)), .td(.code(.text(f.kind.rawValue))),
                            .td(.text(f.language + ": "), text(f.message)),
                            .td(.unwrap(f.source) { .del(text($0)) }, .text(" "), .unwrap(f.target) { .ins(text($0)) }))
                    }))),
            ]))
        )
        return page.render(indentedBy: .spaces(1)) + "\n"
    }
}
