public import CharterFetch
internal import CharterModel
public import CharterRender
public import CharterStore

/// One page to check: a source in one language, and how to fetch and read it.
public struct CheckTarget: Sendable {
    public var source: SourceID
    public var url: String
    /// Empty for a source watched in one, unnamed language.
    public var language: String
    public var method: LanguageMethod
    /// An XPath limiting extraction to part of the page; kept for every reading of it,
    /// re-extraction included.
    public var scope: String?
    public var render: RenderMode
    /// Seconds allowed for the whole fetch.
    public var timeout: Double
    /// The largest page read.
    public var maxBytes: Int = FetchRequest(url: "").maxBytes

    public init(
        source: SourceID, url: String, language: String, method: LanguageMethod, scope: String? = nil, render: RenderMode = .auto,
        timeout: Double = 30
    ) {
        self.source = source
        self.url = url
        self.language = language
        self.method = method
        self.scope = scope
        self.render = render
        self.timeout = timeout
    }

    /// A `file:///path` source, read from disk.
    public var isFile: Bool { url.lowercased().hasPrefix("file:///") }

    /// The cookies the fetch sends itself: the language cookie, with the cookie method.
    /// The server never sets them back, and they are never reported as missing.
    public var cookiesSent: [String] { method == .cookie && !language.isEmpty ? ["django_language"] : [] }

    /// The request for this page, conditional on the stored validators.
    public func request(etag: String? = nil, lastModified: String? = nil) -> FetchRequest {
        var headers: [String: String] = [:]
        if let etag { headers["If-None-Match"] = etag }
        if let lastModified { headers["If-Modified-Since"] = lastModified }
        return FetchRequest(
            url: url, language: language.isEmpty ? nil : language, method: method, timeout: timeout, maxBytes: maxBytes, headers: headers)
    }
}
