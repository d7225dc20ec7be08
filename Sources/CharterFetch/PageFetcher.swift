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

    /// The longest `Retry-After` honoured: past it the check fails now rather than
    /// holding a watch round (and its lock) for the server's convenience.
    public static let retryAfterCap: Double = 30

    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchedPage {
        do {
            return try await fetchOnce(request)
        } catch where error.isTransient {
            var pause = 0.5
            if case .throttled(_, _, let retryAfter?) = error {
                guard retryAfter <= min(Self.retryAfterCap, request.timeout) else { throw error }
                pause = max(pause, retryAfter)
            }
            try? await Task.sleep(for: .milliseconds(Int64(pause * 1000)))
            return try await fetchOnce(request)
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

    func fetchOnce(_ request: FetchRequest) async throws(FetchError) -> FetchedPage {
        let start = request.resolvedURL
        let deadline = NIODeadline.now() + .milliseconds(Int64(request.timeout * 1000))
        var url = start
        var visited: Set<String> = [start]
        var setCookies: [String] = []
        var jar: [String: String] = [:]
        for _ in 0...request.maxRedirects {
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased() else { throw .invalidURL(url) }
            guard scheme == "http" || scheme == "https" else { throw .unsupportedScheme(url) }
            guard parsed.host != nil else { throw .invalidURL(url) }

            var http = HTTPClientRequest(url: url)
            http.headers.add(name: "User-Agent", value: Self.userAgent)
            http.headers.add(name: "Accept", value: "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
            var cookies = jar
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

            let response: HTTPClientResponse
            let body: ByteBuffer
            do {
                response = try await client.execute(http, deadline: deadline)
                body = try await response.body.collect(upTo: request.maxBytes)
            } catch {
                throw Self.classify(error, url: url, request: request)
            }
            for value in response.headers["Set-Cookie"] {
                guard let pair = value.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmingCharacters(in: .whitespaces)
                let cookieValue = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                if !setCookies.contains(name) { setCookies.append(name) }
                jar[name] = cookieValue
            }
            let status = Int(response.status.code)
            if (300..<400).contains(status), status != 304, let location = response.headers.first(name: "Location") {
                guard let next = URL(string: location, relativeTo: URL(string: url))?.absoluteString else {
                    throw .invalidURL(location)
                }
                guard visited.insert(next).inserted else { throw .redirectLoop(url: start) }
                url = next
                continue
            }
            if status == 429 || status == 503 {
                throw .throttled(url: url, status: status, retryAfter: Self.retryAfter(response.headers.first(name: "Retry-After")))
            }
            guard (200..<300).contains(status) || status == 304 else { throw .httpStatus(url: url, status: status) }
            return FetchedPage(
                requestedURL: start, finalURL: url, status: status,
                headers: response.headers.map { ($0.name, $0.value) }, body: Array(buffer: body),
                fetchedAt: Date(), setCookieNames: setCookies)
        }
        throw .tooManyRedirects(url: start, limit: request.maxRedirects)
    }

    static func classify(_ error: any Error, url: String, request: FetchRequest) -> FetchError {
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
