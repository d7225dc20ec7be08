@preconcurrency internal import CLibXML2

/// An element of a parsed XML document, copied out of libxml2.
public struct XMLElement: Sendable, Hashable {
    public let name: String
    public let namespace: String?
    public let attributes: [String: String]
    public let children: [XMLElement]
    /// The element's own text (its text children, concatenated).
    public let text: String

    public func attribute(_ name: String) -> String? { attributes[name] }

    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    public func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }
}

/// Parses XML safely: no network, no DTD loading, no entity substitution, and any
/// document that declares a DOCTYPE is refused before anything in it is used.
public enum XMLReader {
    public static let defaultByteLimit = 20 * 1024 * 1024

    public static func parse(_ bytes: [UInt8], byteLimit: Int = defaultByteLimit) throws(XMLError) -> XMLElement {
        guard bytes.count <= byteLimit else { throw .tooLarge(bytes: bytes.count, limit: byteLimit) }
        // Refused before libxml2 sees it: even parsing a DTD is attack surface.
        if Self.declaresDoctype(bytes) { throw .doctypeRefused }
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        guard let context = xmlNewParserCtxt() else { throw .malformed("out of memory") }
        defer { xmlFreeParserCtxt(context) }
        let flags = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCtxtReadMemory(context, $0, Int32(buffer.count), nil, nil, flags)
            }
        }
        guard let document else {
            let message = xmlCtxtGetLastError(context)?.pointee.message.map { String(cString: $0) } ?? "empty document"
            throw .malformed(TextFolding.fold(message))
        }
        defer { xmlFreeDoc(document) }
        guard document.pointee.intSubset == nil, document.pointee.extSubset == nil else { throw .doctypeRefused }
        guard let root = xmlDocGetRootElement(document) else { throw .malformed("no root element") }
        return copy(root)
    }

    static func declaresDoctype(_ bytes: [UInt8]) -> Bool {
        let marker = Array("<!DOCTYPE".utf8)
        let upper = bytes.prefix(1 << 20).map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        guard upper.count >= marker.count else { return false }
        for index in 0...(upper.count - marker.count) where upper[index] == marker[0] {
            if Array(upper[index..<(index + marker.count)]) == marker { return true }
        }
        return false
    }

    /// Copies an element tree; documents charter reads are a few levels deep, and
    /// recursion is bounded by libxml2's own depth limit (256 without XML_PARSE_HUGE).
    static func copy(_ node: xmlNodePtr) -> XMLElement {
        let attributes = Dictionary(LibXML2Attributes.read(node).map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        var children: [XMLElement] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: children.append(copy(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default: break
            }
            child = current.pointee.next
        }
        return XMLElement(
            name: node.pointee.name.map { String(cString: $0) } ?? "",
            namespace: node.pointee.ns?.pointee.href.map { String(cString: $0) }, attributes: attributes,
            children: children, text: text)
    }
}
