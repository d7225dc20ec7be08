/// The index of a node inside its `HTMLDocument`.
public struct HTMLNodeID: Hashable, Sendable, Comparable {
    public let index: Int32
    init(_ index: Int) { self.index = Int32(index) }
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
/// per node, which matters on pages of several megabytes.
public struct HTMLNode: Hashable, Sendable {
    public enum Kind: UInt8, Sendable { case element, text }

    public let kind: Kind
    /// Tag name for elements (lower case), empty for text.
    public let name: String
    /// The raw text of a text node, empty for elements.
    public let text: String
    public let attributes: [HTMLAttribute]
    public internal(set) var parent: HTMLNodeID?
    public internal(set) var firstChild: HTMLNodeID?
    public internal(set) var nextSibling: HTMLNodeID?

    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}
