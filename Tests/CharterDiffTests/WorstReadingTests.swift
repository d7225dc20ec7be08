import CharterDiff
import CharterModel
import Testing

/// Both sides of verdict safety on minimal pairs: a reading the page does not state, or
/// that the catalogue contradicts, is judged at its worst and flagged for review; a
/// reading the page states and nothing contradicts is judged as stated, without review.
struct WorstReadingTests {
    static func charter(_ cookies: [Cookie]) -> Charter {
        Charter(source: CharterSource(input: "test", format: .html, sha256: "0"), language: "en", cookies: cookies)
    }

    static func stated(_ source: Evidence.Source = .heading) -> Evidence { Evidence(category: source) }

    static let session = Cookie(
        name: "sessionid", provider: "Example", purpose: "Keeps you signed in.", category: .necessary, party: .first,
        evidence: stated())
    static let ga = Cookie(
        name: "_ga", provider: "Google", purpose: "Measures audience.", category: .statistics, party: .third,
        evidence: stated())

    static func diff(_ old: [Cookie], _ new: [Cookie]) -> VersionDiffResult {
        CharterDiffer().diff(charter(old), charter(new))
    }

    @Test func aCookieDeclaredNecessaryThatTheCatalogueKnowsAsAdvertisingIsReadAtItsWorst() {
        let added = Cookie(name: "_gcl_au", provider: "Google", category: .necessary, evidence: Self.stated(.column))
        let diff = Self.diff([Self.session, Self.ga], [Self.session, Self.ga, added])
        #expect(diff.verdict == .reconsent)
        #expect(diff.needsReview)
        #expect(diff.reviewReasons.first?.contains("declared necessary") == true, "\(diff.reviewReasons)")
    }

    @Test func aCookieWithNoCategoryIsReadAtItsWorstUnlessTheCatalogueKnowsItExempt() {
        let unknown = Self.diff([Self.session], [Self.session, Cookie(name: "zz_visitor", purpose: "Improves your visit.")])
        #expect(unknown.verdict == .reconsent)
        #expect(unknown.needsReview)
        // Hotjar's session cookie is "Functional" in the Open Cookie Database, which settles nothing.
        let hotjar = Self.diff([Self.session], [Self.session, Cookie(name: "_hjSessionUser_123", purpose: "Helps us.")])
        #expect(hotjar.verdict == .reconsent)
        // A known security cookie with no category on the page: exempt, but a person checks.
        let xsrf = Self.diff([Self.session], [Self.session, Cookie(name: "XSRF-TOKEN", purpose: "Protects forms.")])
        #expect(xsrf.verdict == .inform, "\(xsrf.findings.map(\.rule))")
        #expect(xsrf.needsReview)
    }

    @Test func aCategoryReadFromPurposeWordsIsJudgedButReviewed() {
        let added = Cookie(
            name: "zz_ads", provider: "Google", purpose: "Retargeting.", category: .marketing,
            evidence: Evidence(category: .purpose, notes: ["consent category “Optional”: category read from the purpose"]))
        let diff = Self.diff([Self.session, Self.ga], [Self.session, Self.ga, added])
        #expect(diff.verdict == .reconsent)
        #expect(diff.needsReview)
    }

    /// Class 3: a domain table states no provider; a new advertising domain is a new party.
    @Test func aNewDomainWithoutAProviderIsANewThirdParty() {
        let own = Cookie(name: "PHPSESSID", category: .necessary, domain: "shop.example", evidence: Self.stated(.column))
        let stats = Cookie(name: "zz_stats", category: .statistics, domain: ".shop.example", evidence: Self.stated(.column))
        let ads = Cookie(name: "zz_ads", category: .statistics, domain: ".adnetwork.test", evidence: Self.stated(.column))
        let diff = Self.diff([own, stats], [own, stats, ads])
        #expect(diff.findings.map(\.rule) == ["RC-NEW-THIRD-PARTY"])
        #expect(diff.verdict == .reconsent)
        // The same purpose on the site's own domain stays within what was disclosed.
        let same = Cookie(name: "zz_more", category: .statistics, domain: "www.shop.example", evidence: Self.stated(.column))
        #expect(Self.diff([own, stats], [own, stats, same]).verdict == .inform)
    }

    /// The over-call side: a stated, uncontradicted reading is judged as stated, unreviewed.
    @Test func aStatedReadingIsNotReviewed() {
        let csrf = Cookie(name: "csrftoken", provider: "Example", category: .necessary, party: .first, evidence: Self.stated())
        let exempt = Self.diff([Self.session], [Self.session, csrf])
        #expect(exempt.verdict == .inform)
        #expect(!exempt.needsReview, "\(exempt.reviewReasons)")
        let gid = Cookie(name: "_gid", provider: "Google", category: .statistics, party: .third, evidence: Self.stated())
        let sameScope = Self.diff([Self.session, Self.ga], [Self.session, Self.ga, gid])
        #expect(sameScope.verdict == .inform)
        #expect(!sameScope.needsReview)
    }

    @Test func aCategoryThatBecomesUnknownIsReadAtItsWorst() {
        var unknown = Self.ga
        unknown.category = .unclassified
        unknown.evidence = Evidence(notes: ["consent category “Optional”, purpose unclear"])
        let diff = Self.diff([Self.ga], [unknown])
        #expect(diff.verdict == .reconsent)
        #expect(diff.needsReview)
    }

    @Test(arguments: [
        ("Sent by e-mail.", "Sent by email."), ("Protects our sign-in form.", "Protects our sign in form."),
        ("Stores the cookie's value.", "Stores the cookies' value."), ("We analyse visits.", "We analyze visits."),
    ])
    func editorialChangesAreNone(_ old: String, _ new: String) {
        var before = Self.ga
        before.purpose = old
        var after = Self.ga
        after.purpose = new
        let diff = Self.diff([before], [after])
        #expect(diff.verdict == .none, "\(diff.findings.map(\.rule))")
        #expect(!diff.needsReview)
    }

    @Test func wordsThatOnlyMovedAreNotEditorial() {
        var before = Self.ga
        before.purpose = "Used for analytics, not for advertising."
        var after = Self.ga
        after.purpose = "Used for advertising, not for analytics."
        #expect(Self.diff([before], [after]).verdict != .none)
    }
}
