import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// `charter extract URL --lang L` against a loopback portal that picks the page
/// language from the django_language cookie, as Opendatasoft portals do.
struct ExtractURLTests {
    static let pages: [String: String] = [
        "fr": try! String(contentsOfFile: TestPaths.fixture("opendatasoft-portal-fr.html", in: "CharterExtractTests").path, encoding: .utf8),
        "en": try! String(contentsOfFile: TestPaths.fixture("opendatasoft-portal-en.html", in: "CharterExtractTests").path, encoding: .utf8),
    ]

    static func portal(_ request: TestRequest) -> TestResponse {
        switch request.path {
        case "/pages/charte-cookies/":
            let language = request.cookie("django_language").flatMap { pages[$0] == nil ? nil : $0 } ?? "fr"
            return .html(pages[language]!, headers: [("Content-Language", language), ("Set-Cookie", "csrftoken=t; Path=/")])
        case "/error": return TestResponse(status: 500)
        case "/loop": return TestResponse(status: 302, headers: [("Location", "/loop")])
        case "/slow": return TestResponse(body: Array("<p>late</p>".utf8), delay: 20)
        default: return TestResponse(status: 404)
        }
    }

    @Test func languageIsChosenWithTheDjangoLanguageCookie() async throws {
        let server = try await TestHTTPServer.start(Self.portal)
        defer { Task { await server.stop() } }
        for language in ["en", "fr"] {
            let result = try run(TestPaths.charterBinary, ["extract", "--lang", language, server.baseURL + "/pages/charte-cookies/"])
            #expect(result.status == 0)
            let charter = try CharterJSON.decode(Data(result.stdout.utf8))
            #expect(charter.language == language)
            #expect(charter.source.requestedLanguage == language)
            #expect(charter.source.contentLanguage == language)
            #expect(charter.source.setCookieNames == ["csrftoken"])
            #expect(charter.source.fetchedAt != nil)
            #expect(charter.cookies.count == 4)
        }
    }

    @Test(arguments: [("/error", "HTTP 500"), ("/loop", "loop"), ("/slow", "did not answer")])
    func httpFailuresAreOneLineErrors(_ path: String, _ message: String) async throws {
        let server = try await TestHTTPServer.start(Self.portal)
        defer { Task { await server.stop() } }
        let result = try run(TestPaths.charterBinary, ["extract", "--timeout", "1", server.baseURL + path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(message))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func unreachableURLIsAnError() throws {
        let result = try run(TestPaths.charterBinary, ["extract", "--timeout", "5", "http://127.0.0.1:9/cookies"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("charter: "))
    }
}
