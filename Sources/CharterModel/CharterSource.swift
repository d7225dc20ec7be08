public import Foundation

/// Where a charter was read from, which language was asked for and which one came back.
public struct CharterSource: Sendable, Hashable, Codable {
    /// The input as the user named it: a path, a URL or `-`.
    public var input: String
    /// The kind of input that was parsed.
    public var format: InputFormat
    /// The final URL after redirects, for fetched pages.
    public var url: String?
    /// The language asked for (`--lang`, the `django_language` cookie).
    public var requestedLanguage: String?
    /// The `Content-Language` header of the response.
    public var contentLanguage: String?
    /// The `<html lang>` attribute of the page.
    public var declaredLanguage: String?
    /// The language detected from the text itself.
    public var detectedLanguage: String?
    /// The charset the bytes were decoded with, and why (`UTF-8 (meta-tag)`).
    public var charset: String?
    /// When the page was fetched; nil for files, so that extracting a file is repeatable.
    public var fetchedAt: Date?
    /// SHA-256 of the raw bytes, lower-case hex.
    public var sha256: String
    /// The `Set-Cookie` names the server sent while the page was fetched.
    public var setCookieNames: [String]

    public init(
        input: String, format: InputFormat, url: String? = nil, requestedLanguage: String? = nil,
        contentLanguage: String? = nil, declaredLanguage: String? = nil, detectedLanguage: String? = nil,
        charset: String? = nil, fetchedAt: Date? = nil, sha256: String, setCookieNames: [String] = []
    ) {
        self.input = input
        self.format = format
        self.url = url
        self.requestedLanguage = requestedLanguage
        self.contentLanguage = contentLanguage
        self.declaredLanguage = declaredLanguage
        self.detectedLanguage = detectedLanguage
        self.charset = charset
        self.fetchedAt = fetchedAt
        self.sha256 = sha256
        self.setCookieNames = setCookieNames
    }

    /// The language the server says it served: `Content-Language`, else `<html lang>`.
    public var servedLanguage: String? { contentLanguage ?? declaredLanguage }
}

/// The kinds of input charter reads.
public enum InputFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case html
    /// Tab-separated text tables with `#` headings, as the seed charter.
    case text
    /// Markdown with pipe tables (and raw HTML blocks).
    case markdown
    /// The canonical JSON written by `charter extract`.
    case json
}
