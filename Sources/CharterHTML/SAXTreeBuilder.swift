@preconcurrency internal import CLibXML2

/// Builds charter's flat node array straight from libxml2's SAX events, so that
/// libxml2 never builds its own tree: on a 5 MB page that tree is two thirds of the
/// memory, and copying it out is a fifth of the time.
///
/// The result is the tree libxml2 2.9's own SAX2 builder would make, rule for rule:
/// adjacent text is joined (comments part it), and content after the root element
/// closed goes where `xmlSAX2StartElement` puts it.
/// `HTMLParserTests` checks the two trees are equal on every fixture and corpus page.
final class SAXTreeBuilder {
    // The arrays below are modified for every node and text run of a page; only this
    // builder touches them, from libxml2's callbacks one at a time, so the run-time
    // exclusivity check on each access (3 % of an extraction) is turned off for them.
    @exclusivity(unchecked) private(set) var nodes: [HTMLNode] = []
    /// Set when libxml2 starts the document: a parse that never does has failed.
    var started = false
    private let keepScriptText: Bool

    /// The last child of each node, and what libxml2's tree has after it.
    @exclusivity(unchecked) private var lastChild: [Int32] = []
    @exclusivity(unchecked) private var lastChildKind: [ChildKind] = []
    private enum ChildKind: UInt8 { case none, element, text, cdata, other }

    /// Elements open in the parser, innermost last.
    @exclusivity(unchecked) private var open: [Int32] = []
    /// Depth inside an element whose content charter ignores (script, style, svg…).
    private var ignoredDepth = 0
    /// The document's own children: libxml2 attaches an element that starts when no
    /// element is open under its first child if that child is an element (the root,
    /// which closed early), and beside it otherwise (a DOCTYPE or comment came first).
    private var documentHasChildren = false
    private var firstRoot: Int32?
    private var lastRoot: Int32?

    init(keepScriptText: Bool, expectedNodes: Int) {
        self.keepScriptText = keepScriptText
        nodes.reserveCapacity(expectedNodes)
        lastChild.reserveCapacity(expectedNodes)
        lastChildKind.reserveCapacity(expectedNodes)
    }

    /// A tag name, classified once.
    struct Tag {
        let name: String
        let isBlock: Bool
        let isIgnored: Bool
        let tag: HTMLTag

        init(_ name: String) {
            self.name = name
            self.isBlock = HTMLVocabulary.isBlock(name)
            self.isIgnored = HTMLVocabulary.isIgnored(name)
            self.tag = HTMLTag(name)
        }
    }

    /// Tags by the address libxml2 interns their name at (one dictionary per parse),
    /// so that each distinct name is decoded and classified once.
    private var tags: [UnsafePointer<UInt8>: Tag] = [:]

    // MARK: Events

    func startElement(named pointer: UnsafePointer<UInt8>?, attributes: [HTMLAttribute]) {
        guard let pointer else { return startElement(Tag(""), attributes: attributes) }
        if let tag = tags[pointer] { return startElement(tag, attributes: attributes) }
        let tag = Tag(String(cString: pointer))
        tags[pointer] = tag
        startElement(tag, attributes: attributes)
    }

    func startElement(_ tag: Tag, attributes: [HTMLAttribute]) {
        if ignoredDepth > 0 {
            ignoredDepth += 1
            return
        }
        let index = Int32(nodes.count)
        var node = HTMLNode(element: tag.name, attributes: attributes, isBlock: tag.isBlock, tag: tag.tag)
        if let parent = open.last {
            link(&node, index, under: parent, kind: .element)
        } else if !documentHasChildren {
            documentHasChildren = true
            addRoot(&node, index)
            firstRoot = index
        } else if let firstRoot {
            link(&node, index, under: firstRoot, kind: .element)
        } else {
            addRoot(&node, index)
        }
        append(node)
        if !keepScriptText, tag.isIgnored {
            ignoredDepth = 1
        } else {
            open.append(index)
        }
    }

    func endElement() {
        if ignoredDepth > 0 {
            ignoredDepth -= 1
            return
        }
        _ = open.popLast()
    }

    /// Character data, including the whitespace libxml2 calls ignorable: its HTML
    /// tree builder keeps that too (unless asked to drop blanks, and then libxml2
    /// itself replaces this callback).
    func characters(_ bytes: UnsafeBufferPointer<UInt8>, cdata: Bool) {
        guard ignoredDepth == 0, let parent = open.last else { return }
        let kind: ChildKind = cdata ? .cdata : .text
        let last = lastChild[Int(parent)]
        if last >= 0, lastChildKind[Int(parent)] == kind {
            nodes[Int(last)].appendText(String(decoding: bytes, as: UTF8.self))
            return
        }
        let index = Int32(nodes.count)
        var node = HTMLNode(text: String(decoding: bytes, as: UTF8.self))
        link(&node, index, under: parent, kind: kind)
        append(node)
    }

    /// A comment or processing instruction: not kept, but in libxml2's tree it parts
    /// the text before it from the text after.
    func otherNode() {
        guard ignoredDepth == 0 else { return }
        if let parent = open.last {
            lastChildKind[Int(parent)] = .other
        } else if !documentHasChildren {
            documentHasChildren = true
        }
    }

    func doctype() {
        // libxml2 puts the DTD first among the document's children.
        documentHasChildren = true
        firstRoot = nil
    }

    // MARK: Tree

    private func append(_ node: HTMLNode) {
        nodes.append(node)
        lastChild.append(-1)
        lastChildKind.append(.none)
    }

    private func link(_ node: inout HTMLNode, _ index: Int32, under parent: Int32, kind: ChildKind) {
        node.parentIndex = parent
        let previous = lastChild[Int(parent)]
        if previous < 0 {
            nodes[Int(parent)].firstChildIndex = index
        } else {
            nodes[Int(previous)].nextSiblingIndex = index
        }
        lastChild[Int(parent)] = index
        lastChildKind[Int(parent)] = kind
    }

    private func addRoot(_ node: inout HTMLNode, _ index: Int32) {
        if let lastRoot { nodes[Int(lastRoot)].nextSiblingIndex = index }
        lastRoot = index
    }
}
