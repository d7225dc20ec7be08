import CharterCatalogue
import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// Lookups in the embedded Open Cookie Database copy, by names as pages write them.
struct EmbeddedCatalogueTests {
    let catalogue = CookieCatalogue.embedded

    @Test func holdsTheWholeDatabase() {
        #expect(catalogue.count >= 2_000)
        #expect(catalogue.count == catalogue.entries.count)
    }

    /// (name on the page, catalogue name, match kind, category)
    @Test(arguments: [
        ("_ga", "_ga", CatalogueEntry.Match.exact, CatalogueCategory.analytics),
        ("_gid", "_gid", .exact, .analytics),
        ("_ga_ABC123", "_ga_", .prefix, .analytics),
        ("_ga_*", "_ga_", .prefix, .analytics),
        ("_ga_<container-id>", "_ga_", .prefix, .analytics),
        ("_ga_XXXXXXX", "_ga_", .prefix, .analytics),
        ("_gat_UA-12345-1", "_gat", .prefix, .analytics),
        ("_gat_gtag_UA_12345_1", "_gat_gtag_", .prefix, .analytics),
        ("_gcl_au", "_gcl_au", .exact, .marketing),
        ("IDE", "IDE", .exact, .marketing),
        ("_fbp", "_fbp", .exact, .marketing),
        ("__cf_bm", "__cf_bm", .exact, .functional),
        ("PHPSESSID", "PHPSESSID", .exact, .functional),
        ("JSESSIONID", "JSESSIONID", .prefix, .functional),
        ("_hjSessionUser_123", "_hjSessionUser_", .prefix, .functional),
        ("_hjSession_*", "_hjSession_", .prefix, .functional),
        // The database has both "_pk_id" (Matomo) and "_pk_id." (Piwik): the longer wins.
        ("_pk_id.*", "_pk_id.", .prefix, .analytics),
        ("_pk_id.1.1fff", "_pk_id.", .prefix, .analytics),
        ("_pk_id", "_pk_id", .prefix, .analytics),
        ("AMCV_###", "AMCV_", .prefix, .marketing),
        ("  _ga\t", "_ga", .exact, .analytics),
        ("_GA", "_ga", .exact, .analytics),
        ("_GA_ABC123", "_ga_", .prefix, .analytics),
        ("A", "A", .exact, .marketing),
        ("AMP_TOKEN", "AMP_TOKEN", .exact, .analytics),
        ("SSPR_12", "SSPR_*", .exact, .marketing),
        ("logglytrackings\u{AD}ession", "logglytrackings\u{AD}ession", .exact, .functional),
    ])
    func findsTheEntry(
        pageName: String, name: String, match: CatalogueEntry.Match, category: CatalogueCategory
    ) throws {
        let entry = try #require(catalogue.entry(for: pageName), "\(pageName.debugDescription) not found")
        #expect(entry.name == name)
        #expect(entry.match == match)
        #expect(entry.category == category)
    }

    @Test func keepsTheFacts() throws {
        let ga = try #require(catalogue.entry(for: "_ga"))
        #expect(ga == CatalogueEntry(
            name: "_ga", match: .exact, platform: "Google Analytics", controller: "Google", category: .analytics,
            retention: "2 years"))
        // An empty cell is "not given", not an empty string.
        #expect(try #require(catalogue.entry(for: "_hjLocalStorageTest")).retention == nil)
        #expect(try #require(catalogue.entry(for: "XSRF-TOKEN")).controller == nil)
    }

    @Test(arguments: [
        "a-cookie-no-one-has-heard-of", "", "   ", "_g*", "_g", "x", "SRabc", "tp123", "barometric[unknown]",
    ])
    func findsNothing(pageName: String) {
        #expect(catalogue.entry(for: pageName) == nil, "\(pageName.debugDescription) matched")
    }

    @Test func entriesAreSortedAndUnique() {
        let keys = catalogue.entries.map { "\($0.name)\u{0}\($0.match)" }
        #expect(Set(keys).count == keys.count)
        #expect(zip(catalogue.entries, catalogue.entries.dropFirst()).allSatisfy { lhs, rhs in
            lhs.name.unicodeScalars.lexicographicallyPrecedes(rhs.name.unicodeScalars)
                || (lhs.name == rhs.name && lhs.match == .exact)
        })
    }
}

