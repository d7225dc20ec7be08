import CharterFetch
import CharterTestSupport
import Foundation
import Testing

/// The fetcher against a real HTTP server on 127.0.0.1, started and stopped per test.
struct PageFetcherTests {
    /// Chooses the language as Django's LocaleMiddleware does: the django_language
    /// cookie, then Accept-Language, else the default (fr).
    static func portal(_ request: TestRequest) -> TestResponse {
        let wanted = request.cookie("django_language") ?? request.headers["accept-language"].map { String($0.prefix(2)) }
        let language = ["fr", "en"].contains(wanted ?? "") ? wanted! : "fr"
        switch request.path {
        case "/pages/cookies/":
            return .html("<html lang=\"\(language)\"><p>\(language)</p></html>",
                         headers: [("Content-Language", language), ("Set-Cookie", "csrftoken=abc; Path=/"), ("Set-Cookie", "sessionid=x; HttpOnly")])
        case "/loop": return TestResponse(status: 302, headers: [("Location", "/loop2")])
        case "/loop2": return TestResponse(status: 302, headers: [("Location", "/loop")])
        case "/moved": return TestResponse(status: 301, headers: [("Location", "/pages/cookies/")])
        // Far past the 0.5 s the test allows, so that a loaded machine cannot fire the
        // response before the client's deadline.
        case "/slow": return TestResponse(headers: [("Content-Type", "text/html")], body: Array("<p>late</p>".utf8), delay: 20)
        case "/big": return TestResponse(headers: [("Content-Type", "text/html")], body: Array(repeating: 0x61, count: 10_000))
        case "/file-scheme": return TestResponse(status: 302, headers: [("Location", "file:///etc/passwd")])
        default: return TestResponse(status: 404)
        }
    }

    func withServer(_ body: (TestHTTPServer, PageFetcher) async throws -> Void) async throws {
        let server = try await TestHTTPServer.start(Self.portal)
        let fetcher = PageFetcher()
        do {
            try await body(server, fetcher)
        } catch {
            await fetcher.shutdown()
            await server.stop()
            throw error
        }
        await fetcher.shutdown()
        await server.stop()
    }

    @Test func djangoLanguageCookieChoosesTheLanguage() async throws {
        try await withServer { server, fetcher in
            let page = try await fetcher.fetch(FetchRequest(url: server.baseURL + "/pages/cookies/", language: "en"))
            #expect(page.contentLanguage == "en")
            #expect(String(decoding: page.body, as: UTF8.self).contains("lang=\"en\""))
            #expect(page.setCookieNames == ["csrftoken", "sessionid"])
            let french = try await fetcher.fetch(FetchRequest(url: server.baseURL + "/pages/cookies/", language: "fr"))
            #expect(french.contentLanguage == "fr")
        }
    }

    @Test func redirectsAreFollowedAndLoopsDetected() async throws {
        try await withServer { server, fetcher in
            let page = try await fetcher.fetch(FetchRequest(url: server.baseURL + "/moved", language: "en"))
            #expect(page.finalURL.hasSuffix("/pages/cookies/"))
            await #expect(throws: FetchError.redirectLoop(url: server.baseURL + "/loop")) {
                try await fetcher.fetch(FetchRequest(url: server.baseURL + "/loop"))
            }
            await #expect(throws: FetchError.unsupportedScheme("file:///etc/passwd")) {
                try await fetcher.fetch(FetchRequest(url: server.baseURL + "/file-scheme"))
            }
        }
    }

    @Test func errorsAreTyped() async throws {
        try await withServer { server, fetcher in
            await #expect(throws: FetchError.httpStatus(url: server.baseURL + "/missing", status: 404)) {
                try await fetcher.fetch(FetchRequest(url: server.baseURL + "/missing"))
            }
            await #expect(throws: FetchError.timedOut(url: server.baseURL + "/slow", seconds: 0.5)) {
                try await fetcher.fetch(FetchRequest(url: server.baseURL + "/slow", timeout: 0.5))
            }
            await #expect(throws: FetchError.tooLarge(url: server.baseURL + "/big", limit: 1000)) {
                try await fetcher.fetch(FetchRequest(url: server.baseURL + "/big", maxBytes: 1000))
            }
        }
    }

    @Test func unreachableServerIsAnError() async throws {
        let fetcher = PageFetcher()
        // Port 9 (discard) on loopback: nothing listens there in a test sandbox.
        await #expect(throws: FetchError.self) { try await fetcher.fetch(FetchRequest(url: "http://127.0.0.1:9/", timeout: 5)) }
        await fetcher.shutdown()
    }

    @Test(arguments: [
        (LanguageMethod.flg, "https://portal.example/pages/cookies/", "https://portal.example/pages/cookies/?flg=de"),
        (.template, "https://example.org/{lang}/cookies", "https://example.org/de/cookies"),
        (.cookie, "https://portal.example/p", "https://portal.example/p"),
    ])
    func languageMethodsShapeTheURL(_ method: LanguageMethod, _ url: String, _ expected: String) {
        #expect(FetchRequest(url: url, language: "de", method: method).resolvedURL == expected)
    }
}

/// 429 and 503 with `Retry-After`: honoured within a cap, and a longer wait fails at once.
struct RetryAfterTests {
    final class Arrivals: @unchecked Sendable {
        private let lock = NSLock()
        private var times: [Date] = []
        func add() -> Int { lock.withLock { times.append(Date()); return times.count } }
        var all: [Date] { lock.withLock { times } }
    }

    @Test func aShortRetryAfterIsWaitedForThenRetried() async throws {
        let arrivals = Arrivals()
        let server = try await TestHTTPServer.start { _ in
            arrivals.add() == 1 ? TestResponse(status: 429, headers: [("Retry-After", "1")]) : .html("<p>ok</p>")
        }
        let fetcher = PageFetcher()
        // The deadline is generous: a loaded test machine must not turn a wait into a
        // timeout, and the client is shut down whatever happened (it traps otherwise).
        let page: FetchedPage?
        do {
            page = try await fetcher.fetch(FetchRequest(url: server.baseURL + "/", timeout: 60))
        } catch {
            page = nil
            Issue.record("\(error)")
        }
        #expect(page?.status == 200)
        let times = arrivals.all
        #expect(times.count == 2)
        // The second request waited for what the server asked.
        if times.count == 2 { #expect(times[1].timeIntervalSince(times[0]) >= 0.95) }
        await fetcher.shutdown()
        await server.stop()
    }

    @Test func aRetryAfterOverTheCapFailsWithoutWaiting() async throws {
        let arrivals = Arrivals()
        let server = try await TestHTTPServer.start { _ in
            _ = arrivals.add()
            return TestResponse(status: 503, headers: [("Retry-After", "3600")])
        }
        let fetcher = PageFetcher()
        await #expect(throws: FetchError.throttled(url: server.baseURL + "/", status: 503, retryAfter: 3600)) {
            try await fetcher.fetch(FetchRequest(url: server.baseURL + "/", timeout: 60))
        }
        #expect(arrivals.all.count == 1)
        await fetcher.shutdown()
        await server.stop()
    }

    @Test func bothFormsOfRetryAfterAreRead() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(PageFetcher.retryAfter("120", now: now) == 120)
        #expect(PageFetcher.retryAfter("Tue, 14 Nov 2023 22:13:40 GMT", now: now) == 20)
        #expect(PageFetcher.retryAfter("soon", now: now) == nil)
    }
}
