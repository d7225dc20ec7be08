import CharterExtract
import CharterLocales
import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// Pages written blind, by helpers who had not read the rules (issue 15), one layout
/// class each, in three languages at least: cards and lists (`layouts/cards`), tables in
/// languages with no lexicon and durations in words (`layouts/languages`), per-cookie
/// values, labelled cells, count suffixes, Markdown names and component tables
/// (`layouts/cells`). Each folder's `expected.json` is the reading a person gives.
///
/// Every page is checked; the pages still read wrong are listed in `knownIssues` with
/// what goes wrong, so that the suite says what charter cannot read yet instead of
/// hiding it, and a fixed page fails the list until it is taken off.
struct LayoutFixtureTests {
    struct Expected: Decodable {
        struct Entry: Decodable {
            let name: String
            let category: String
            let provider: String?
            let party: String?
            let retention: String?
            let domain: String?
        }
        let language: String
        let `class`: String
        let cookies: [Entry]
    }

    static let folders = ["cards", "languages", "cells"]

    static func folder(_ name: String) -> URL { TestPaths.fixture("layouts/\(name)", in: "CharterExtractTests") }

    static let expected: [String: [String: Expected]] = {
        var all: [String: [String: Expected]] = [:]
        for name in folders {
            let url = folder(name).appendingPathComponent("expected.json")
            all[name] = (try? JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: url))) ?? [:]
        }
        return all
    }()

    static let pages: [String] = folders.flatMap { folder in (expected[folder] ?? [:]).keys.sorted().map { "\(folder)/\($0)" } }

    /// Pages read wrong today, and why. Taking one off is how a fix is recorded.
    static let knownIssues: [String: String] = [
        "cards/d-en-bullets.md": "a company named in prose (\"set by Hotjar\") is not read as the provider",
        "languages/el-table-category-first.html": "Greek category words: no lexicon (the category stays unclassified, the worst reading)",
        "languages/et-table-provider-first.html": "Estonian category words: no lexicon; with two short columns of names, the company column is not guessed",
        "languages/hr-table-party-column.html": "Croatian party words (\"prve strane\", \"treće strane\"): no lexicon",
        "languages/hu-table-domain-first.html": "Hungarian category and session words: no lexicon",
        "languages/lt-table-category-column.html": "Lithuanian category words: no lexicon; with two short columns of names, the company column is not guessed",
        "languages/lv-table-headings-multi-name.html": "Latvian category and duration words: no lexicon; with two short columns of names, the company column is not guessed",
        "cells/labelled-en-responsive.html": "a labelled cell (\"duration Persistent, 13 months\") is not also split into type and duration",
        "cells/suffix-it-cookiebot.html": "a consent manager's count after a company (\"Google 3\") is kept",
    ]

    @Test func everyClassHasPagesInThreeLanguages() {
        var languages: [String: Set<String>] = [:]
        for (folder, pages) in Self.expected {
            for page in pages.values { languages["\(folder)/\(page.class)", default: []].insert(page.language) }
        }
        #expect(languages.count >= 12, "\(languages.keys.sorted())")
        for (kind, set) in languages { #expect(set.count >= 3, "class \(kind): \(set.sorted())") }
    }

    /// Class 1 is read in languages no lexicon knows at test time.
    @Test func unknownLanguagePagesHaveNoLexicon() {
        let unknown = (Self.expected["languages"] ?? [:]).values.filter { $0.class == "unknown-language" }
        #expect(unknown.count >= 3)
        for page in unknown { #expect(LexiconSet.embedded.lexicons[page.language] == nil, "\(page.language) has a lexicon") }
    }

    @Test(arguments: pages)
    func readsThePageAsAPersonDoes(_ page: String) throws {
        let parts = page.split(separator: "/").map(String.init)
        let expected = try #require(Self.expected[parts[0]]?[parts[1]])
        let url = Self.folder(parts[0]).appendingPathComponent(parts[1])
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: [UInt8](Data(contentsOf: url)), name: url.path))
        let problems = Self.differences(charter.cookies, expected.cookies)
        if let reason = Self.knownIssues[page] {
            withKnownIssue(Comment(rawValue: reason)) { #expect(problems.isEmpty, "\(problems)") }
        } else {
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    /// What differs, field by field, compared as the corpus scorer does: names exactly,
    /// category and party exactly, provider without case, retention by its numbers and
    /// words, domain as text; a field the reader leaves out (null) is not checked.
    static func differences(_ found: [Cookie], _ expected: [Expected.Entry]) -> [String] {
        guard found.map(\.name) == expected.map(\.name) else {
            return ["names \(found.map(\.name)) != \(expected.map(\.name))"]
        }
        var problems: [String] = []
        for (cookie, entry) in zip(found, expected) {
            if cookie.category.rawValue != entry.category { problems.append("\(entry.name).category \(cookie.category) != \(entry.category)") }
            if let party = entry.party, cookie.party?.rawValue != party { problems.append("\(entry.name).party") }
            if let provider = entry.provider, cookie.provider?.lowercased() != provider.lowercased() {
                problems.append("\(entry.name).provider \(cookie.provider ?? "nil") != \(provider)")
            }
            if let retention = entry.retention, shape(of: cookie.retention?.text) != shape(of: retention) {
                problems.append("\(entry.name).retention \(cookie.retention?.text ?? "nil") != \(retention)")
            }
            if let domain = entry.domain, cookie.domain != domain { problems.append("\(entry.name).domain \(cookie.domain ?? "nil") != \(domain)") }
        }
        return problems
    }

    /// The numbers and words of a retention text, in order, without case or punctuation.
    static func shape(of text: String?) -> [String] {
        (text ?? "").lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}