/// The lookup rules, on catalogues small enough to see why each answer is right.
struct CatalogueLookupTests {
    static func entry(_ name: String, _ match: CatalogueEntry.Match, _ category: CatalogueCategory = .marketing)
        -> CatalogueEntry
    {
        CatalogueEntry(name: name, match: match, platform: name, controller: nil, category: category, retention: nil)
    }

    @Test func takesTheLongestPrefix() {
        let catalogue = CookieCatalogue(entries: [
            Self.entry("abc", .prefix), Self.entry("abcdef", .prefix), Self.entry("abcd", .prefix),
        ])
        #expect(catalogue.entry(for: "abcdefg")?.name == "abcdef")
        #expect(catalogue.entry(for: "abcde")?.name == "abcd")
        #expect(catalogue.entry(for: "abc")?.name == "abc")
        #expect(catalogue.entry(for: "ab") == nil)
    }

    @Test func anExactEntryWinsOverAPrefixOfAnotherCookie() {
        let catalogue = CookieCatalogue(entries: [
            Self.entry("sess", .prefix, .marketing), Self.entry("session_id", .exact, .functional),
        ])
        #expect(catalogue.entry(for: "session_id")?.category == .functional)
        #expect(catalogue.entry(for: "SESSION_ID")?.category == .functional)
        #expect(catalogue.entry(for: "session_id2")?.category == .marketing)
    }

    @Test func ignoresPrefixesShorterThanThreeCharacters() {
        let catalogue = CookieCatalogue(entries: [Self.entry("ab", .prefix), Self.entry("x", .exact)])
        #expect(catalogue.entry(for: "abc") == nil)
        #expect(catalogue.entry(for: "ab") == nil)
        #expect(catalogue.entry(for: "x")?.name == "x")
        // A page's pattern cut to under three characters names nothing.
        #expect(catalogue.entry(for: "x*") == nil)
    }

    @Test func matchesAnotherLetterCaseOnlyWhenThatPicksOneCookie() {
        let catalogue = CookieCatalogue(entries: [
            Self.entry("lang", .exact), Self.entry("LANG", .exact), Self.entry("token", .exact),
        ])
        #expect(catalogue.entry(for: "lang")?.name == "lang")
        #expect(catalogue.entry(for: "LANG")?.name == "LANG")
        #expect(catalogue.entry(for: "Lang") == nil)
        #expect(catalogue.entry(for: "Token")?.name == "token")
    }

    @Test func cutsPagePatternsAtTheirFirstPlaceholder() {
        let catalogue = CookieCatalogue(entries: [Self.entry("wp_user", .exact), Self.entry("wp_", .prefix)])
        for name in ["wp_user*", "wp_user<id>", "wp_user{id}", "wp_user[id]", "wp_user#"] {
            #expect(catalogue.entry(for: name)?.name == "wp_user", "\(name)")
        }
        #expect(catalogue.entry(for: "wp_other_*")?.name == "wp_")
    }

    @Test func keepsTheFirstOfTheSameNameAndMatch() {
        let catalogue = CookieCatalogue(entries: [
            Self.entry("token", .exact, .marketing), Self.entry("token", .exact, .functional),
            Self.entry("token", .prefix, .analytics),
        ])
        #expect(catalogue.count == 2)
        #expect(catalogue.entry(for: "token")?.category == .marketing)
        #expect(catalogue.entry(for: "token2")?.category == .analytics)
    }
}

struct CatalogueCategoryTests {
    @Test func mapsToTheProjectsCategories() {
        let expected: [CatalogueCategory: CookieCategory] = [
            .necessary: .necessary, .security: .necessary, .functional: .necessary,
            .personalization: .preferences, .analytics: .statistics, .marketing: .marketing,
        ]
        for category in CatalogueCategory.allCases {
            #expect(category.cookieCategory == expected[category], "\(category)")
        }
    }

