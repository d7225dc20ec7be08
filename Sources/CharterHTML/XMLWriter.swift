@preconcurrency internal import CLibXML2

/// Writes an XML document with libxml2's `xmlTextWriter`: escaping, well-formedness
/// and the encoding declaration are libxml2's job, not string concatenation's.
public struct XMLWriter: ~Copyable {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var failed = false

    /// Starts a document (UTF-8, indented).
    public init() throws(XMLError) {
        guard let buffer = xmlBufferCreate() else { throw .writerFailed("out of memory") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw .writerFailed("out of memory")
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    private mutating func check(_ result: Int32) {
        if result < 0 { failed = true }
    }

    public mutating func start(_ name: String, namespace: String? = nil) {
        if let namespace {
            check(xmlTextWriterStartElementNS(writer, nil, name, namespace))
        } else {
            check(xmlTextWriterStartElement(writer, name))
        }
    }

    public mutating func attribute(_ name: String, _ value: String) {
        check(xmlTextWriterWriteAttribute(writer, name, value))
    }

    public mutating func text(_ value: String) {
        check(xmlTextWriterWriteString(writer, value))
    }

    public mutating func end() {
        check(xmlTextWriterEndElement(writer))
    }

    /// An element with text content only.
    public mutating func element(_ name: String, attributes: [(String, String)] = [], text value: String) {
        start(name)
        for (key, attributeValue) in attributes { attribute(key, attributeValue) }
        text(value)
        end()
    }

    /// Ends every open element and returns the document.
    public consuming func finish() throws(XMLError) -> String {
        check(xmlTextWriterEndDocument(writer))
        xmlTextWriterFlush(writer)
        guard !failed, let content = xmlBufferContent(buffer) else { throw .writerFailed("libxml2 could not write the document") }
        return String(cString: content)
    }
}

/// Why XML could not be written or read.
public enum XMLError: Error, Sendable, Equatable, CustomStringConvertible {
    case writerFailed(String)
    case malformed(String)
    /// Documents with a DTD are refused outright: no external entity, no entity
    /// expansion (billion laughs) can ever be processed.
    case doctypeRefused
    case tooLarge(bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .writerFailed(let reason): return "cannot write XML: \(reason)"
        case .malformed(let reason): return "not well-formed XML: \(reason)"
        case .doctypeRefused: return "the XML document declares a DTD; charter refuses DTDs and entities"
        case .tooLarge(let bytes, let limit): return "the XML document is \(bytes) bytes, over the limit of \(limit)"
        }
    }
}
