@preconcurrency internal import CLibXML2

/// Writes an XML document with libxml2's `xmlTextWriter`: escaping, well-formedness
/// and the encoding declaration are libxml2's job, not string concatenation's.
///
/// libxml2 writes whatever characters it is given (and cuts a string at U+0000), so
/// the characters XML 1.0 cannot hold are dealt with here: written as U+FFFD and
/// counted in `replacedCharacters`, or kept as elements by `text(_:unholdableAs:hexAttribute:)`.
public struct XMLWriter: ~Copyable {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var failed = false
    /// Characters written as U+FFFD because XML cannot hold them: the caller warns.
    public private(set) var replacedCharacters = 0
    /// Open elements, for the indentation libxml2 cannot give after mixed content.
    private var depth = 0
    /// Inside an element whose text holds elements: libxml2 is not indenting.
    private var inMixedContent = false
    /// Mixed content was just closed without indentation (see `resumeIndentation`).
    private var lineBreakPending = false
    private static let indentString = "  "

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
        xmlTextWriterSetIndentString(writer, Self.indentString)
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    private mutating func check(_ result: Int32) {
        if result < 0 { failed = true }
    }

    /// Whether XML 1.0 can hold `scalar` at all (its `Char` production): C0 controls other
    /// than tab, line feed and carriage return, U+FFFE and U+FFFF are refused by every
    /// reader, even as character references. (Lone surrogates never reach a Swift string.)
    public static func canHold(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00..<0x20, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    public static func canHold(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(canHold) }

    public mutating func start(_ name: String, namespace: String? = nil) {
        resumeIndentation(beforeEndTag: false)
        if let namespace {
            check(xmlTextWriterStartElementNS(writer, nil, name, namespace))
        } else {
            check(xmlTextWriterStartElement(writer, name))
        }
        depth += 1
    }

    /// An attribute cannot hold an element, so what XML cannot hold becomes U+FFFD.
    public mutating func attribute(_ name: String, _ value: String) {
        check(xmlTextWriterWriteAttribute(writer, name, holdable(value)))
    }

    /// Text, with what XML cannot hold written as U+FFFD.
    public mutating func text(_ value: String) {
        lineBreakPending = false
        check(xmlTextWriterWriteString(writer, holdable(value)))
    }

    /// Text in which each character XML cannot hold is written as an empty `element`
    /// whose `hexAttribute` is its code point (XLIFF's `<cp hex="001B"/>`): nothing is lost.
    public mutating func text(_ value: String, unholdableAs element: String, hexAttribute: String) {
        guard !Self.canHold(value) else { return text(value) }
        // libxml2 would indent the inner elements, and the indentation would become part
        // of the text: no indentation until this element is closed.
        xmlTextWriterSetIndent(writer, 0)
        var run = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if Self.canHold(scalar) {
                run.append(scalar)
                continue
            }
            if !run.isEmpty { check(xmlTextWriterWriteString(writer, String(run))) }
            run = String.UnicodeScalarView()
            let digits = String(scalar.value, radix: 16, uppercase: true)
            check(xmlTextWriterStartElement(writer, element))
            check(
                xmlTextWriterWriteAttribute(
                    writer, hexAttribute, String(repeating: "0", count: max(0, 4 - digits.count)) + digits))
            check(xmlTextWriterEndElement(writer))
        }
        if !run.isEmpty { check(xmlTextWriterWriteString(writer, String(run))) }
        inMixedContent = true
    }

    public mutating func end() {
        if inMixedContent {
            // Closes the mixed-content element itself, still unindented.
            check(xmlTextWriterEndElement(writer))
            xmlTextWriterSetIndent(writer, 1)
            inMixedContent = false
            lineBreakPending = true
        } else {
            resumeIndentation(beforeEndTag: true)
            check(xmlTextWriterEndElement(writer))
        }
        depth -= 1
    }

    /// After mixed content libxml2 has written neither the line break nor, for an end tag,
    /// the indentation that its indenting mode would have: they are written here.
    private mutating func resumeIndentation(beforeEndTag: Bool) {
        guard lineBreakPending else { return }
        lineBreakPending = false
        let indentation = beforeEndTag ? String(repeating: Self.indentString, count: max(0, depth - 1)) : ""
        check(xmlTextWriterWriteRaw(writer, "\n" + indentation))
    }

    /// `value` with each character XML cannot hold replaced by U+FFFD, and counted.
    private mutating func holdable(_ value: String) -> String {
        guard !Self.canHold(value) else { return value }
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if Self.canHold(scalar) {
                scalars.append(scalar)
            } else {
                scalars.append("\u{FFFD}")
                replacedCharacters += 1
            }
        }
        return String(scalars)
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
        while depth > 0 { end() }
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
