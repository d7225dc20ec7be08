/// A small JSON writer for the model: sorted keys, `null` for absent values, no
/// escaped slashes, and the same bytes for the same content on every platform.
///
/// Foundation's JSONEncoder is correct but slow (a dictionary per object, key sorting
/// through NSString); the model is written on every extraction and hashed on every
/// comparison, so it gets its own writer. Pretty output matches JSONEncoder's layout,
/// except that empty objects and arrays are written `{}` and `[]` unless
/// `emptyContainersAsFoundation` asks for JSONEncoder's `{`, empty line, `}`.
public struct JSONWriter {
    public private(set) var output: [UInt8] = []
    let pretty: Bool
    /// For reports first written with JSONEncoder, whose bytes stay as they were.
    let emptyContainersAsFoundation: Bool
    private var depth = 0

    public init(pretty: Bool, emptyContainersAsFoundation: Bool = false, reserving capacity: Int = 4096) {
        self.pretty = pretty
        self.emptyContainersAsFoundation = emptyContainersAsFoundation
        output.reserveCapacity(capacity)
    }

    public var text: String { String(decoding: output, as: UTF8.self) }

    package mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    mutating func newline() {
        guard pretty else { return }
        // One copy from a line break followed by spaces, not a byte at a time.
        let indentation: StaticString = "\n                                                                "
        indentation.withUTF8Buffer { line in
            let length = 1 + depth * 2
            if length <= line.count {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<length]))
            } else {
                output.append(0x0A)
                output.append(contentsOf: repeatElement(0x20, count: depth * 2))
            }
        }
    }

    /// One bit per object being written, the innermost lowest: set once it has a member.
    /// (The model nests objects four deep; a bit stack costs no allocation per object.)
    private var objectsWithMembers: UInt64 = 0

    /// An object whose members are written by `body` through `key`, which must be
    /// called in sorted order (the model's writers list their keys alphabetically).
    /// Members are written in place: nothing is copied, however deep the nesting.
    package mutating func object(_ body: (inout JSONWriter) -> Void) {
        output.append(UInt8(ascii: "{"))
        depth += 1
        objectsWithMembers <<= 1
        body(&self)
        let hadMembers = objectsWithMembers & 1 != 0
        objectsWithMembers >>= 1
        depth -= 1
        if hadMembers {
            newline()
        } else if pretty, emptyContainersAsFoundation {
            output.append(0x0A)
            newline()
        }
        output.append(UInt8(ascii: "}"))
    }

    package mutating func key(_ name: StaticString, _ value: (inout JSONWriter) -> Void) {
        beginMember()
        output.append(UInt8(ascii: "\""))
        raw(name)
        pretty ? raw("\" : ") : raw("\":")
        value(&self)
    }

    package mutating func key(_ name: String, _ value: (inout JSONWriter) -> Void) {
        beginMember()
        string(name)
        pretty ? raw(" : ") : raw(":")
        value(&self)
    }

    private mutating func beginMember() {
        if objectsWithMembers & 1 != 0 { output.append(UInt8(ascii: ",")) }
        objectsWithMembers |= 1
        newline()
    }

    package mutating func array<Element>(_ elements: [Element], _ write: (inout JSONWriter, Element) -> Void) {
        output.append(UInt8(ascii: "["))
        guard !elements.isEmpty else {
            if pretty, emptyContainersAsFoundation {
                output.append(0x0A)
                newline()
            }
            output.append(UInt8(ascii: "]"))
            return
        }
        depth += 1
        for (index, element) in elements.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            newline()
            write(&self, element)
        }
        depth -= 1
        newline()
        output.append(UInt8(ascii: "]"))
    }

    package mutating func string(_ value: String?) {
        guard let value else { return raw("null") }
        output.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them in one go, from their own buffer.
        var contiguous = value
        let plain = contiguous.withUTF8 { bytes in
            guard !Self.mayNeedEscaping(bytes) else { return false }
            output.append(contentsOf: bytes)
            return true
        }
        if plain {
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0x00..<0x20:
                raw("\\u00")
                let digits: [UInt8] = Array("0123456789abcdef".utf8)
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Whether any byte is a control character, a quote or a backslash, eight bytes at
    /// a time (the "has less than" and "has zero byte" word tricks). A false positive
    /// only sends a string through the escaping loop, which is always right.
    static func mayNeedEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if (word &- 0x20 &* ones) & ~word & highs != 0 || hasZeroByte(word ^ (0x22 &* ones))
                || hasZeroByte(word ^ (0x5C &* ones))
            {
                return true
            }
            index += 8
        }
        while index < bytes.count {
            let byte = base[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            index += 1
        }
        return false
    }

    package mutating func integer(_ value: Int64?) {
        guard let value else { return raw("null") }
        output.append(contentsOf: String(value).utf8)
    }

    package mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }
}

