@preconcurrency internal import CLibXML2

/// The C side of `SAXTreeBuilder`: libxml2's SAX callbacks, each forwarding one event
/// to the builder stored in the parser context's `_private` field.
enum SAXEvents {
    /// Replaces the context's tree-building callbacks with the builder's, and clears
    /// every other callback that would touch a libxml2 document: none is ever made.
    static func install(in context: htmlParserCtxtPtr, for builder: SAXTreeBuilder) {
        context.pointee._private = Unmanaged.passUnretained(builder).toOpaque()
        guard let sax = context.pointee.sax else { return }
        sax.pointee.internalSubset = { context, _, _, _ in SAXEvents.receiver(context)?.doctype() }
        sax.pointee.isStandalone = nil
        sax.pointee.hasInternalSubset = nil
        sax.pointee.hasExternalSubset = nil
        sax.pointee.resolveEntity = nil
        sax.pointee.getEntity = nil
        sax.pointee.entityDecl = nil
        sax.pointee.notationDecl = nil
        sax.pointee.attributeDecl = nil
        sax.pointee.elementDecl = nil
        sax.pointee.unparsedEntityDecl = nil
        sax.pointee.startDocument = { context in SAXEvents.receiver(context)?.started = true }
        sax.pointee.endDocument = nil
        sax.pointee.startElement = { context, name, attributes in
            guard let builder = SAXEvents.receiver(context) else { return }
            builder.startElement(named: name, attributes: SAXEvents.keptAttributes(attributes))
        }
        sax.pointee.endElement = { context, _ in SAXEvents.receiver(context)?.endElement() }
        sax.pointee.reference = nil
        sax.pointee.characters = { context, characters, length in SAXEvents.text(context, characters, length, cdata: false) }
        // libxml2's HTML tree keeps the whitespace it calls ignorable.
        sax.pointee.ignorableWhitespace = sax.pointee.characters
        sax.pointee.processingInstruction = { context, _, _ in SAXEvents.receiver(context)?.otherNode() }
        sax.pointee.comment = { context, _ in SAXEvents.receiver(context)?.otherNode() }
        sax.pointee.getParameterEntity = nil
        sax.pointee.cdataBlock = { context, characters, length in SAXEvents.text(context, characters, length, cdata: true) }
        sax.pointee.externalSubset = nil
        sax.pointee.startElementNs = nil
        sax.pointee.endElementNs = nil
    }

    static func receiver(_ context: UnsafeMutableRawPointer?) -> SAXTreeBuilder? {
        // libxml2 passes the parser context itself as the SAX user data.
        guard let parser = context?.assumingMemoryBound(to: htmlParserCtxt.self),
            let stored = parser.pointee._private
        else { return nil }
        return Unmanaged<SAXTreeBuilder>.fromOpaque(stored).takeUnretainedValue()
    }

    static func text(
        _ context: UnsafeMutableRawPointer?, _ characters: UnsafePointer<xmlChar>?, _ length: Int32, cdata: Bool
    ) {
        guard let builder = receiver(context), let characters, length > 0 else { return }
        builder.characters(UnsafeBufferPointer(start: characters, count: Int(length)), cdata: cdata)
    }

    /// The attributes charter keeps (`HTMLVocabulary.kept`), from libxml2's
    /// null-terminated list of name, value pairs (a value is null when absent).
    static func keptAttributes(_ list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> [HTMLAttribute] {
        guard let list else { return [] }
        var kept: [HTMLAttribute] = []
        var chrome: String?
        var index = 0
        while let name = list[index] {
            let value = list[index + 1]
            index += 2
            // Class and id are read for chrome on their bytes, never made strings.
            if isName(name, "class") {
                if chrome == nil, let value {
                    chrome = PageChrome.name(inClassOrID: UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
                }
                continue
            }
            if isName(name, "id") {
                if chrome == nil, let value {
                    let id = UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value)))
                    if PageChrome.isChrome(id: id) { chrome = String(decoding: id, as: UTF8.self).lowercased() }
                }
                continue
            }
            // The chrome signals are matched on bytes; every other kept name starts with
            // one of these letters: most attributes (href, style, src, aria-label) are
            // passed over without making a string of their name.
            let key: String
            if isName(name, "role") {
                key = "role"
            } else if isName(name, "aria-hidden") {
                key = "aria-hidden"
            } else {
                let first = name.pointee
                guard first == UInt8(ascii: "l") || first == UInt8(ascii: "x") || first == UInt8(ascii: "d")
                    || first == UInt8(ascii: "c") || first == UInt8(ascii: "r")
                else { continue }
                key = String(cString: name)
            }
            if HTMLVocabulary.keptAttributes.contains(key) {
                kept.append(HTMLAttribute(name: key, value: value.map { String(cString: $0) } ?? ""))
            }
        }
        if let chrome { kept.append(HTMLAttribute(name: PageChrome.attribute, value: chrome)) }
        return kept
    }

    /// Whether a C string is `literal` (ASCII).
    static func isName(_ name: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let bytes = literal.utf8Start
        for index in 0..<literal.utf8CodeUnitCount where name[index] != bytes[index] { return false }
        return name[literal.utf8CodeUnitCount] == 0
    }
}
