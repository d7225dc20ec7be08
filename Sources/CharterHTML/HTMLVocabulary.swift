/// What the HTML elements charter cares about are, by name.
public enum HTMLVocabulary {
    /// Elements that start a new line of text when rendered.
    public static func isBlock(_ name: String) -> Bool { blockElements.contains(name) }

    /// Elements whose content is never charter text.
    public static func isIgnored(_ name: String) -> Bool { ignoredElements.contains(name) }

    public static func headingLevel(_ name: String) -> Int? {
        let bytes = Array(name.utf8)
        guard bytes.count == 2, bytes[0] == UInt8(ascii: "h") else { return nil }
        let digit = Int(bytes[1]) - Int(UInt8(ascii: "0"))
        return (1...6).contains(digit) ? digit : nil
    }

    /// The attributes an `HTMLNode` keeps: the page's language, the column labels of
    /// responsive tables, and cell spans. Everything else (classes, styles, links) is
    /// dropped at parse time, which halves the memory a large page takes.
    public static let keptAttributes: Set<String> = ["lang", "xml:lang", "data-title", "data-label", "colspan", "rowspan"]

    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "body", "html",
    ]

    static let ignoredElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "button",
        "select", "textarea",
    ]
}
