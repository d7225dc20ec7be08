/// Why a page could not be rendered, in words a user can act on.
public enum RenderError: Error, Sendable, CustomStringConvertible, Equatable {
    /// No Chromium executable was found.
    case browserMissing(searched: [String])
    /// The browser exited or never opened its DevTools endpoint.
    case browserFailed(String)
    /// The DevTools protocol answered with an error, or the connection broke.
    case protocolFailed(String)
    /// The page itself could not be loaded (DNS, refused connection, HTTP error).
    case pageFailed(url: String, reason: String)
    /// Nothing usable within the time allowed.
    case timedOut(url: String, seconds: Double)
    /// The rendered document is larger than the size limit.
    case tooLarge(url: String, limit: Int)
    /// Only http(s) URLs are rendered.
    case notAURL(String)

    public var description: String {
        switch self {
        case .browserMissing(let searched):
            return "rendering needs Chromium, and none was found (looked for \(searched.joined(separator: ", "))): "
                + "install it with `apt-get install chromium`, or name it with --browser PATH or CHARTER_CHROMIUM"
        case .browserFailed(let reason):
            return "the headless browser failed: \(reason)"
        case .protocolFailed(let reason):
            return "the headless browser stopped answering: \(reason)"
        case .pageFailed(let url, let reason):
            return "\(url): the browser could not load the page: \(reason)"
        case .timedOut(let url, let seconds):
            return "\(url): the page did not load in the browser within \(formatted(seconds)) seconds (raise --timeout)"
        case .tooLarge(let url, let limit):
            return "\(url): the rendered page is larger than the limit of \(limit) bytes (raise it with --max-bytes)"
        case .notAURL(let input):
            return "\(input): only http(s) URLs can be rendered"
        }
    }

    private func formatted(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
