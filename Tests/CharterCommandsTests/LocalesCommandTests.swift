import CharterTestSupport
import Foundation
import Testing

/// `charter locales` against a loopback portal that picks the language as Django's
/// LocaleMiddleware does: the django_language cookie, then Accept-Language, else the
/// default (fr); it has no German page and falls back to French.
struct LocalesCommandTests {
    static let pages: [String: String] = [
        "fr": try! String(contentsOfFile: TestPaths.fixture("locale-fr.html", in: "CharterDiffTests").path, encoding: .utf8),
        "en": try! String(contentsOfFile: TestPaths.fixture("locale-en.html", in: "CharterDiffTests").path, encoding: .utf8),
    ]

    static func portal(_ request: TestRequest) -> TestResponse {
        guard request.path.hasPrefix("/pages/charte-cookies/") else { return TestResponse(status: 404) }
        let asked = request.cookie("django_language")
            ?? request.headers["accept-language"].map { String($0.prefix(2)) }
        let language = asked.flatMap { pages[$0] == nil ? nil : $0 } ?? "fr"
        return .html(pages[language]!, headers: [("Content-Language", language), ("Vary", "Cookie, Accept-Language")])
    }

    @Test func findsMissingUntranslatedFallbackAndCategoryMismatch() async throws {
        let server = try await TestHTTPServer.start(Self.portal)
        defer { Task { await server.stop() } }
        let result = try run(TestPaths.charterBinary, [
            "locales", "--format", "json", "--langs", "fr,en,de", server.baseURL + "/pages/charte-cookies/",
        ])
        #expect(result.status == 1)
        let report = try JSONValue.parse(Data(result.stdout.utf8))
        #expect(report["source"] == .string("fr"))
        guard case .array(let findings)? = report["findings"], case .array(let variants)? = report["variants"] else {
            Issue.record("no findings or variants in \(result.stdout)")
            return
        }
        func has(_ kind: String, _ language: String, _ cookie: String?) -> Bool {
            findings.contains {
                $0["kind"] == .string(kind) && $0["language"] == .string(language)
                    && (cookie.map { $0 } == nil || $0["cookie"] == .string(cookie!))
            }
        }
        #expect(has("missing", "en", "csrftoken"))
        #expect(has("untranslated", "en", "django_language"))
        #expect(has("category-mismatch", "en", "_pk_id"))
        #expect(has("served-language-mismatch", "de", nil))
        #expect(variants.count == 3)
        #expect(variants[2]["fallback"] == .bool(true))
        #expect(variants[2]["served"] == .string("fr"))
        #expect(!findings.contains { $0["language"] == .string("de") && $0["kind"] != .string("served-language-mismatch") })
    }

    @Test func templateURLsAndLanguagePairs() async throws {
        let server = try await TestHTTPServer.start { request in
            let language = request.path.split(separator: "/").first.map(String.init) ?? ""
            guard let page = Self.pages[language] else { return TestResponse(status: 404) }
            return .html(page)
        }
        defer { Task { await server.stop() } }
        let template = try run(TestPaths.charterBinary, ["locales", "--langs", "fr,en", server.baseURL + "/{lang}/cookies"])
        #expect(template.status == 1)
        #expect(template.stdout.contains("category-mismatch"))
        let fr = TestPaths.fixture("locale-fr.html", in: "CharterDiffTests").path
        let aligned = try run(TestPaths.charterBinary, ["locales", "fr=\(fr)", "fr-CA=\(fr)"])
        #expect(aligned.status == 0)
        #expect(aligned.stdout.contains("aligned"))
        let missing = try run(TestPaths.charterBinary, ["locales", "--langs", "fr,de", server.baseURL + "/{lang}/cookies"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("HTTP 404"))
    }

    @Test func badArgumentsExitTwo() throws {
        let fr = TestPaths.fixture("locale-fr.html", in: "CharterDiffTests").path
        let empty = TestPaths.fixture("not-cookie-tables.html", in: "CharterExtractTests").path
        let noTable = try run(TestPaths.charterBinary, ["locales", "en=\(empty)", "fr=\(fr)"])
        #expect(noTable.status == 2)
        #expect(noTable.stderr.contains("no cookie table in the en variant"))
        #expect(try run(TestPaths.charterBinary, ["locales", "--source", "de", "fr=\(fr)"]).status == 2)
        #expect(try run(TestPaths.charterBinary, ["locales", "page.html"]).status == 2)
        #expect(try run(TestPaths.charterBinary, ["locales", "--langs", "fr,en", "a.html", "b.html"]).status == 2)
    }
}