    @Test func needsConsentForAnalyticsMarketingAndPersonalization() {
        let needing = CatalogueCategory.allCases.filter(\.needsConsent)
        #expect(Set(needing) == [.analytics, .marketing, .personalization])
        // Agrees with the project's own rule wherever the mapping is not a guess.
        for category in CatalogueCategory.allCases where !category.isAmbiguous {
            #expect(category.needsConsent == category.cookieCategory.needsConsent, "\(category)")
        }
        #expect(CatalogueCategory.allCases.filter(\.isAmbiguous) == [.functional])
    }
}

/// The reader for a downloaded Open Cookie Database CSV (`--catalogue FILE`).
struct OpenCookieDatabaseCSVTests {
    static let header =
        "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,"
        + "User Privacy & GDPR Rights Portals,Wildcard match"

    static func read(_ text: String) throws(CatalogueError) -> CookieCatalogue {
        try CookieCatalogue(openCookieDatabaseCSV: Array(text.utf8))
    }

    static func error(_ bytes: [UInt8]) -> CatalogueError? {
        do {
            _ = try CookieCatalogue(openCookieDatabaseCSV: bytes)
            return nil
        } catch {
            return error
        }
    }

    static func error(_ text: String) -> CatalogueError? { error(Array(text.utf8)) }

