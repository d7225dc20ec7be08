public import Foundation
internal import CharterModel

/// A response charter accepted as a page.
public struct FetchedPage: Sendable {
    public var requestedURL: String
    /// The URL after redirects.
    public var finalURL: String
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var fetchedAt: Date
    /// Names of the cookies the server set along the way (redirects included).
    public var setCookieNames: [String]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var contentType: String? { header("Content-Type") }
    public var contentLanguage: String? { header("Content-Language") }

    /// A local file read as a page (`file:///path`, `{lang}` filled in): for watching
    /// exports a CMS writes to disk. Only when the user allows files.
    public static func file(_ request: FetchRequest) throws(FetchError) -> FetchedPage {
        let url = request.resolvedURL
        guard let parsed = URL(string: url), parsed.isFileURL, !parsed.path.isEmpty else { throw .invalidURL(url) }
        let path = parsed.path
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        guard let size else { throw .unreachable(url: url, reason: "no such file") }
        guard size <= request.maxBytes else { throw .tooLarge(url: url, limit: request.maxBytes) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreachable(url: url, reason: "the file cannot be read")
        }
        return FetchedPage(
            requestedURL: url, finalURL: url, status: 200, headers: [], body: [UInt8](data), fetchedAt: Date(),
            setCookieNames: [])
    }
}

/// Why a fetch gave no page, each phrased for the person running charter.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case unsupportedScheme(String)
    case unreachable(url: String, reason: String)
    case timedOut(url: String, seconds: Double)
    case httpStatus(url: String, status: Int)
    /// 429 or 503: the server asks to come back later, after `retryAfter` seconds if it
    /// said so.
    case throttled(url: String, status: Int, retryAfter: Double?)
    case tooLarge(url: String, limit: Int)
    case redirectLoop(url: String)
    case tooManyRedirects(url: String, limit: Int)

    /// Said with the URL redacted (`URLRedaction`): a message reaches logs, mails and feeds.
    public var description: String {
        switch redacted {
        case .invalidURL(let url): return "\(url) is not a valid URL"
        case .unsupportedScheme(let url): return "\(url): only http and https URLs are fetched"
        case .unreachable(let url, let reason): return "cannot reach \(url): \(reason)"
        case .timedOut(let url, let seconds): return "\(url) did not answer within \(Self.format(seconds)) seconds"
        case .httpStatus(let url, let status): return "\(url) answered HTTP \(status)"
        case .throttled(let url, let status, let retryAfter):
            return "\(url) answered HTTP \(status)" + (retryAfter.map { " (retry after \(Self.format($0)) seconds)" } ?? "")
        case .tooLarge(let url, let limit): return "\(url) sent more than \(limit) bytes (the limit)"
        case .redirectLoop(let url): return "\(url) redirects in a loop"
        case .tooManyRedirects(let url, let limit): return "\(url) redirects more than \(limit) times"
        }
    }

    /// The same failure with its URL's secrets replaced by `***`.
    var redacted: FetchError {
        let r = URLRedaction.redacted
        switch self {
        case .invalidURL(let url): return .invalidURL(r(url))
        case .unsupportedScheme(let url): return .unsupportedScheme(r(url))
        case .unreachable(let url, let reason): return .unreachable(url: r(url), reason: reason)
        case .timedOut(let url, let seconds): return .timedOut(url: r(url), seconds: seconds)
        case .httpStatus(let url, let status): return .httpStatus(url: r(url), status: status)
        case .throttled(let url, let status, let retryAfter): return .throttled(url: r(url), status: status, retryAfter: retryAfter)
        case .tooLarge(let url, let limit): return .tooLarge(url: r(url), limit: limit)
        case .redirectLoop(let url): return .redirectLoop(url: r(url))
        case .tooManyRedirects(let url, let limit): return .tooManyRedirects(url: r(url), limit: limit)
        }
    }

    /// Failures worth one more try: the server or the path to it hiccuped.
    var isTransient: Bool {
        switch self {
        case .unreachable: return true
        case .httpStatus(_, let status): return [502, 503, 504].contains(status)
        case .throttled: return true
        default: return false
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
