/// One part of a charter's prose: a heading and the paragraphs under it.
public struct Section: Sendable, Hashable, Codable {
    /// 1 to 6 for `<h1>`…`<h6>`; 0 for text before the first heading.
    public var level: Int
    public var heading: String?
    /// Folded paragraph texts in document order.
    public var paragraphs: [String]

    public init(level: Int, heading: String?, paragraphs: [String] = []) {
        self.level = level
        self.heading = heading
        self.paragraphs = paragraphs
    }
}