extension Cookie {
    /// Writes the cookie; `origin` and `evidence` (how it was read) are left out of the
    /// content hash.
    package func write(to json: inout JSONWriter, includingOrigin: Bool) {
        json.object { o in
            o.key("category") { $0.string(category.rawValue) }
            o.key("categoryLabel") { $0.string(categoryLabel) }
            o.key("domain") { $0.string(domain) }
            if includingOrigin {
                o.key("evidence") { w in evidence.map { $0.write(to: &w) } ?? w.raw("null") }
            }
            o.key("extra") { w in
                w.object { e in
                    for key in extra.keys.sorted() { e.key(key) { $0.string(extra[key]) } }
                }
            }
            o.key("location") { $0.string(location) }
            o.key("name") { $0.string(name) }
            if includingOrigin {
                o.key("origin") { w in origin.map { $0.write(to: &w) } ?? w.raw("null") }
            }
            o.key("party") { $0.string(party?.rawValue) }
            o.key("provider") { $0.string(provider) }
            o.key("purpose") { $0.string(purpose) }
            o.key("retention") { w in
                guard let retention else { return w.raw("null") }
                w.object { r in
                    // Amount and unit are read from the text: out of the content hash.
                    if includingOrigin, let amount = retention.amount { r.key("amount") { $0.integer(amount) } }
                    r.key("seconds") { $0.integer(retention.seconds) }
                    r.key("session") { $0.bool(retention.session) }
                    r.key("text") { $0.string(retention.text) }
                    if includingOrigin, let unit = retention.unit { r.key("unit") { $0.string(unit) } }
                }
            }
            o.key("service") { $0.string(service) }
        }
    }
}

extension DisclosedParty {
    /// Writes the party; `origin` and `evidence` are left out of the content hash.
    package func write(to json: inout JSONWriter, includingOrigin: Bool) {
        json.object { o in
            o.key("category") { $0.string(category.rawValue) }
            o.key("country") { $0.string(country) }
            if includingOrigin {
                o.key("evidence") { w in evidence.map { $0.write(to: &w) } ?? w.raw("null") }
            }
            o.key("name") { $0.string(name) }
            if includingOrigin {
                o.key("origin") { w in origin.map { $0.write(to: &w) } ?? w.raw("null") }
            }
            o.key("purpose") { $0.string(purpose) }
        }
    }
}

extension Origin {
    func write(to json: inout JSONWriter) {
        json.object { r in
            r.key("row") { $0.integer(Int64(row)) }
            r.key("table") { $0.integer(Int64(table)) }
        }
    }
}

extension Evidence {
    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("category") { $0.string(category?.rawValue) }
            o.key("notes") { w in w.array(notes) { $0.string($1) } }
            o.key("party") { $0.string(party?.rawValue) }
            o.key("provider") { $0.string(provider?.rawValue) }
            o.key("retention") { $0.string(retention?.rawValue) }
        }
    }
}

extension Section {
    /// - Parameter includingKinds: false for the content hash, which covers what the
    ///   charter says, not how the page lays it out (`Section.kinds`).
    func write(to json: inout JSONWriter, includingKinds: Bool = true) {
        json.object { o in
            o.key("heading") { $0.string(heading) }
            // Only when a paragraph is not plain text: such a charter is written as before.
            if includingKinds, !kinds.isEmpty {
                o.key("kinds") { $0.array(kinds) { $0.string($1.rawValue) } }
            }
            o.key("level") { $0.integer(Int64(level)) }
            o.key("paragraphs") { $0.array(paragraphs) { $0.string($1) } }
        }
    }
}

extension Charter {
    /// The charter as `charter extract` prints it: every key, sorted, absent values null.
    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("contentSHA256") { $0.string(contentSHA256) }
            o.key("cookies") { w in w.array(cookies) { $1.write(to: &$0, includingOrigin: true) } }
            o.key("findings") { w in
                guard observed != nil else { return w.raw("null") }
                w.array(ObservedCookieCheck.findings(self)) { $1.write(to: &$0) }
            }
            o.key("language") { $0.string(language) }
            o.key("observed") { w in
                guard let observed else { return w.raw("null") }
                w.array(observed) { $1.write(to: &$0) }
            }
            o.key("parties") { w in w.array(parties) { $1.write(to: &$0, includingOrigin: true) } }
            o.key("schema") { $0.integer(Int64(schema)) }
            o.key("sections") { w in w.array(sections) { $1.write(to: &$0) } }
            o.key("source") { source.write(to: &$0) }
            o.key("title") { $0.string(title) }
            o.key("warnings") { w in w.array(warnings) { $0.string($1) } }
        }
    }
}

extension ObservedCookie {
    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("domain") { $0.string(domain) }
            o.key("expires") { $0.string(expires.map(CharterJSON.timestamp)) }
            o.key("httpOnly") { $0.bool(httpOnly) }
            o.key("lifetimeSeconds") { $0.integer(lifetimeSeconds) }
            o.key("name") { $0.string(name) }
            o.key("party") { $0.string(party.rawValue) }
            o.key("path") { $0.string(path) }
            o.key("sameSite") { $0.string(sameSite) }
            o.key("secure") { $0.bool(secure) }
        }
    }
}

extension ObservedFinding {
    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("cookie") { $0.string(cookie) }
            o.key("kind") { $0.string(kind.rawValue) }
            o.key("level") { $0.string(level.rawValue) }
            o.key("message") { $0.string(message) }
        }
    }
}

extension CharterSource {
    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("charset") { $0.string(charset) }
            o.key("contentLanguage") { $0.string(contentLanguage) }
            o.key("declaredLanguage") { $0.string(declaredLanguage) }
            o.key("detectedLanguage") { $0.string(detectedLanguage) }
            o.key("fetchedAt") { $0.string(fetchedAt.map(CharterJSON.timestamp)) }
            o.key("format") { $0.string(format.rawValue) }
            o.key("input") { $0.string(input) }
            o.key("requestedLanguage") { $0.string(requestedLanguage) }
            o.key("servedLanguage") { $0.string(servedLanguage) }
            o.key("setCookieNames") { w in w.array(setCookieNames) { $0.string($1) } }
            o.key("sha256") { $0.string(sha256) }
            o.key("url") { $0.string(url) }
        }
    }
}
