import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// Secrets in a source URL (issue 16, item 6): user-info is sent as Basic credentials,
/// to that host only, and neither it nor query values appear in anything charter prints.
struct URLSecretsTests {
    @Test func redactionHidesUserInfoAndQueryValues() {
        #expect(URLRedaction.redacted("https://user:pa%40ss@example.org:8443/cookies?api_key=SECRET&lang=fr#top")
            == "https://***@example.org:8443/cookies?api_key=***&lang=***#top")
        #expect(URLRedaction.redacted("https://example.org/cookies") == "https://example.org/cookies")
        #expect(URLRedaction.redacted("/tmp/page.html?x=1") == "/tmp/page.html?x=1")
        #expect(URLRedaction.redacted("http://example.org/?flag&k=") == "http://example.org/?flag&k=")
    }

    @Test func credentialsAreSentAsBasicAuthAndNeverPrinted() async throws {
        let server = try await TestHTTPServer.start { request in
            // "alice:pa@ss", Base64.
            guard request.headers["authorization"] == "Basic YWxpY2U6cGFAc3M=" else { return TestResponse(status: 401) }
            if request.path.hasPrefix("/missing") { return TestResponse(status: 404) }
            return .html("""
                <html lang="en"><body><h2>Analytics cookies</h2><table><tr><th>Name</th><th>Provider</th><th>Expiry</th></tr>
                <tr><td>_ga</td><td>Google</td><td>2 years</td></tr></table></body></html>
                """)
        }
        defer { Task { await server.stop() } }
        let url = "http://alice:pa%40ss@127.0.0.1:\(server.port)/cookies?api_key=SECRET"
        let result = try run(TestPaths.charterBinary, ["extract", "--format", "json", url])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        for secret in ["SECRET", "alice", "pa%40ss", "pa@ss"] {
            #expect(!result.stdout.contains(secret), "stdout holds \(secret)")
            #expect(!result.stderr.contains(secret), "stderr holds \(secret)")
        }
        #expect(result.stdout.contains("_ga"))

        let failed = try run(TestPaths.charterBinary, ["extract", "http://alice:pa%40ss@127.0.0.1:\(server.port)/missing?token=SECRET"])
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("404"))
        #expect(!failed.stderr.contains("SECRET") && !failed.stderr.contains("alice"), "\(failed.stderr)")
    }
}
