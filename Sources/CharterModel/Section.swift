/// One part of a charter's prose: a heading and the paragraphs under it.
public struct Section: Sendable, Hashable, Codable {
    /// 1 to 6 for `<h1>`…`<h6>`; 0 for text before the first heading.
    public var level: Int
    public var heading: String?
    /// Folded paragraph texts in document order.
    public var paragraphs: [String]
    /// What each paragraph is on the page, by position in `paragraphs`: list items and
    /// the bold lines or terms that head them, so that a report shows a list as a list.
    /// Empty when every paragraph is plain text (a charter without lists reads as it
    /// did before kinds were kept); a position past its end is plain text.
    ///
    /// Structure, not content: it is kept with the charter but not part of its content
    /// hash, so a page that turns a paragraph into a list item has not changed what it
    /// says.
    public var kinds: [ParagraphKind]

    public init(level: Int, heading: String?, paragraphs: [String] = [], kinds: [ParagraphKind] = []) {
        self.level = level
        self.heading = heading
        self.paragraphs = paragraphs
        self.kinds = kinds.contains { $0 != .text } ? kinds : []
    }

    /// The kind of the paragraph at `index`.
    public func kind(at index: Int) -> ParagraphKind {
        index < kinds.count ? kinds[index] : .text
    }

    /// Adds a paragraph of the given kind, keeping `kinds` empty while all are text.
    public mutating func append(_ text: String, kind: ParagraphKind = .text) {
        if kind != .text || !kinds.isEmpty {
            kinds += Array(repeating: .text, count: paragraphs.count - kinds.count)
            kinds.append(kind)
        }
        paragraphs.append(text)
    }
}

/// What a paragraph of the prose is on the page.
public enum ParagraphKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A paragraph of running text.
    case text
    /// An item of a list (`<li>`), or a description under a term (`<dd>`).
    case item
    /// A short line that heads what follows without being a heading element: a bold-only
    /// line ("**Analytics cookies**"), a term (`<dt>`), the bold lead of a list item.
    case label
}
