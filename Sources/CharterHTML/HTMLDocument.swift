/// A parsed HTML page, copied out of libxml2 into Swift values.
///
/// Nothing here points into C memory: the libxml2 document is freed before
/// `HTMLParser.parse` returns, so an `HTMLDocument` can cross threads freely.
public struct HTMLDocument: Sendable {
    public let nodes: [HTMLNode]
    /// The `<html>` element's `lang` attribute, when the page declares one.
    public let declaredLanguage: String?
    /// The charset the bytes were decoded with, and how it was chosen.
    public let charset: Charset

    init(nodes: [HTMLNode], charset: Charset) {
        self.nodes = nodes
        self.charset = charset
        let html = nodes.firstIndex { $0.kind == .element && $0.name == "html" }
        let lang = html.flatMap { nodes[$0].attribute("lang") ?? nodes[$0].attribute("xml:lang") }
        self.declaredLanguage = lang.map { TextFolding.fold($0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    public subscript(id: HTMLNodeID) -> HTMLNode {
        // Borrowed, not copied: `document[id].nextSibling` costs no reference counting.
        _read { yield nodes[Int(id.index)] }
    }

    /// The top-level nodes (the children of the document itself).
    public var roots: [HTMLNodeID] {
        nodes.indices.lazy.filter { nodes[$0].parent == nil }.map { HTMLNodeID($0) }
    }

    public func children(of id: HTMLNodeID) -> ChildSequence {
        ChildSequence(document: self, upcoming: self[id].firstChild)
    }

    /// Every element with this tag name, in document order.
    public func elements(named name: String) -> [HTMLNodeID] {
        nodes.indices.filter { nodes[$0].kind == .element && nodes[$0].name == name }.map { HTMLNodeID($0) }
    }

    /// The folded text of a node and everything below it.
    public func text(of id: HTMLNodeID) -> String {
        TextFolding.fold(rawText(of: id))
    }

    /// The text below a node with its block structure kept: one entry per paragraph,
    /// list item, `<br>`-separated line or block child, each folded, none empty.
    /// - Parameter excluding: elements whose subtrees are left out (a cell's rows that
    ///   libxml2 nested inside it while recovering from an unclosed tag).
    public func lines(of id: HTMLNodeID, excluding: Set<String> = []) -> [String] {
        var lines: [String] = []
        var current = ""
        func flush() {
            let folded = TextFolding.fold(current)
            if !folded.isEmpty { lines.append(folded) }
            current = ""
        }
        walk(id, skipping: excluding) { node, entering in
            switch node.kind {
            case .text:
                if entering { current += node.text }
            case .element:
                if node.name == "br" {
                    if entering { flush() }
                } else if node.isBlock {
                    flush()
                }
            }
        }
        flush()
        return lines
    }

    /// The concatenated raw text below a node, without folding.
    /// - Parameter skipping: per node index, whether its subtree is left out (page
    ///   chrome inside a run of text: a screen-reader note in a link).
    public func rawText(of id: HTMLNodeID, skipping: [Bool]? = nil) -> String {
        var out = ""
        walk(id, skippingNodes: skipping) { node, entering in
            if entering, node.kind == .text { out += node.text }
            else if entering, node.kind == .element, node.name == "br" { out += " " }
        }
        return out
    }

    /// Visits `root` and its descendants in document order, calling `visit` on entering
    /// and leaving each element. Follows the sibling and parent links instead of
    /// recursing (pages nest elements tens of thousands deep) or keeping a stack (an
    /// allocation per node on the hottest path of extraction).
    public func walk(
        _ root: HTMLNodeID, skipping: Set<String> = [], skippingNodes: [Bool]? = nil,
        _ visit: (HTMLNode, _ entering: Bool) -> Void
    ) {
        // Nodes are visited in place, borrowed from the buffer: copying each out of the
        // array cost two reference counts a node.
        nodes.withUnsafeBufferPointer { nodes in
            var current = Int(root.index)
            let rootIndex = current
            while true {
                let skipped = current != rootIndex && nodes[current].kind == .element
                    && (!skipping.isEmpty && skipping.contains(nodes[current].name) || skippingNodes?[current] == true)
                if !skipped {
                    visit(nodes[current], true)
                    if nodes[current].kind == .element {
                        let child = nodes[current].firstChildIndex
                        if child >= 0 {
                            current = Int(child)
                            continue
                        }
                        visit(nodes[current], false)
                    }
                }
                // Climb until a node has a next sibling, leaving each ancestor on the way.
                var leaving = current
                while true {
                    if leaving == rootIndex { return }
                    let sibling = nodes[leaving].nextSiblingIndex
                    if sibling >= 0 {
                        current = Int(sibling)
                        break
                    }
                    let parent = nodes[leaving].parentIndex
                    guard parent >= 0 else { return }
                    leaving = Int(parent)
                    visit(nodes[leaving], false)
                }
            }
        }
    }
}

/// The children of one node, in order.
public struct ChildSequence: Sequence, IteratorProtocol {
    let document: HTMLDocument
    var upcoming: HTMLNodeID?

    public mutating func next() -> HTMLNodeID? {
        guard let current = upcoming else { return nil }
        upcoming = document[current].nextSibling
        return current
    }
}
