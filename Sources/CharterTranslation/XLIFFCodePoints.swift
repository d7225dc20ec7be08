internal import CharterHTML

/// XLIFF 2.0's `<cp hex="…"/>`, read back into the characters XML cannot hold.
///
/// In `<source>`, `<target>` or `<note>`, the writer puts one for each such character; the
/// reader turns them back, so that export → import gives every text back exactly.
///
/// `XMLReader` gives an element's text without the places of its child elements, so the
/// reader marks them before parsing: each `<cp …>` tag becomes marker, hex, marker, with a
/// private-use marker the document does not contain, raw or as a character reference.
struct XLIFFCodePoints {
    static let element = "cp"
    static let hexAttribute = "hex"

    /// An empty `cp` element, any namespace prefix, `hex` in either quotes.
    ///
    /// XML's own white space only (Regex's `\s` would accept a tag XML does not). Matched
    /// by scalars: by characters, a combining mark or joiner after `/>` would hide the `>`.
    nonisolated(unsafe) static let tag =
        #/
        < (?: [A-Za-z_][\w.\-]* : )? cp [\x20\t\r\n]+ hex [\x20\t\r\n]* = [\x20\t\r\n]*
        (?: "([^"]*)" | '([^']*)' ) [\x20\t\r\n]*
        (?: /> | > [\x20\t\r\n]* </ (?: [A-Za-z_][\w.\-]* : )? cp [\x20\t\r\n]* > )
        /#.matchingSemantics(.unicodeScalar)
    nonisolated(unsafe) static let characterReference = #/&#(?:x([0-9A-Fa-f]+)|([0-9]+));/#
        .matchingSemantics(.unicodeScalar)

    /// A scalar, never a `Character`: a combining mark after a `<cp>` would join the
    /// marker into another character.
    let marker: Unicode.Scalar

    /// The document with its `<cp>` tags marked, and the marks to read back; the bytes
    /// as they were when there is no `<cp>` (or the file is not UTF-8, left to the parser).
    static func marking(_ bytes: [UInt8]) throws -> (bytes: [UInt8], codePoints: XLIFFCodePoints?) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return (bytes, nil) }
        let tags = try matches(of: tag, in: text, startingWith: UInt8(ascii: "<")) {
            name(at: $0).elementsEqual("cp".utf8)
        }
        guard !tags.isEmpty else { return (bytes, nil) }
        var used = privateUseCharacters(in: bytes)
        for reference in try matches(
            of: characterReference, in: text, startingWith: UInt8(ascii: "&"),
            where: { $0.dropFirst().first == UInt8(ascii: "#") })
        {
            let value = reference.1.flatMap { UInt32($0, radix: 16) } ?? reference.2.flatMap { UInt32($0) }
            if let scalar = value.flatMap(Unicode.Scalar.init) { used.insert(scalar) }
        }
        let candidates = (0xE000...0xF8FF as ClosedRange<UInt32>).lazy.compactMap(Unicode.Scalar.init).filter {
            !used.contains($0)
        }
        guard let marker = candidates.first else {
            throw TranslationError.invalid(
                "the XLIFF file uses every private-use character: its <cp> elements cannot be read")
        }
        var marked = ""
        var rest = text.startIndex
        for match in tags {
            marked += text[rest..<match.range.lowerBound]
            marked += "\(marker)\(match.1 ?? match.2 ?? "")\(marker)"
            rest = match.range.upperBound
        }
        marked += text[rest...]
        return (Array(marked.utf8), XLIFFCodePoints(marker: marker))
    }

    /// The matches of `regex` at the bytes `first` that pass `candidate`.
    ///
    /// A Regex tried at every position of a 20 MB file is slow, and a tag or a reference
    /// starts at one byte. A candidate that does not match is refused: a character is never
    /// dropped silently.
    static func matches<Output>(
        of regex: Regex<Output>, in text: String, startingWith first: UInt8,
        where candidate: (Substring.UTF8View) -> Bool
    ) throws -> [Regex<Output>.Match] {
        var found: [Regex<Output>.Match] = []
        var position = text.startIndex
        while let start = text.utf8[position...].firstIndex(of: first) {
            position = text.utf8.index(after: start)
            guard candidate(text[start...].utf8) else { continue }
            guard let match = try regex.prefixMatch(in: text[start...]) else {
                throw TranslationError.invalid(
                    "not a <cp hex=\"…\"/> element or a character reference: \(text[start...].prefix(40))")
            }
            found.append(match)
            position = match.range.upperBound
        }
        return found
    }

    /// The private-use characters U+E000 to U+F8FF in valid UTF-8 `bytes`: EE 80 80 to EF A3 BF.
    static func privateUseCharacters(in bytes: [UInt8]) -> Set<Unicode.Scalar> {
        var found = Set<Unicode.Scalar>()
        for index in bytes.indices where bytes[index] == 0xEE || (bytes[index] == 0xEF && bytes[index + 1] <= 0xA3) {
            let value =
                UInt32(bytes[index] & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                | UInt32(bytes[index + 2] & 0x3F)
            if let scalar = Unicode.Scalar(value) { found.insert(scalar) }
        }
        return found
    }

    static let nameEnds: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: ">")]

    /// The local name of the tag that starts at `tag` (`cp` for `<cp …` and `<x:cp …`).
    static func name(at tag: Substring.UTF8View) -> Substring.UTF8View.SubSequence {
        let qualified = tag.dropFirst().prefix { !nameEnds.contains($0) }
        guard let colon = qualified.lastIndex(of: UInt8(ascii: ":")) else { return qualified }
        return qualified[qualified.index(after: colon)...]
    }

    /// `text` with each marked `<cp>` turned back into its character.
    func characters(in text: String) throws -> String {
        guard text.unicodeScalars.contains(marker) else { return text }
        var out = String.UnicodeScalarView()
        for (index, part) in text.unicodeScalars.split(separator: marker, omittingEmptySubsequences: false).enumerated()
        {
            guard index % 2 == 1 else {
                out.append(contentsOf: part)
                continue
            }
            let hex = String(part)
            guard (1...6).contains(hex.count), let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value)
            else {
                throw TranslationError.invalid("a <cp> element's hex \"\(hex.prefix(12))\" is not a Unicode code point")
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// The skeleton's JSON with U+FFFE and U+FFFF (the only characters XML refuses that
    /// JSON writes raw) as `\uFFFE` escapes: the same JSON, and the skeleton stays whole.
    static func escapingJSON(_ json: String) -> String {
        guard !XMLWriter.canHold(json) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if XMLWriter.canHold(scalar) {
                out.append(scalar)
            } else {
                let digits = String(scalar.value, radix: 16, uppercase: true)
                out.append(
                    contentsOf: ("\\u" + String(repeating: "0", count: 4 - digits.count) + digits).unicodeScalars)
            }
        }
        return String(out)
    }
}
