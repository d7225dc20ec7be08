@preconcurrency internal import CLibXML2

/// Builds charter's flat node array straight from libxml2's SAX events, so that
/// libxml2 never builds its own tree: on a 5 MB page that tree is two thirds of the
/// memory, and copying it out is a fifth of the time.
///
/// The result is the tree libxml2 2.9's own SAX2 builder would make, rule for rule:
/// adjacent text is joined, content after the root element closed goes where
/// `xmlSAX2StartElement` puts it, and the whitespace libxml2 drops as "ignorable"
/// (`areBlanks`, which reads the tree being built) is dropped here from this tree.
/// `HTMLParserTests` checks the two trees are equal on every fixture and corpus page.
final class SAXTreeBuilder {
    private(set) var nodes: [HTMLNode] = []
    /// Set when libxml2 starts the document: a parse that never does has failed.
    var started = false
    private let keepScriptText: Bool

    /// The last child of each node, and what libxml2's tree has after it.
    private var lastChild: [Int32] = []
    private var lastChildKind: [ChildKind] = []
    private enum ChildKind: UInt8 { case none, element, text, cdata, other }

    /// Elements open in the parser, innermost last.
    private var open: [Int32] = []
    /// Depth inside an element whose content charter ignores (script, style, svg…).
    private var ignoredDepth = 0
    /// The document's own children: libxml2 attaches an element that starts when no
    /// element is open under its first child if that child is an element (the root,
    /// which closed early), and beside it otherwise (a DOCTYPE or comment came first).
    private var documentHasChildren = false
    private var firstRoot: Int32?
    private var lastRoot: Int32?
    /// Whether the DOCTYPE is strict HTML 4, under which libxml2 drops whitespace
    /// directly inside `<body>`.
    private var strictDoctype = false

    init(keepScriptText: Bool, expectedNodes: Int) {
        self.keepScriptText = keepScriptText
        nodes.reserveCapacity(expectedNodes)
        lastChild.reserveCapacity(expectedNodes)
        lastChildKind.reserveCapacity(expectedNodes)
    }

    // MARK: Events

    func startElement(_ name: String, attributes: [HTMLAttribute]) {
        if ignoredDepth > 0 {
            ignoredDepth += 1
            return
        }
        let index = Int32(nodes.count)
        var node = HTMLNode(element: name, attributes: attributes)
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
        if !keepScriptText, HTMLVocabulary.isIgnored(name) {
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

    /// Character data; `parserName` and `next` are what libxml2's `areBlanks` reads
    /// (the innermost element the parser has open, and the byte after the text).
    func characters(_ bytes: UnsafeBufferPointer<UInt8>, cdata: Bool, parserName: () -> String?, next: UInt8) {
        guard ignoredDepth == 0, let parent = open.last else { return }
        if !cdata, isIgnorableWhitespace(bytes, parent: parent, parserName: parserName, next: next) { return }
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

    func doctype(externalID: String?) {
        // libxml2 puts the DTD first among the document's children.
        documentHasChildren = true
        firstRoot = nil
        let id = externalID?.uppercased()
        strictDoctype = id == "-//W3C//DTD HTML 4.01//EN" || id == "-//W3C//DTD HTML 4//EN"
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

    /// libxml2 2.9's `areBlanks`, from the point where it reads the tree: whitespace
    /// before a tag is dropped unless it follows text or an element that holds text.
    private func isIgnorableWhitespace(
        _ bytes: UnsafeBufferPointer<UInt8>, parent: Int32, parserName: () -> String?, next: UInt8
    ) -> Bool {
        guard bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return false }
        if next == 0 { return true }
        guard next == UInt8(ascii: "<") else { return false }
        guard let parserName = parserName(), parserName != "html", parserName != "head" else { return true }
        if parserName == "body", strictDoctype { return true }
        let last = lastChild[Int(parent)]
        if last < 0 { return !Self.allowsText.contains(parserName) }
        let sibling = nodes[Int(last)]
        return sibling.kind == .element && !Self.allowsText.contains(sibling.name)
    }

    /// libxml2's `allowPCData`: the HTML 4.01 elements that may hold text.
    static let allowsText: Set<String> = [
        "a", "abbr", "acronym", "address", "applet", "b", "bdo", "big", "blockquote", "body", "button", "caption",
        "center", "cite", "code", "dd", "del", "dfn", "div", "dt", "em", "font", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "i", "iframe", "ins", "kbd", "label", "legend", "li", "noframes", "noscript", "object", "p", "pre", "q",
        "s", "samp", "small", "span", "strike", "strong", "td", "th", "tt", "u", "var",
    ]
}
