/// The index of a node inside its `HTMLDocument`.
public struct HTMLNodeID: Hashable, Sendable, Comparable {
    public let index: Int32
    init(_ index: Int) { self.index = Int32(index) }
    init(raw index: Int32) { self.index = index }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.index < rhs.index }
}

/// One attribute of an element, as written (names lower-cased by the HTML parser).
public struct HTMLAttribute: Hashable, Sendable {
    public let name: String
    public let value: String
}

/// One node of a parsed page: an element or a run of text.
///
/// Nodes are stored flat in document order; `parent`, `firstChild` and `nextSibling`
/// link them into the tree. A flat array costs one allocation per page instead of one
/// per node, and the node is kept to 40 bytes (one string for a tag name or a text,
/// links as 32-bit indices): a 5 MB page has hundreds of thousands of nodes.
public struct HTMLNode: Hashable, Sendable {
    public enum Kind: UInt8, Sendable { case element, text }

    /// The tag name of an element (lower case) or the raw text of a text node.
    private var value: String
    /// The attributes charter reads (`HTMLVocabulary.keptAttributes`); others are
    /// dropped when the page is parsed.
    public let attributes: [HTMLAttribute]
    var parentIndex: Int32 = -1
    var firstChildIndex: Int32 = -1
    var nextSiblingIndex: Int32 = -1
    public let kind: Kind
    /// Whether the element starts a new line of text (`HTMLVocabulary.isBlock`),
    /// decided once when the page is parsed rather than on every walk.
    public let isBlock: Bool
    /// The element's name as a small code for the names passes over every node ask
    /// about, decided once per distinct name when the page is parsed: comparing it costs
    /// neither a hash nor a reference count.
    public let tag: HTMLTag

    init(element name: String, attributes: [HTMLAttribute], isBlock: Bool? = nil, tag: HTMLTag? = nil) {
        self.value = name
        self.attributes = attributes
        self.kind = .element
        self.isBlock = isBlock ?? HTMLVocabulary.isBlock(name)
        self.tag = tag ?? HTMLTag(name)
    }

    init(text: String) {
        self.value = text
        self.attributes = []
        self.kind = .text
        self.isBlock = false
        self.tag = .other
    }

    /// Text that libxml2 delivered in several pieces belongs to one node.
    mutating func appendText(_ more: String) { value += more }

    /// Tag name for elements (lower case), empty for text.
    public var name: String { kind == .element ? value : "" }
    /// The raw text of a text node, empty for elements.
    public var text: String { kind == .text ? value : "" }
    public var parent: HTMLNodeID? { parentIndex < 0 ? nil : HTMLNodeID(raw: parentIndex) }
    /// The parent's position in the document's node array, -1 for a root: for passes
    /// over every node that index arrays by position.
    public var parentPosition: Int { Int(parentIndex) }
    public var firstChild: HTMLNodeID? { firstChildIndex < 0 ? nil : HTMLNodeID(raw: firstChildIndex) }
    public var nextSibling: HTMLNodeID? { nextSiblingIndex < 0 ? nil : HTMLNodeID(raw: nextSiblingIndex) }

    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// The element names that passes over every node of a page ask about (the layout of the
/// prose: lists, sectioning, chrome), as one byte; any other name is `other`.
public enum HTMLTag: UInt8, Sendable {
    case other, a, li, dd, dt, table, header, footer, nav, aside, form, dialog, menu, main, article, section

    public init(_ name: String) {
        switch name {
        case "a": self = .a
        case "li": self = .li
        case "dd": self = .dd
        case "dt": self = .dt
        case "table": self = .table
        case "header": self = .header
        case "footer": self = .footer
        case "nav": self = .nav
        case "aside": self = .aside
        case "form": self = .form
        case "dialog": self = .dialog
        case "menu": self = .menu
        case "main": self = .main
        case "article": self = .article
        case "section": self = .section
        default: self = .other
        }
    }
}