    @Test func readsTheDatabaseLayout() throws {
        let catalogue = try Self.read("""
            \(Self.header)
            1,Google Analytics,Analytics,_ga,,Some description,2 years,Google,https://example.com,0
            2,Google Analytics,Analytics,_ga_,,Another one,2 years,Google,https://example.com,1

            """)
        #expect(catalogue.count == 2)
        #expect(catalogue.entry(for: "_ga") == CatalogueEntry(
            name: "_ga", match: .exact, platform: "Google Analytics", controller: "Google", category: .analytics,
            retention: "2 years"))
        #expect(catalogue.entry(for: "_ga_XYZ")?.match == .prefix)
    }

    @Test func findsColumnsByNameInAnyOrderAndCase() throws {
        let catalogue = try Self.read("""
            WILDCARD MATCH,category,cookie / data key name,platform
            1,MARKETING,  AMCV_ ,Adobe
            0,functional,PHPSESSID,PHP.net
            """)
        let amcv = try #require(catalogue.entry(for: "AMCV_123"))
        #expect(amcv == CatalogueEntry(
            name: "AMCV_", match: .prefix, platform: "Adobe", controller: nil, category: .marketing, retention: nil))
        #expect(catalogue.entry(for: "PHPSESSID")?.category == .functional)
    }

    @Test func readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let catalogue = try Self.read(#"""
            Platform,Description,Category,Cookie / Data Key name,Data Controller,Wildcard match,Retention period
            "Acme, Inc.","Says ""hello"",
            over two lines",Marketing,"acme_id","Acme ""Global""",0,"1 year"
            Beta,,Analytics,beta,,0,
            """#)
        let acme = try #require(catalogue.entry(for: "acme_id"))
        #expect(acme.platform == "Acme, Inc.")
        #expect(acme.controller == "Acme \"Global\"")
        #expect(acme.retention == "1 year")
        let beta = try #require(catalogue.entry(for: "beta"))
        #expect(beta.controller == nil && beta.retention == nil)
    }

    @Test func readsCRLFAndAByteOrderMark() throws {
        let text = "\u{FEFF}Platform,Category,Cookie / Data Key name,Wildcard match\r\nA,Analytics,a_one,0\r\n"
            + "B,\"Marketing\",\"b\r\ntwo\",0\r\n\r\nC,Necessary,c_three,0"
        let catalogue = try Self.read(text)
        #expect(catalogue.count == 3)
        #expect(catalogue.entry(for: "a_one")?.platform == "A")
        #expect(catalogue.entry(for: "b\r\ntwo")?.category == .marketing)
        #expect(catalogue.entry(for: "c_three")?.category == .necessary)
    }

    @Test func skipsRowsWithoutAName() throws {
        let catalogue = try Self.read("Platform,Category,Cookie / Data Key name,Wildcard match\nA,Analytics, ,0\n")
        #expect(catalogue.count == 0)
    }

    @Test(arguments: ["Cookie / Data Key name", "Platform", "Category", "Wildcard match"])
    func namesAMissingColumn(column: String) {
        let columns = ["Platform", "Category", "Cookie / Data Key name", "Wildcard match"].filter { $0 != column }
        let error = Self.error(columns.joined(separator: ",") + "\nx,Analytics,y\n")
        #expect(error == CatalogueError(line: 1, "missing column \"\(column)\""))
        #expect(error?.description == "line 1: missing column \"\(column)\"")
    }

    @Test func givesTheLineOfAShortRow() {
        let error = Self.error(#"""
            Platform,Category,Cookie / Data Key name,Wildcard match
            A,Analytics,"two
            lines",0
            B,Marketing,b
            """#)
        #expect(error?.description == "line 4: expected 4 fields, found 3")
    }

    @Test func givesTheLineOfALongRow() {
        let error = Self.error("Platform,Category,Cookie / Data Key name,Wildcard match\nA,Analytics,a,0,extra\n")
        #expect(error?.description == "line 2: expected 4 fields, found 5")
    }

    @Test func rejectsInvalidUTF8() {
        var bytes = Array("Platform,Category,Cookie / Data Key name,Wildcard match\nA,Analytics,caf".utf8)
        bytes += [0xC3, 0x28]  // A lead byte without its continuation.
        bytes += Array(",0\n".utf8)
        #expect(Self.error(bytes)?.description == "line 2: invalid UTF-8")
        #expect(Self.error([0xFF, 0xFE])?.description == "line 1: invalid UTF-8")
    }

    @Test func namesAnUnknownCategory() {
        let error = Self.error("Platform,Category,Cookie / Data Key name,Wildcard match\nA,Analytics,a,0\nB,Tracking,b,0\n")
        #expect(error?.description == "line 3: unknown category \"Tracking\"")
    }

    @Test func namesAnUnknownWildcardValue() {
        let error = Self.error("Platform,Category,Cookie / Data Key name,Wildcard match\nA,Analytics,a,yes\n")
        #expect(error?.description == "line 2: unknown wildcard match \"yes\"")
    }

    @Test func rejectsBrokenQuoting() {
        let header = "Platform,Category,Cookie / Data Key name,Wildcard match\n"
        #expect(Self.error(header + "A,Analytics,\"a,0\n")?.description == "line 2: a quoted field is never closed")
        #expect(Self.error(header + "A,Analytics,\"a\"b,0\n")?.description == "line 2: text after a closing quote")
    }

    @Test func rejectsAnEmptyFile() {
        #expect(Self.error("")?.description == "no header line")
        #expect(Self.error("\n\n")?.description == "no header line")
    }
}

/// The real database the embedded copy was made from, when the corpus is at hand.
@Suite(.enabled(if: TestPaths.corpus != nil, "skipped: no corpus at CHARTER_CORPUS or ../shared/corpus"))
struct RealDatabaseTests {
    static let fileName = "open-cookie-database__catalogue__en__2026-01-21__f62992b6.csv"

    @Test func readingTheCSVGivesTheEmbeddedEntries() throws {
        let file = try #require(TestPaths.corpus).appendingPathComponent("pages/\(Self.fileName)")
        guard FileManager.default.fileExists(atPath: file.path) else {
            print("skipped: \(file.path) is not there")
            return
        }
        let catalogue = try CookieCatalogue(openCookieDatabaseCSV: [UInt8](Data(contentsOf: file)))
        #expect(catalogue.count == CookieCatalogue.embedded.count)
        // Not only as many: the same facts, so the generator and this reader agree on every
        // rule (trimming, escaping, duplicates, order).
        let firstDifference = zip(catalogue.entries, CookieCatalogue.embedded.entries).first { $0 != $1 }
            .map { "read \($0) ≠ embedded \($1)" }
        #expect(firstDifference == nil, "run Scripts/make-catalogue.py on \(Self.fileName)")
    }
}
