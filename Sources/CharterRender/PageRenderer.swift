public import CharterFetch
public import CharterModel
public import Foundation

/// A page as a headless browser left it, with the cookies it had received.
public struct RenderedPage: Sendable {
    /// The serialized DOM after scripts ran, UTF-8.
    public var html: [UInt8]
    /// Where the browser ended up after redirects.
    public var finalURL: String
    /// Cookies held before any consent was given, without the language cookie charter
    /// set itself.
    public var observed: [ObservedCookie]
    public var renderedAt: Date
    /// Things the reader should know, e.g. that the network never settled.
    public var warnings: [String]
}

/// Loads pages in headless Chromium through the DevTools protocol: language chosen as
/// in the static fetch, wait for the network to settle, take the DOM and the cookies.
public struct PageRenderer: Sendable {
    /// A Chromium executable; `nil` looks in `CHARTER_CHROMIUM` and the usual places.
    public var browser: String?
    /// How long the network must be quiet after the load event before the DOM is read.
    public var quietPeriod: Duration = .milliseconds(500)

    public init(browser: String? = nil) {
        self.browser = browser
    }

    /// The Chromium a render would use when none is named, or `nil` if none is installed.
    public static var installedBrowser: String? { try? HeadlessBrowser.locate(nil) }

    /// Renders one page. The browser is stopped before this returns, whatever happens.
    ///
    /// `request.timeout` bounds the whole render, browser start included; past it the
    /// page is read as it is if it has loaded, else the render fails.
    public func render(_ request: FetchRequest) async throws(RenderError) -> RenderedPage {
        let url = request.resolvedURL
        let lowered = url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else { throw .notAURL(request.url) }
        let executable = try HeadlessBrowser.locate(browser)
        let deadline = ContinuousClock.now + .seconds(request.timeout)
        let browser = try await HeadlessBrowser.launch(executable: executable, within: min(request.timeout, 20))
        defer { browser.stop() }
        let connection = try await DevToolsConnection.connect(to: browser.endpoint, maxMessage: request.maxBytes + 65_536)
        defer { Task { await connection.close() } }
        let visit = Visit(connection: connection, request: request, url: url, quietPeriod: quietPeriod)
        return try await withDeadline(deadline, url: url, timeout: request.timeout) {
            try await visit.run(until: deadline)
        }
    }

    /// Runs `body`, failing with `.timedOut` when the deadline passes first.
    private func withDeadline<T: Sendable>(
        _ deadline: ContinuousClock.Instant, url: String, timeout: Double,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws(RenderError) -> T {
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try? await Task.sleep(until: deadline + .seconds(2), clock: .continuous)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else {
                    throw RenderError.timedOut(url: url, seconds: timeout)
                }
                return value
            }
        } catch let error as RenderError {
            throw error
        } catch {
            throw .protocolFailed(String(describing: error))
        }
    }
}

/// One page load in one browser tab.
private struct Visit: Sendable {
    let connection: DevToolsConnection
    let request: FetchRequest
    let url: String
    let quietPeriod: Duration

