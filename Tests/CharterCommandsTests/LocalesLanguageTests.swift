import CharterTestSupport
import Foundation
import Testing

/// Issue 18, defect 9 and the completeness matrix: `charter locales --lang` compares only
/// that language with the source, or refuses a language it was not given; json, markdown
/// and html carry the matrix.
struct LocalesLanguageTests {
    static func page(_ name: String) -> String {
        TestPaths.fixture("translators/policy-\(name).html", in: "CharterDiffTests").path
    }

    static let inputs = ["fr=\(page("fr"))", "en=\(page("en"))", "de=\(page("de"))"]

    @Test func langRestrictsTheComparisonToThatLanguage() throws {
        let result = try run(TestPaths.charterBinary, ["locales", "--format", "json", "--lang", "de"] + Self.inputs)
        #expect(result.status == 1)
        let report = try JSONValue.parse(Data(result.stdout.utf8))
        guard case .array(let variants)? = report["variants"], case .array(let rows)? = report["completeness"],
            case .array(let findings)? = report["findings"]
        else {
            Issue.record("no variants, completeness or findings in \(result.stdout)")
            return
        }
        #expect(variants.map { $0["requested"] } == [.string("fr"), .string("de")])
        #expect(rows.map { $0["language"] } == [.string("fr"), .string("de")])
        #expect(!findings.contains { $0["language"] == .string("en") })
        #expect(findings.contains { $0["kind"] == .string("missing") && $0["language"] == .string("de") })
    }

    @Test func langWorksWithOneURLAndLangs() async throws {
        let server = try await TestHTTPServer.start { request in
            let language = request.path.split(separator: "/").first.map(String.init) ?? ""
            guard ["fr", "en", "de"].contains(language),
                let page = try? String(contentsOfFile: Self.page(language), encoding: .utf8)
            else { return TestResponse(status: 404) }
            return .html(page)
        }
        defer { Task { await server.stop() } }
        let result = try run(
            TestPaths.charterBinary,
            [
                "locales", "--lang", "en", "--langs", "fr,en,de", server.baseURL + "/{lang}/cookies",
            ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("  en: served"))
        #expect(!result.stdout.contains("  de: served"))
        #expect(!result.stdout.contains("(de)"))
    }

    @Test(arguments: [
        ("it", "--lang it is not one of the languages compared (fr, en, de)"), ("fr", "it is the source"),
    ])
    func aLanguageNotComparedIsRefused(_ lang: String, _ message: String) throws {
        let result = try run(TestPaths.charterBinary, ["locales", "--lang", lang] + Self.inputs)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: ["json", "markdown", "html"])
    func everyReportFormatCarriesTheMatrix(_ format: String) throws {
        let result = try run(TestPaths.charterBinary, ["locales", "--format", format] + Self.inputs)
        #expect(result.status == 1)
        #expect(result.stdout.contains(format == "json" ? "\"completeness\"" : "Completeness"))
        #expect(result.stdout.contains("paragraph-added"))
        #expect(result.stdout.contains("wrong-language"))
    }
}
