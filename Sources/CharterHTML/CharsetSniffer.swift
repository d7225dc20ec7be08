internal import Foundation

/// Chooses the charset of a page's bytes: the HTTP header, then a byte order mark, then
/// a `<meta>` declaration in the first 4 KiB, else UTF-8 when the bytes are valid UTF-8,
/// else Windows-1252 (what browsers assume for undeclared legacy pages).
public enum CharsetSniffer {
    public static func detect(_ bytes: [UInt8], contentType: String?) -> Charset {
        if let declared = contentType.flatMap(charsetParameter) {
            return Charset(name: canonicalName(declared), source: .httpHeader)
        }
        if let bom = byteOrderMark(bytes) {
            return Charset(name: bom, source: .byteOrderMark)
        }
        if let declared = metaCharset(bytes.prefix(4096)) {
            return Charset(name: canonicalName(declared), source: .metaTag)
        }
        if isValidUTF8(bytes) {
            return Charset(name: "UTF-8", source: .defaultUTF8)
        }
        return Charset(name: "windows-1252", source: .windows1252Fallback)
    }

    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        UTF8Validation.isValid(bytes)
    }

    static func byteOrderMark(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        return nil
    }

    /// The `charset=` parameter of a `Content-Type` value.
    static func charsetParameter(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2,
                pair[0].trimmingSpaces().lowercased() == "charset"
            else { continue }
            let value = pair[1].trimmingSpaces().trimmingQuotes()
            if !value.isEmpty { return value }
        }
        return nil
    }

    /// The charset named by the first `<meta>` that names one.
    static func metaCharset(_ prefix: ArraySlice<UInt8>) -> String? {
        // Latin-1 keeps one character per byte, so offsets stay simple.
        let head = String(decoding: prefix.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self).lowercased()
        var searchStart = head.startIndex
        while let meta = head.range(of: "<meta", range: searchStart..<head.endIndex) {
            let tagEnd = head[meta.upperBound...].firstIndex(of: ">") ?? head.endIndex
            let tag = head[meta.upperBound..<tagEnd]
            if let charset = tag.range(of: "charset") {
                var rest = tag[charset.upperBound...].drop { $0 == " " }
                if rest.first == "=" {
                    rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
                    let name = rest.prefix { $0.isLetter || $0.isNumber || "-_:.".contains($0) }
                    if !name.isEmpty { return String(name) }
                }
            }
            searchStart = tagEnd
        }
        return nil
    }

    /// Names as the WHATWG Encoding standard resolves them: ASCII and Latin-1 labels
    /// mean Windows-1252 on the web.
    static func canonicalName(_ label: String) -> String {
        switch label.lowercased() {
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "UTF-8"
        case "us-ascii", "ascii", "iso-8859-1", "iso8859-1", "latin1", "l1", "cp1252", "windows-1252",
            "x-cp1252":
            return "windows-1252"
        case "utf-16", "utf-16le": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        default: return label
        }
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    func trimmingQuotes() -> String {
        String(drop { $0 == "\"" || $0 == "'" }.reversed().drop { $0 == "\"" || $0 == "'" }.reversed())
    }
}
