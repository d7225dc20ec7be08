/// The character encoding a page was decoded with, and where that choice came from.
public struct Charset: Hashable, Sendable {
    public enum Source: String, Sendable {
        /// The HTTP `Content-Type` header's `charset` parameter.
        case httpHeader = "http-header"
        /// A byte order mark at the start of the bytes.
        case byteOrderMark = "byte-order-mark"
        /// `<meta charset>` or `<meta http-equiv="Content-Type">` in the first bytes.
        case metaTag = "meta-tag"
        /// Nothing was declared and the bytes are valid UTF-8.
        case defaultUTF8 = "default-utf-8"
        /// Nothing was declared and the bytes are not valid UTF-8.
        case windows1252Fallback = "windows-1252-fallback"
    }

    /// The encoding's canonical name, as libxml2 and iconv know it.
    public let name: String
    public let source: Source
    /// Set when the declared encoding was UTF-8 but the bytes were not: invalid
    /// sequences were replaced with U+FFFD.
    public let repaired: Bool

    public init(name: String, source: Source, repaired: Bool = false) {
        self.name = name
        self.source = source
        self.repaired = repaired
    }
}
