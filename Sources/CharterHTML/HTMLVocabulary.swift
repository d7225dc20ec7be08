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
    /// `role` and `aria-hidden` are kept to tell page chrome from content (`PageChrome`);
    /// class and id names are read for it too, but only their verdict is kept.
    public static let keptAttributes: Set<String> = [
        "lang", "xml:lang", "data-title", "data-label", "colspan", "rowspan", "role", "aria-hidden",
    ]

    /// The attributes to keep of an element, from its name, value pairs: those of
    /// `keptAttributes`, and `PageChrome.attribute` when a class or id names chrome.
    static func kept(_ pairs: some Sequence<(name: String, value: String)>) -> [HTMLAttribute] {
        var kept: [HTMLAttribute] = []
        var chrome: String?
        for (name, value) in pairs {
            if keptAttributes.contains(name) {
                kept.append(HTMLAttribute(name: name, value: value))
            } else if chrome == nil, PageChrome.signalling.contains(name) {
                chrome = PageChrome.name(attribute: name, value: value)
            }
        }
        if let chrome { kept.append(HTMLAttribute(name: PageChrome.attribute, value: chrome)) }
        return kept
    }

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
