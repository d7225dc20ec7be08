import CharterDiff
import CharterLocales
import CharterModel
import CharterReport
import Foundation
import Testing

/// Issue 19: a report says exactly what it compares (defect 1), says so when it compares
/// two languages (defect 2), and its change table reads as legal needs it (defects 4, 5).
struct ReportIdentityTests {
    enum Format: String, CaseIterable, Sendable { case text, markdown, html, json }

    static func render(_ diff: VersionDiffResult, _ strings: ReportStrings, _ format: Format) -> String {
        switch format {
        case .text: DiffTextRenderer(strings: strings, colors: false).render(diff)
        case .markdown: DiffMarkdownRenderer(strings: strings).render(diff)
        case .html: DiffHTMLRenderer(strings: strings).render(diff)
        case .json: DiffJSONRenderer.render(diff)
        }
    }

    /// Two stored versions of one watched page: same input, each with its own URL and capture.
    static func storedPair(language: String = "en") throws -> (VersionDiffResult, ReportStrings) {
        var old = try DiffReportTests.charter("portal-v1.html")
        var new = try DiffReportTests.charter("portal-v2.html")
        old.source.input = "https://example.org/{lang}/cookies"
        new.source.input = "https://example.org/{lang}/cookies"
        old.source.url = "https://example.org/fr/cookies?v=1"
        new.source.url = "https://www.example.org/fr/cookies"
        old.source.fetchedAt = Date(timeIntervalSince1970: 1_790_000_000)
        new.source.fetchedAt = Date(timeIntervalSince1970: 1_796_000_000)
        let differ = CharterDiffer(reportLanguage: language)
        var diff = differ.diff(old, new)
        diff.old.stored = StoredVersionReference(source: "portal", language: "fr", number: 2, id: 17)
        diff.new.stored = StoredVersionReference(
            source: "portal", language: "fr", number: 3, id: 42,
            decision: RecordedDecision(decision: "approved", reviewer: "A. Martin", at: "2026-12-01T09:30:00Z"))
        diff.report = DiffReportTests.identity
        return (diff, differ.strings)
    }

    @Test(arguments: Format.allCases)
    func everyFormatSaysWhatItCompares(_ format: Format) throws {
        let (diff, strings) = try Self.storedPair()
        let report = Self.render(diff, strings, format)
        for needle in [
            "https://example.org/fr/cookies?v=1", "https://www.example.org/fr/cookies", "2026-09-21T",
            "2026-11-30T00:53:20Z",
            diff.old.contentSHA256, diff.new.contentSHA256, "1.0.0", "2026.12.1", "2026-12-07T00:00:00Z",
        ] {
            #expect(report.contains(needle), "\(format) lacks \(needle)")
        }
        #expect(diff.old.contentSHA256.count == 64)
        if format == .json {
            #expect(report.contains("\"number\" : 3") && report.contains("\"id\" : 42"))
            #expect(report.contains("\"title\" : \"Charte cookies\""))
            #expect(report.contains("\"reviewer\" : \"A. Martin\""))
        } else {
            let hash = format == .markdown ? "\\#" : "#"
            #expect(report.contains("portal@fr\(hash)2 (id 17)") && report.contains("portal@fr\(hash)3 (id 42)"))
            #expect(report.contains("\(diff.old.cookies) cookies") && report.contains("\(diff.new.cookies) cookies"))
            #expect(!report.contains("(\(diff.old.cookies))") && !report.contains("(\(diff.new.cookies))"))
            #expect(report.contains("Charte cookies"))
            #expect(report.contains("Language") && report.contains("Captured"))
            #expect(report.contains("approved by A. Martin (2026-12-01T09:30:00Z)") && report.contains("none yet"))
        }
    }

    @Test func aFileSideSaysItWasNotFetched() throws {
        let (diff, strings) = try DiffReportTests.diff("portal-v1.html", "portal-v2.html")
        let text = DiffTextRenderer(strings: strings, colors: false).render(diff)
        #expect(text.contains("not fetched (a file)"))
        #expect(text.contains("portal-v1.html") && text.contains("portal-v2.html"))
    }

    @Test(arguments: Format.allCases)
    func aDiffAcrossLanguagesSaysSoFirst(_ format: Format) throws {
        var (diff, strings) = try Self.storedPair()
        diff.new.language = "de"
        diff.report?.acrossLanguages = true
        let report = Self.render(diff, strings, format)
        switch format {
        case .text: #expect(report.hasPrefix("Across languages: the old version is in fr, the new one in de"))
        case .markdown: #expect(report.hasPrefix("**Across languages: the old version is in fr, the new one in de"))
        case .html:
            let main = try #require(report.range(of: "<main>"))
            let across = try #require(report.range(of: "<p class=\"across-languages\">"))
            let title = try #require(report.range(of: "<h1>"))
            #expect(main.upperBound < across.lowerBound && across.lowerBound < title.lowerBound)
        case .json: #expect(report.contains("\"acrossLanguages\" : true"))
        }
        diff.report?.acrossLanguages = false
        #expect(!Self.render(diff, strings, format).contains("Across languages"))
    }

