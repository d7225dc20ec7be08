public import CharterModel
public import Foundation

/// A page to extract, with what is known about where it came from.
public struct ExtractionInput: Sendable {
    public var bytes: [UInt8]
    /// The name the user gave (path, URL or `-`).
    public var name: String
    /// nil to detect from the name, the `Content-Type` and the bytes.
    public var format: InputFormat?
    public var url: String?
    public var contentType: String?
    public var contentLanguage: String?
    public var requestedLanguage: String?
    public var fetchedAt: Date?
    public var setCookieNames: [String]
    /// An XPath expression limiting extraction to part of an HTML page.
    public var scope: String?

    public init(
        bytes: [UInt8], name: String, format: InputFormat? = nil, url: String? = nil, contentType: String? = nil,
        contentLanguage: String? = nil, requestedLanguage: String? = nil, fetchedAt: Date? = nil,
        setCookieNames: [String] = [], scope: String? = nil
    ) {
        self.bytes = bytes
        self.name = name
        self.format = format
        self.url = url
        self.contentType = contentType
        self.contentLanguage = contentLanguage
        self.requestedLanguage = requestedLanguage
        self.fetchedAt = fetchedAt
        self.setCookieNames = setCookieNames
        self.scope = scope
    }
}

/// Why a page could not be extracted.
public enum ExtractionError: Error, Sendable, CustomStringConvertible {
    case unreadable(String)
    case invalidCharterJSON(String)

    public var description: String {
        switch self {
        case .unreadable(let reason): return reason
        case .invalidCharterJSON(let reason): return "not a charter JSON file: \(reason)"
        }
    }
}

extension InputFormat {
    /// The format of an input, from its file extension, else its `Content-Type`, else
    /// its first bytes.
    public static func detect(name: String, contentType: String?, bytes: [UInt8]) -> InputFormat {
        let lowered = name.lowercased()
        let path = lowered.split(separator: "?").first.map(String.init) ?? lowered
        if !lowered.hasPrefix("http") || path.split(separator: "/").count > 2 {
            for (suffixes, format) in [
                ([".html", ".htm", ".xhtml"], InputFormat.html), ([".md", ".markdown"], .markdown),
                ([".txt", ".tsv", ".text"], .text), ([".json"], .json),
            ] where suffixes.contains(where: { path.hasSuffix($0) }) {
                return format
            }
        }
        if let type = contentType?.lowercased() {
            if type.contains("html") || type.contains("xml") { return .html }
            if type.contains("markdown") { return .markdown }
            if type.contains("json") { return .json }
            if type.hasPrefix("text/plain") { return sniff(bytes, default: .text) }
        }
        return sniff(bytes, default: .html)
    }

    static func sniff(_ bytes: [UInt8], default fallback: InputFormat) -> InputFormat {
        let head = bytes.prefix(1024).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        switch head.first {
        case UInt8(ascii: "<"): return .html
        case UInt8(ascii: "{"): return .json
        default:
            if head.contains(0x09) { return .text }
            if head.contains(UInt8(ascii: "|")) || head.first == UInt8(ascii: "#") { return .markdown }
            return fallback
        }
    }
}
