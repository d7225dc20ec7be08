internal import Foundation

/// How to ask a site for one language of a page.
public enum LanguageMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// `Cookie: django_language=L` and `Accept-Language: L`: what Django's
    /// LocaleMiddleware reads first, so it works on Opendatasoft portals.
    case cookie
    /// `Accept-Language: L` only.
    case header
    /// The portal's `?flg=L` query parameter.
    case flg
    /// `{lang}` in the URL itself (`https://example.org/{lang}/cookies`).
    case template
}

/// One page to fetch.
public struct FetchRequest: Sendable, Hashable {
    public var url: String
    public var language: String?
    public var method: LanguageMethod
    /// Seconds for the whole exchange, redirects included.
    public var timeout: Double
    public var maxBytes: Int
    public var maxRedirects: Int
    /// Extra request headers (`If-None-Match` for conditional requests).
    public var headers: [String: String]

    public init(
        url: String, language: String? = nil, method: LanguageMethod = .cookie, timeout: Double = 30,
        maxBytes: Int = 50 * 1024 * 1024, maxRedirects: Int = 5, headers: [String: String] = [:]
    ) {
        self.url = url
        self.language = language
        self.method = method
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.maxRedirects = maxRedirects
        self.headers = headers
    }

    /// The URL to request for this language and method.
    public var resolvedURL: String {
        guard let language else { return url.replacingOccurrences(of: "{lang}", with: "") }
        switch method {
        case .template:
            return url.replacingOccurrences(of: "{lang}", with: language)
        case .flg:
            let separator = url.contains("?") ? "&" : "?"
            return url + separator + "flg=" + language
        case .cookie, .header:
            return url
        }
    }
}
