public import CharterModel
internal import Foundation

/// A charter as a Markdown pipe table, for a ticket or a wiki.
public enum CharterMarkdownRenderer {
    public static func render(_ charter: Charter) -> String {
        var out = "# " + cell(charter.title ?? charter.source.input) + "\n\n"
        out += "Language: \(cell(charter.language ?? "unknown")) · \(charter.cookies.count) cookies\n\n"
        out += "| Name | Category | Provider | Party | Retention | Domain | Purpose |\n"
        out += "| --- | --- | --- | --- | --- | --- | --- |\n"
        for cookie in charter.cookies {
            let cells = [
                "`" + codeSpan(cookie.name) + "`", cookie.category.rawValue, cookie.provider ?? "",
                cookie.party?.rawValue ?? "", cookie.retention?.text ?? "", cookie.domain ?? "", cookie.purpose ?? "",
            ]
            out += "| " + cells.enumerated().map { $0.offset == 0 ? $0.element : cell($0.element) }.joined(separator: " | ") + " |\n"
        }
        if !charter.warnings.isEmpty {
            out += "\n" + charter.warnings.map { "> warning: " + cell($0) }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// A name in a code span: no controls or bidirectional overrides, no backtick to end
    /// the span, and `|` escaped, which GitHub's tables honour even inside code.
    static func codeSpan(_ text: String) -> String {
        TerminalSafe.clean(text).replacingBackticks().replacingOccurrences(of: "|", with: "\\|")
    }

    /// Escapes what would break a table cell or be read as markup.
    static func cell(_ text: String) -> String {
        var out = ""
        for c in TerminalSafe.clean(text) {
            switch c {
            case "|", "\\", "*", "_", "`", "[", "]", "<", ">", "#": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }
}

extension String {
    func replacingBackticks() -> String { String(map { $0 == "`" ? "'" : $0 }) }
}
