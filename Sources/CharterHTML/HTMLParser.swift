@preconcurrency internal import CLibXML2

/// Parses HTML bytes with libxml2's HTML parser into Swift values: from its SAX events,
/// or, for an XPath scope, by copying the selected part of its tree.
///
/// This (with `SAXEvents`) is the only place charter touches libxml2's parser: every
/// pointer is freed before `parse` returns, whatever happens.
public enum HTMLParser {
    /// The largest page charter reads by default: 50 MiB. Real charters are under 1 MiB;
    /// anything far larger is a mistake or an attack.
    public static let defaultByteLimit = 50 * 1024 * 1024

    public static func parse(
        _ bytes: [UInt8],
        contentType: String? = nil,
        options: HTMLParseOptions = .default,
        scope: String? = nil,
        byteLimit: Int = defaultByteLimit
    ) throws(HTMLParseError) -> HTMLDocument {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= byteLimit else { throw .tooLarge(bytes: bytes.count, limit: byteLimit) }
        var charset = CharsetSniffer.detect(bytes, contentType: contentType)
        guard !ByteInspection.looksBinary(bytes, charset: charset) else { throw .binary }

        var input = bytes
        if charset.name == "UTF-8", !CharsetSniffer.isValidUTF8(bytes) {
            // Declared UTF-8 but not: keep what is readable rather than guess again.
            input = Array(String(decoding: bytes, as: UTF8.self).utf8)
            charset = Charset(name: "UTF-8", source: charset.source, repaired: true)
        }
        return try LibXML2Session.parse(input, charset: charset, options: options, scope: scope)
    }
}

/// Everything that holds a libxml2 pointer, kept to one type.
private enum LibXML2Session {
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func parse(
        _ bytes: [UInt8], charset: Charset, options: HTMLParseOptions, scope: String?
    ) throws(HTMLParseError) -> HTMLDocument {
        precondition(initialized)
        // Errors raised outside a parser context (encoding conversion) would otherwise
        // go to libxml2's generic handler, which prints to stderr. The handler is
        // per-thread in libxml2 2.9, so it is set on every call.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        guard let context = htmlNewParserCtxt() else { throw .unparseable("out of memory") }
        // A scope is an XPath expression, which needs libxml2's own tree.
        if let scope { return try parseTree(bytes, charset: charset, options: options, scope: scope, context: context) }
        defer { htmlFreeParserCtxt(context) }

        let builder = SAXTreeBuilder(
            keepScriptText: options.contains(.keepScriptText),
            expectedNodes: bytes.reduce(into: 0) { count, byte in if byte == UInt8(ascii: "<") { count += 1 } })
        SAXEvents.install(in: context, for: builder)
        withExtendedLifetime(builder) {
            // No callback builds a libxml2 document; should one ever come back, it is freed.
            if let document = read(bytes, charset: charset, options: options, context: context) { xmlFreeDoc(document) }
        }
        guard builder.started else { throw .unparseable(lastError(context) ?? "libxml2 did not read the document") }
        return HTMLDocument(nodes: builder.nodes, charset: charset)
    }

    /// Parses with libxml2's tree and copies the nodes `scope` selects.
    static func parseTree(
        _ bytes: [UInt8], charset: Charset, options: HTMLParseOptions, scope: String, context: htmlParserCtxtPtr
    ) throws(HTMLParseError) -> HTMLDocument {
        guard let document = read(bytes, charset: charset, options: options, context: context) else {
            let message = lastError(context) ?? "libxml2 returned no document"
            htmlFreeParserCtxt(context)
            throw .unparseable(message)
        }
        // The context holds two copies of the input (the bytes as given and as UTF-8):
        // freed before the tree is copied, they are not part of the peak. The document
        // keeps its own reference to the names dictionary.
        htmlFreeParserCtxt(context)
        defer { xmlFreeDoc(document) }
        var copier = TreeCopier(keepScriptText: options.contains(.keepScriptText))
        for node in try select(scope, in: document) { copier.copy(node, parent: nil) }
        return HTMLDocument(nodes: copier.nodes, charset: charset)
    }

