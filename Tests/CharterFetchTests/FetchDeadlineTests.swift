import CharterFetch
import CharterTestSupport
import Foundation
import Testing

/// `--timeout` bounds the whole fetch, body included (issue 16, item 2), and cookies a
/// response sets go back only to their own host (item 10).
struct FetchDeadlineTests {
    @Test func aBodySentAByteAtATimeIsCutOffAtTheDeadline() async throws {
        // 200 bytes, one every 0.2 s: 40 s to send, against a 1 s timeout.
        let server = try await TestHTTPServer.start { _ in
            TestResponse(headers: [("Content-Type", "text/html")], body: Array(repeating: 0x61, count: 200), byteInterval: 0.2)
        }
        let fetcher = PageFetcher()
        await #expect(throws: FetchError.timedOut(url: server.baseURL + "/", seconds: 1)) {
            try await fetcher.fetch(FetchRequest(url: server.baseURL + "/", timeout: 1))
        }
        await fetcher.shutdown()
        await server.stop()
    }

    @Test func cookiesSetBeforeARedirectStayWithTheirHost() async throws {
        let other = try await TestHTTPServer.start { request in
            .html("<p>\(request.headers["cookie"] ?? "no cookie")</p>")
        }
        let first = try await TestHTTPServer.start { request in
            switch request.path {
            case "/start":
                return TestResponse(status: 302, headers: [("Set-Cookie", "sessionid=secret; Path=/"), ("Location", "/same")])
            case "/same":
                // The same host gets its cookie back, then the page moves to another host.
                let sent = request.cookie("sessionid") ?? "none"
                return TestResponse(status: 302, headers: [("Location", "http://localhost:\(other.port)/page?same=\(sent)")])
            default: return TestResponse(status: 404)
            }
        }
        let fetcher = PageFetcher()
        let page = try await fetcher.fetch(FetchRequest(url: first.baseURL + "/start", timeout: 60))
        #expect(page.finalURL.hasSuffix("same=secret"), "the same host got its cookie: \(page.finalURL)")
        #expect(String(decoding: page.body, as: UTF8.self).contains("no cookie"))
        await fetcher.shutdown()
        await first.stop()
        await other.stop()
    }
}
