public import AsyncHTTPClient
public import Foundation
internal import NIOCore
internal import NIOHTTP1

/// Fetches charter pages in a chosen language, with the limits a nightly job needs:
/// a deadline, a redirect limit (loops detected), a size limit, http(s) only, and one retry for transient failures.
public final class PageFetcher: Sendable {
    public static let userAgent = "charter/1.0 (+cookie charter change detection)"
    let client: HTTPClient

    public init() {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(30)),
            // No Accept-Encoding is sent and nothing is decompressed: a compressed bomb
            // can never expand past the size limit.
            decompression: .disabled)
        configuration.httpVersion = .automatic
        // A refused connection fails now: the client's own retries would wait out the whole
        // timeout (6.5 s for `--timeout 3`, 41 s for a down portal in three languages);
        // `fetch` retries a transient failure once itself.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Stops the client; call once when done.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// A fetcher dropped without `shutdown()` (a caller that threw first) stops its client
    /// itself: a client released while running traps in debug builds, and leaks otherwise.
    deinit {
        let client = self.client
        Task { try? await client.shutdown() }
    }

    /// The longest `Retry-After` honoured: past it the check fails now rather than
    /// holding a watch round (and its lock) for the server's convenience.
    public static let retryAfterCap: Double = 30

    /// Fetches the page within `request.timeout` seconds in all: connection, head, body,
    /// redirects and the one retry. A server that answers at once and then sends a byte a
    /// second is cut off at the deadline like one that never answers, so a watch round
    /// ends in bounded time whatever its servers do.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchedPage {
        let deadline = ContinuousClock.now + .milliseconds(Int64(request.timeout * 1000))
        do {
            return try await fetchOnce(request, until: deadline)
        } catch where error.isTransient {
            var pause = 0.5
            if case .throttled(_, _, let retryAfter?) = error {
                guard retryAfter <= min(Self.retryAfterCap, request.timeout) else { throw error }
                pause = max(pause, retryAfter)
            }
            // No time left for a second try: the first failure is the answer.
            guard ContinuousClock.now + .milliseconds(Int64(pause * 1000)) < deadline else { throw error }
            try? await Task.sleep(for: .milliseconds(Int64(pause * 1000)))
            return try await fetchOnce(request, until: deadline)
        }
    }

    /// `Retry-After` as seconds, from either of its forms (delta-seconds or an HTTP date).
    public static func retryAfter(_ value: String?, now: Date = Date()) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSince(now)) }
    }

    func fetchOnce(_ request: FetchRequest, until deadline: ContinuousClock.Instant) async throws(FetchError) -> FetchedPage {
        let start = request.resolvedURL
        // "https://user:password@host/": the credentials go in an Authorization header,
        // to that host only, and never travel in the URL (nor into any message).
        let (credentialed, authorization) = Self.credentials(in: start)
        var url = credentialed
        var visited: Set<String> = [credentialed]
        var setCookies: [String] = []
        // Cookies a response sets go back only to its own host: a redirect to another
        // host must not carry them there.
        var jar: [String: [String: String]] = [:]
        for _ in 0...request.maxRedirects {
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased() else { throw .invalidURL(url) }
            guard scheme == "http" || scheme == "https" else { throw .unsupportedScheme(url) }
            guard parsed.host != nil else { throw .invalidURL(url) }

            var http = HTTPClientRequest(url: url)
            http.headers.add(name: "User-Agent", value: Self.userAgent)
            http.headers.add(name: "Accept", value: "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
            let host = parsed.host?.lowercased() ?? ""
            var cookies = jar[host] ?? [:]
            if let language = request.language {
                if request.method == .cookie { cookies["django_language"] = language }
                if request.method == .cookie || request.method == .header {
                    http.headers.add(name: "Accept-Language", value: language)
                }
            }
            if !cookies.isEmpty {
                http.headers.add(
                    name: "Cookie", value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            }
            for (name, value) in request.headers { http.headers.add(name: name, value: value) }
            if let authorization, host == authorization.host {
                http.headers.replaceOrAdd(name: "Authorization", value: authorization.value)
            }

            let response: HTTPClientResponse
            let body: ByteBuffer
            do {
                let remaining = deadline - ContinuousClock.now
                guard remaining > .zero else { throw FetchError.timedOut(url: url, seconds: request.timeout) }
                let (client, maxBytes, exchange) = (self.client, request.maxBytes, http)
                (response, body) = try await Self.within(deadline, timedOut: .timedOut(url: url, seconds: request.timeout)) {
                    let nioDeadline = NIODeadline.now() + .nanoseconds(Int64(remaining.components.seconds) * 1_000_000_000
                        + remaining.components.attoseconds / 1_000_000_000)
                    let response = try await client.execute(exchange, deadline: nioDeadline)
                    return (response, try await response.body.collect(upTo: maxBytes))
                }
            } catch {
                throw Self.classify(error, url: url, request: request)
            }
            for value in response.headers["Set-Cookie"] {
                guard let pair = value.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmingCharacters(in: .whitespaces)
                let cookieValue = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                if !setCookies.contains(name) { setCookies.append(name) }
                jar[host, default: [:]][name] = cookieValue
            }
            let status = Int(response.status.code)
            if (300..<400).contains(status), status != 304, let location = response.headers.first(name: "Location") {
                guard let next = URL(string: location, relativeTo: URL(string: url))?.absoluteString else {
                    throw .invalidURL(location)
                }
                guard visited.insert(next).inserted else { throw .redirectLoop(url: credentialed) }
                url = next
                continue
            }
            if status == 429 || status == 503 {
                throw .throttled(url: url, status: status, retryAfter: Self.retryAfter(response.headers.first(name: "Retry-After")))
            }
            guard (200..<300).contains(status) || status == 304 else { throw .httpStatus(url: url, status: status) }
            return FetchedPage(
                requestedURL: credentialed, finalURL: url, status: status,
                headers: response.headers.map { ($0.name, $0.value) }, body: Array(buffer: body),
                fetchedAt: Date(), setCookieNames: setCookies)
        }
        throw .tooManyRedirects(url: credentialed, limit: request.maxRedirects)
    }

    /// The URL without its user-info, and the Basic credentials it carried with their host.
    static func credentials(in url: String) -> (url: String, authorization: (host: String, value: String)?) {
        guard var components = URLComponents(string: url), let user = components.percentEncodedUser,
            let host = components.host?.lowercased()
        else { return (url, nil) }
        let password = components.percentEncodedPassword ?? ""
        let decoded = (user.removingPercentEncoding ?? user) + ":" + (password.removingPercentEncoding ?? password)
        components.percentEncodedUser = nil
        components.percentEncodedPassword = nil
        return (components.string ?? url, (host, "Basic " + Data(decoded.utf8).base64EncodedString()))
    }

    /// Runs `operation`, or throws `timedOut` at `deadline`: the HTTP client's own
    /// deadline covers the response head, not a body sent a byte at a time. The
    /// operation is cancelled then, which closes the connection.
    static func within<T: Sendable>(
        _ deadline: ContinuousClock.Instant, timedOut: FetchError, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw timedOut }
            return value
        }
    }

    static func classify(_ error: any Error, url: String, request: FetchRequest) -> FetchError {
        if let fetch = error as? FetchError { return fetch }
        if error is NIOTooManyBytesError { return .tooLarge(url: url, limit: request.maxBytes) }
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return .timedOut(url: url, seconds: request.timeout)
            case .invalidURL, .emptyHost, .emptyScheme:
                return .invalidURL(url)
            case .remoteConnectionClosed:
                return .unreachable(url: url, reason: "the server closed the connection")
            default:
                break
            }
            if "\(client)".lowercased().contains("decompression") || "\(client)".lowercased().contains("limit") {
                return .tooLarge(url: url, limit: request.maxBytes)
            }
        }
        let text = String(describing: error)
        if text.contains("connectTimeout") || text.contains("deadline") { return .timedOut(url: url, seconds: request.timeout) }
        if text.contains("Connection refused") || text.contains("connectionRefused") {
            return .unreachable(url: url, reason: "connection refused")
        }
        return .unreachable(url: url, reason: text.split(separator: "\n").first.map(String.init) ?? text)
    }
}