    @Test func namesNeverBreakMidWord() throws {
        let (diff, strings) = try DiffReportTests.diff("portal-v1.html", "portal-v2.html")
        let html = DiffHTMLRenderer(strings: strings).render(diff)
        for change in diff.changes { #expect(html.contains("<code class=\"name\">\(change.cookie)</code>")) }
        #expect(html.contains("code.name { white-space: nowrap;"))
        #expect(
            !html.contains(
                "td { border: 1px solid #d0d5dc; padding: 4pt 5pt; vertical-align: top; text-align: left; overflow-wrap: anywhere"
            ))
        #expect(!html.contains("word-break: break-all"))
    }

    @Test(arguments: ["en", "fr"])
    func addedCookiesHaveLabelledDetails(_ language: String) throws {
        let (diff, strings) = try DiffReportTests.diff("portal-v1.html", "portal-v2.html", language: language)
        let added = try #require(diff.changes.first { $0.kind == .added && $0.new?.provider != nil })
        let text = DiffTextRenderer(strings: strings, colors: false).render(diff)
        #expect(text.contains("      \(strings.fieldLabel("category")): "))
        #expect(text.contains("      \(strings.fieldLabel("provider")): \(added.new?.provider ?? "")"))
        let html = DiffHTMLRenderer(strings: strings).render(diff)
        #expect(html.contains("<dl class=\"labelled\">") && html.contains("<dt>\(strings.fieldLabel("category"))</dt>"))
        let markdown = DiffMarkdownRenderer(strings: strings).render(diff)
        #expect(markdown.contains("\(strings.fieldLabel("provider")): **\(added.new?.provider ?? "")**"))
    }

    @Test func partyDomainAndInferredValuesAreLabelledAndMarked() throws {
        let old = Charter(
            source: CharterSource(input: "a", format: .html, sha256: "0"), language: "en",
            cookies: [
                Cookie(name: "sessionid", category: .necessary, evidence: Evidence(category: .column))
            ])
        var new = old
        new.cookies.append(
            Cookie(
                name: "ad_uid", provider: "AdNetwork SA", purpose: "Targeted ads", category: .marketing, party: .third,
                retention: Retention(text: "13 months"), domain: ".adnetwork.example",
                evidence: Evidence(category: .heading, party: nil, provider: .column, retention: .column)))
        let differ = CharterDiffer()
        let diff = differ.diff(old, new)
        let text = DiffTextRenderer(strings: differ.strings, colors: false).render(diff)
        #expect(text.contains("party: third (not stated by the page)"))
        #expect(text.contains("domain: .adnetwork.example"))
        #expect(text.contains("category: marketing\n"))
        #expect(text.contains("provider: AdNetwork SA\n"))
        let html = DiffHTMLRenderer(strings: differ.strings).render(diff)
        let compact = html.replacingOccurrences(of: ">\\s+<", with: "><", options: .regularExpression)
        #expect(
            compact.contains(
                "<dt>party</dt><dd><ins>third</ins><span class=\"inferred\"> (not stated by the page)</span></dd>"))
        let markdown = DiffMarkdownRenderer(strings: differ.strings).render(diff)
        #expect(markdown.contains("party: **third** _(not stated by the page)_"))
    }

    @Test func reasonsAreGroupedByRuleWithTheirCookies() throws {
        let old = Charter(
            source: CharterSource(input: "a", format: .html, sha256: "0"), language: "en",
            cookies: [
                Cookie(name: "sessionid", category: .necessary)
            ])
        var new = old
        for name in ["_ga", "_gid", "_gat"] {
            new.cookies.append(
                Cookie(name: name, provider: "Google", purpose: "Audience measurement", category: .statistics))
        }
        let differ = CharterDiffer()
        let diff = differ.diff(old, new)
        let rules = diff.findings.filter { !$0.audit }.map(\.rule)
        let repeated = try #require(Set(rules).first { rule in rules.filter { $0 == rule }.count == 3 })
        let explanation = try #require(diff.findings.first { $0.rule == repeated }?.explanation)
        let text = DiffTextRenderer(strings: differ.strings, colors: false).render(diff)
        #expect(text.components(separatedBy: explanation).count == 2, "one paragraph for \(repeated)")
        for name in ["_ga", "_gid", "_gat"] { #expect(text.contains("      - \(name) ")) }
        let html = DiffHTMLRenderer(strings: differ.strings).render(diff)
        #expect(html.components(separatedBy: "<p class=\"explanation\">\(explanation)</p>").count == 2)
        let markdown = DiffMarkdownRenderer(strings: differ.strings).render(diff)
        #expect(markdown.components(separatedBy: "`\(repeated)`").count == 2)
    }

    @Test func theWholeTableSideBySideFollowsTheChanges() throws {
        let (diff, strings) = try DiffReportTests.diff("portal-v1.html", "portal-v2.html")
        let html = DiffHTMLRenderer(strings: strings).render(diff)
        let changes = try #require(html.range(of: "<table class=\"changes\">"))
        let side = try #require(html.range(of: "<table class=\"side-by-side\">"))
        #expect(changes.upperBound < side.lowerBound)
        let names = Set(diff.oldCookies.map(\.name)).union(diff.newCookies.map(\.name))
        let table = String(html[side.lowerBound...].prefix { _ in true }).components(separatedBy: "</table>")[0]
        #expect(table.components(separatedBy: "<tr class=").count - 1 == names.count)
        #expect(table.contains("class=\"unchanged\"") && table.contains("class=\"change-added\""))
        let markdown = DiffMarkdownRenderer(strings: strings).render(diff)
        #expect(markdown.contains("## The whole cookie table, side by side"))
    }
}