    func run(until deadline: ContinuousClock.Instant) async throws(RenderError) -> RenderedPage {
        let target = try await connection.send("Target.createTarget", ["url": "about:blank"])
        guard let targetID = target.string("targetId") else { throw .protocolFailed("no tab was created") }
        let attached = try await connection.send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        guard let session = attached.string("sessionId") else { throw .protocolFailed("the tab could not be attached") }

        let network = NetworkActivity()
        connection.onEvent { event in
            guard event.session == session else { return }
            network.record(event)
        }
        try await connection.send("Page.enable", session: session)
        try await connection.send("Network.enable", session: session)
        if let language = request.language, request.method == .cookie || request.method == .header {
            try await connection.send(
                "Network.setExtraHTTPHeaders", ["headers": ["Accept-Language": language]], session: session)
        }
        if let language = request.language {
            // Consent managers pick the declaration's language from the browser's own
            // (navigator.language), not from the page: set it too. Best effort: an older
            // Chromium without the override still renders.
            _ = try? await connection.send("Emulation.setLocaleOverride", ["locale": language], session: session)
            // The browser's own user agent is kept (sites serve bots other pages), with
            // charter named at its end.
            let browserAgent = (try? await connection.send("Browser.getVersion"))?.string("userAgent")
            let agent = browserAgent.map { $0 + " " + PageFetcher.userAgent } ?? PageFetcher.userAgent
            _ = try? await connection.send(
                "Emulation.setUserAgentOverride", ["userAgent": agent, "acceptLanguage": language], session: session)
        }
        if let language = request.language, request.method == .cookie {
            try await connection.send(
                "Network.setCookie", ["name": "django_language", "value": language, "url": url], session: session)
        }

        let navigation = try await connection.send("Page.navigate", ["url": url], session: session)
        if let failure = navigation.string("errorText"), !failure.isEmpty {
            throw .pageFailed(url: url, reason: failure)
        }
        var warnings: [String] = []
        while true {
            // A browser that dies mid-load sends no more events: say so now rather than
            // wait for the deadline.
            if let closed = connection.closed { throw .browserFailed("\(closed) while loading \(url)") }
            let state = network.state()
            if let status = state.documentStatus, status >= 400 {
                throw .pageFailed(url: url, reason: "HTTP \(status)")
            }
            if state.loaded, state.inFlight == 0, ContinuousClock.now - state.lastActivity >= quietPeriod { break }
            if ContinuousClock.now >= deadline {
                guard state.loaded || state.domReady else { throw .timedOut(url: url, seconds: request.timeout) }
                warnings.append("the page's network had not settled after \(Int(request.timeout)) seconds; it was read as it was")
                break
            }
            try? await Task.sleep(for: .milliseconds(50))
        }

        let document = try await connection.send(
            "Runtime.evaluate",
            ["expression": "JSON.stringify([location.href, document.documentElement.outerHTML])", "returnByValue": true],
            session: session)
        guard let value = document.object("result")?.string("value"),
            let pair = try? JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String],
            pair.count == 2
        else { throw .protocolFailed("the document could not be read") }
        let html = Array(pair[1].utf8)
        guard html.count <= request.maxBytes else { throw .tooLarge(url: url, limit: request.maxBytes) }

        let renderedAt = Date()
        let cookies = try await connection.send("Storage.getCookies")
        let pageHost = URL(string: pair[0])?.host ?? URL(string: url)?.host ?? ""
        let observed = cookies.objects("cookies").compactMap { cookie -> ObservedCookie? in
            guard let name = cookie.string("name"), let domain = cookie.string("domain") else { return nil }
            // The language cookie is charter's own doing, not the site's.
            if request.method == .cookie, name == "django_language", cookie.string("value") == request.language { return nil }
            let session = cookie["session"] as? Bool ?? true
            let expiry = (cookie["expires"] as? Double).flatMap { session || $0 <= 0 ? nil : Date(timeIntervalSince1970: $0) }
            return ObservedCookie(
                name: name, domain: domain, path: cookie.string("path") ?? "/", expires: expiry,
                lifetimeSeconds: expiry.map { Int64($0.timeIntervalSince(renderedAt).rounded()) },
                secure: cookie["secure"] as? Bool ?? false, httpOnly: cookie["httpOnly"] as? Bool ?? false,
                sameSite: cookie.string("sameSite"), party: ObservedCookie.party(ofDomain: domain, pageHost: pageHost))
        }.sorted { ($0.name, $0.domain, $0.path) < ($1.name, $1.domain, $1.path) }
        _ = try? await connection.send("Browser.close")
        return RenderedPage(html: html, finalURL: pair[0], observed: observed, renderedAt: renderedAt, warnings: warnings)
    }
}

/// Requests in flight in one tab, from the Network and Page events.
private final class NetworkActivity: @unchecked Sendable {
    // Safe as @unchecked Sendable: every field is only touched under `lock`.
    struct State {
        var inFlight = 0
        var loaded = false
        var domReady = false
        var lastActivity = ContinuousClock.now
        var documentStatus: Int?
    }

    private let lock = NSLock()
    private var requests = Set<String>()
    private var current = State()

    func record(_ event: DevToolsEvent) {
        lock.withLock {
            switch event.method {
            case "Network.requestWillBeSent":
                if let id = event.params.string("requestId") { requests.insert(id) }
            case "Network.loadingFinished", "Network.loadingFailed":
                if let id = event.params.string("requestId") { requests.remove(id) }
            case "Network.responseReceived":
                if event.params.string("type") == "Document", current.documentStatus == nil,
                    let response = event.params.object("response")
                {
                    current.documentStatus = (response["status"] as? Int) ?? (response["status"] as? Double).map { Int($0) }
                }
            case "Page.loadEventFired": current.loaded = true
            case "Page.domContentEventFired": current.domReady = true
            default: return
            }
            current.inFlight = requests.count
            current.lastActivity = ContinuousClock.now
        }
    }

    func state() -> State { lock.withLock { current } }
}