    /// Runs libxml2's HTML parser over the bytes; the document it returns is nil when
    /// SAX events replaced its tree builder.
    static func read(
        _ bytes: [UInt8], charset: Charset, options: HTMLParseOptions, context: htmlParserCtxtPtr
    ) -> htmlDocPtr? {
        let flags = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue
                // Without it libxml2 cuts any text node at 10 MB, silently; the input is
                // already bounded by the byte limit (50 MiB by default).
                | XML_PARSE_HUGE.rawValue
                | (options.contains(.dropBlankText) ? HTML_PARSE_NOBLANKS.rawValue : 0))
        return bytes.withUnsafeBufferPointer { buffer in
            // `parse` refuses empty input, so the buffer always has an address.
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { characters in
                htmlCtxtReadMemory(context, characters, Int32(buffer.count), nil, charset.name, flags)
            }
        }
    }

    static func select(_ expression: String, in document: htmlDocPtr) throws(HTMLParseError) -> [xmlNodePtr] {
        guard let context = xmlXPathNewContext(document) else { throw .unparseable("out of memory") }
        defer { xmlXPathFreeContext(context) }
        guard let result = xmlXPathEvalExpression(expression, context) else {
            throw .invalidXPath(expression)
        }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { set.pointee.nodeTab[$0] }
    }

    static func lastError(_ context: htmlParserCtxtPtr) -> String? {
        guard let error = xmlCtxtGetLastError(context), let message = error.pointee.message else { return nil }
        return TextFolding.fold(String(cString: message))
    }
}

/// Copies a libxml2 subtree into the flat node array, iteratively.
private struct TreeCopier {
    var nodes: [HTMLNode] = []
    private var lastChild: [Int32] = []
    private var lastRoot: Int?
    let keepScriptText: Bool

    init(keepScriptText: Bool) { self.keepScriptText = keepScriptText }

    mutating func copy(_ root: xmlNodePtr, parent: Int?) {
        // Sized once: growing by doubling would hold two copies of a large page's
        // nodes at the moment of each copy.
        let expected = nodes.count + Self.count(root)
        nodes.reserveCapacity(expected)
        lastChild.reserveCapacity(expected)
        var stack: [(xmlNodePtr, Int?)] = [(root, parent)]
        while let (node, parentIndex) = stack.popLast() {
            guard let index = append(node, parent: parentIndex) else { continue }
            guard nodes[index].kind == .element else { continue }
            if !keepScriptText, HTMLVocabulary.isIgnored(nodes[index].name) { continue }
            let mark = stack.count
            var child = node.pointee.children
            while let c = child {
                stack.append((c, index))
                child = c.pointee.next
            }
            stack[mark...].reverse()
        }
    }

    /// How many nodes lie in a libxml2 subtree, root included (an upper bound on how
    /// many are copied), walked by its links without a stack.
    private static func count(_ root: xmlNodePtr) -> Int {
        var count = 0
        var current: xmlNodePtr? = root
        while let node = current {
            count += 1
            if let child = node.pointee.children, node.pointee.type == XML_ELEMENT_NODE {
                current = child
                continue
            }
            var leaving = node
            current = nil
            while leaving != root {
                if let next = leaving.pointee.next {
                    current = next
                    break
                }
                guard let parent = leaving.pointee.parent else { break }
                leaving = parent
            }
        }
        return count
    }

    /// Appends one node and links it under its parent; nil for node kinds charter skips.
    private mutating func append(_ node: xmlNodePtr, parent: Int?) -> Int? {
        var value: HTMLNode
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            value = HTMLNode(
                element: node.pointee.name.map { String(cString: $0) } ?? "", attributes: Self.attributes(of: node))
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard let content = node.pointee.content else { return nil }
            value = HTMLNode(text: String(cString: content))
        default:
            return nil
        }
        let index = nodes.count
        value.parentIndex = parent.map { Int32($0) } ?? -1
        nodes.append(value)
        lastChild.append(-1)
        if let parent {
            let previous = lastChild[parent]
            if previous < 0 {
                nodes[parent].firstChildIndex = Int32(index)
            } else {
                nodes[Int(previous)].nextSiblingIndex = Int32(index)
            }
            lastChild[parent] = Int32(index)
        } else {
            if let lastRoot { nodes[lastRoot].nextSiblingIndex = Int32(index) }
            lastRoot = index
        }
        return index
    }

    private static func attributes(of node: xmlNodePtr) -> [HTMLAttribute] {
        guard node.pointee.properties != nil else { return [] }
        return HTMLVocabulary.kept(LibXML2Attributes.read(node, keeping: HTMLVocabulary.keptAttributes.union(PageChrome.signalling)))
    }
}


/// The attributes of a libxml2 element, copied out: shared by the HTML and XML readers.
enum LibXML2Attributes {
    /// - Parameter keeping: when given, only attributes of these names are read.
    static func read(_ node: xmlNodePtr, keeping: Set<String>? = nil) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name {
                let prefix = current.pointee.ns?.pointee.prefix.map { String(cString: $0) + ":" } ?? ""
                let qualified = prefix + String(cString: name)
                if let keeping, !keeping.contains(qualified) {
                    attribute = current.pointee.next
                    continue
                }
                var value = ""
                var text = current.pointee.children
                while let t = text {
                    if let content = t.pointee.content { value += String(cString: content) }
                    text = t.pointee.next
                }
                result.append((qualified, value))
            }
            attribute = current.pointee.next
        }
        return result
    }
}
