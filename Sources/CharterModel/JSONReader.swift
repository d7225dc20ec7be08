/// Why a JSON text is not a charter, and where: `cookies[3].retention.seconds:
/// expected an integer, found a string`.
public struct CharterJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Keys and array indices from the top, outermost first.
    public var path: [String]

    init(_ message: String, path: [String] = []) {
        self.message = message
        self.path = path
    }

    public var description: String {
        guard var location = path.first else { return message }
        for component in path.dropFirst() {
            location += component.hasPrefix("[") ? component : "." + component
        }
        return "\(location): \(message)"
    }

    /// The same error, seen from the value that holds `component`.
    func inside(_ component: String) -> CharterJSONError {
        CharterJSONError(message, path: [component] + path)
    }
}

/// A pull reader over JSON bytes, for decoding the model without Foundation's
/// JSONDecoder: that one builds a value for every token and goes through `Codable`'s
/// dynamic containers, and loading two 1,000-cookie charters took longer than diffing them.
///
/// Strict JSON (RFC 8259), UTF-8 only, nesting at most `maximumDepth` deep: a hostile
/// file gets an error, never a crash or a stack overflow.
struct JSONReader: ~Copyable {
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    }

    // MARK: Values

    /// Whether the next value is `null` (consumed if so).
    mutating func consumeNull() throws(CharterJSONError) -> Bool {
        try skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    mutating func string() throws(CharterJSONError) -> String {
        try skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw mismatch("a string") }
        offset += 1
        let start = offset
        // Most strings have no escape: one scan, then the bytes as they are.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                offset += 1
                guard let text else { throw CharterJSONError("a string is not valid UTF-8") }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw CharterJSONError("a control character inside a string (\(offsetText))") }
            offset += 1
        }
        return try escapedString(from: start)
    }

    mutating func integer() throws(CharterJSONError) -> Int64 {
        try skipWhitespace()
        let start = offset
        guard let isInteger = scanNumber() else { throw mismatch("an integer") }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        if isInteger, let value = Int64(text) { return value }
        // 1e3 or 13.0 is an integer too, when it is exactly one.
        if let value = Double(text), value.rounded() == value, let exact = Int64(exactly: value) { return exact }
        throw CharterJSONError("expected an integer, found \(text)")
    }

    mutating func bool() throws(CharterJSONError) -> Bool {
        try skipWhitespace()
        guard offset < bytes.count else { throw mismatch("true or false") }
        switch bytes[offset] {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw mismatch("true or false")
        }
    }

    /// Reads an object, handing each member's key to `member`, which must read (or
    /// `skipValue`) its value. Errors inside a member are given the member's key.
    ///
    /// A key given twice is an error: readers disagree on which value counts (Foundation
    /// keeps the first, most keep the last), and a charter is a record, not a guess.
    mutating func object(_ member: (inout JSONReader, String) throws(CharterJSONError) -> Void) throws(CharterJSONError) {
        guard try !begin(UInt8(ascii: "{"), UInt8(ascii: "}"), "an object") else { return }
        var keys = KeysSeen()
        while true {
            let key = try string()
            guard keys.insert(key) else { throw CharterJSONError("the key \"\(key)\" is given twice (\(offsetText))") }
            guard try next(is: UInt8(ascii: ":")) else { throw CharterJSONError("expected ':' after \"\(key)\" (\(offsetText))") }
            do { try member(&self, key) } catch { throw error.inside(key) }
            if try next(is: UInt8(ascii: ",")) { continue }
            guard try next(is: UInt8(ascii: "}")) else { throw CharterJSONError("expected ',' or '}' (\(offsetText))") }
            depth -= 1
            return
        }
    }

    /// Reads an array, calling `element` to read each element.
    mutating func array(_ element: (inout JSONReader) throws(CharterJSONError) -> Void) throws(CharterJSONError) {
        guard try !begin(UInt8(ascii: "["), UInt8(ascii: "]"), "an array") else { return }
        var index = 0
        while true {
            do { try element(&self) } catch { throw error.inside("[\(index)]") }
            index += 1
            if try next(is: UInt8(ascii: ",")) { continue }
            guard try next(is: UInt8(ascii: "]")) else { throw CharterJSONError("expected ',' or ']' (\(offsetText))") }
            depth -= 1
            return
        }
    }

    /// Reads and drops one value of any kind (an unknown key's).
    mutating func skipValue() throws(CharterJSONError) {
        try skipWhitespace()
        guard offset < bytes.count else { throw CharterJSONError("unexpected end of the file") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): try object { reader, _ throws(CharterJSONError) in try reader.skipValue() }
        case UInt8(ascii: "["): try array { reader throws(CharterJSONError) in try reader.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): try literal("null")
        default:
            guard scanNumber() != nil else { throw CharterJSONError("unexpected character (\(offsetText))") }
        }
    }

    /// After the top-level value: nothing but white space may follow.
    mutating func end() throws(CharterJSONError) {
        try skipWhitespace()
        guard offset == bytes.count else { throw CharterJSONError("unexpected text after the JSON value (\(offsetText))") }
    }

    // MARK: Pieces

    private var offsetText: String { "at byte \(offset)" }

    private func mismatch(_ expected: String) -> CharterJSONError {
        guard offset < bytes.count else { return CharterJSONError("expected \(expected), found the end of the file") }
        let found: String
        switch bytes[offset] {
        case UInt8(ascii: "\""): found = "a string"
        case UInt8(ascii: "{"): found = "an object"
        case UInt8(ascii: "["): found = "an array"
        case UInt8(ascii: "n"): found = "null"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): found = "a boolean"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): found = "a number"
        default: found = "an unexpected character"
        }
        return CharterJSONError("expected \(expected), found \(found)")
    }

    /// Consumes the opening bracket of `what` and goes one level deeper; true when the
    /// closing bracket follows at once (and the level is left again).
    private mutating func begin(_ open: UInt8, _ close: UInt8, _ what: String) throws(CharterJSONError) -> Bool {
        try skipWhitespace()
        guard offset < bytes.count, bytes[offset] == open else { throw mismatch(what) }
        offset += 1
        depth += 1
        guard depth <= Self.maximumDepth else { throw CharterJSONError("nested more than \(Self.maximumDepth) levels deep") }
        guard try next(is: close) else { return false }
        depth -= 1
        return true
    }

    private mutating func skipWhitespace() throws(CharterJSONError) {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// Consumes `byte` if it comes next, after white space.
    private mutating func next(is byte: UInt8) throws(CharterJSONError) -> Bool {
        try skipWhitespace()
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    private mutating func literal(_ word: StaticString) throws(CharterJSONError) {
        let count = word.utf8CodeUnitCount
        let matches = offset + count <= bytes.count
            && word.withUTF8Buffer { UnsafeBufferPointer(rebasing: bytes[offset..<(offset + count)]).elementsEqual($0) }
        guard matches else { throw CharterJSONError("unexpected character (\(offsetText))") }
        offset += count
    }

    /// Moves over a number of JSON's grammar; nil (and no move) if there is none.
    /// True when it has neither fraction nor exponent.
    private mutating func scanNumber() -> Bool? {
        var index = offset
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
            isInteger = false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
            isInteger = false
        }
        offset = index
        return isInteger
    }

    /// The rest of a string that has escapes, from its first byte after the quote.
    private mutating func escapedString(from start: Int) throws(CharterJSONError) -> String {
        var out = Array(bytes[start..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw CharterJSONError("a string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                guard offset < bytes.count else { break }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape().utf8)
                default: throw CharterJSONError("unknown escape \\\(Character(Unicode.Scalar(escape))) (\(offsetText))")
                }
            default:
                guard byte >= 0x20 else { throw CharterJSONError("a control character inside a string (\(offsetText))") }
                out.append(byte)
            }
        }
        throw CharterJSONError("a string is not closed")
    }

    /// `\uXXXX` (the `\u` read), with its low surrogate when it is a high one.
    private mutating func unicodeEscape() throws(CharterJSONError) -> String {
        let first = try hex4()
        var value = UInt32(first)
        if (0xD800...0xDBFF).contains(first) {
            guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                throw CharterJSONError("a lone surrogate \\u\(String(first, radix: 16)) in a string")
            }
            offset += 2
            let second = try hex4()
            guard (0xDC00...0xDFFF).contains(second) else {
                throw CharterJSONError("a lone surrogate \\u\(String(first, radix: 16)) in a string")
            }
            value = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw CharterJSONError("a lone surrogate \\u\(String(first, radix: 16)) in a string")
        }
        return String(scalar)
    }

    private mutating func hex4() throws(CharterJSONError) -> UInt16 {
        guard offset + 4 <= bytes.count else { throw CharterJSONError("a \\u escape is cut short") }
        var value: UInt16 = 0
        for byte in bytes[offset..<(offset + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw CharterJSONError("a \\u escape has a non-hex digit (\(offsetText))")
            }
            value = value << 4 | UInt16(digit)
        }
        offset += 4
        return value
    }
}

/// The keys of one object so far. The model's objects have a dozen keys: comparing with
/// each is cheaper than hashing; past 16 (an `extra` table, a hostile file) a set keeps
/// the check linear.
private struct KeysSeen {
    private var few: [String] = []
    private var many: Set<String>?

    init() { few.reserveCapacity(17) }

    /// False when `key` was seen already.
    mutating func insert(_ key: String) -> Bool {
        if many != nil { return many!.insert(key).inserted }
        if few.contains(key) { return false }
        few.append(key)
        if few.count > 16 { many = Set(few) }
        return true
    }
}
