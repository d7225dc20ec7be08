import CharterDiff
import CharterLocales
import CharterModel
import Testing

/// One minimal pair per rule: the smallest change that triggers it.
struct ConsentRuleTests {
    static func charter(_ cookies: [Cookie]) -> Charter {
        Charter(source: CharterSource(input: "test", format: .html, sha256: "0"), language: "en", cookies: cookies)
    }

    static let lexicon = CharterDiffer().lexicons
    static func retention(_ text: String) -> Retention { lexicon.retention(text) }

    static let session = Cookie(name: "sessionid", provider: "Example", purpose: "Keeps you signed in.", category: .necessary, party: .first)
    static let ga = Cookie(
        name: "_ga", provider: "Google", purpose: "Measures audience.", category: .statistics, party: .third,
        retention: retention("13 months"))

    static func with(_ cookie: Cookie, _ change: (inout Cookie) -> Void) -> Cookie {
        var copy = cookie
        change(&copy)
        return copy
    }

    struct Case: Sendable, CustomStringConvertible {
        let rule: String
        let old: [Cookie]
        let new: [Cookie]
        let verdict: Verdict
        let strict: Verdict
        var description: String { rule }
    }

    static let cases: [Case] = [
        Case(rule: "RC-NEW-PURPOSE", old: [session],
             new: [session, Cookie(name: "_pk_id", provider: "Example", category: .statistics, party: .first)],
             verdict: .reconsent, strict: .reconsent),
        Case(rule: "RC-NEW-THIRD-PARTY", old: [session, ga],
             new: [session, ga, Cookie(name: "IDE", provider: "AdCo", category: .statistics, party: .third)],
             verdict: .reconsent, strict: .reconsent),
        Case(rule: "RC-NEW-COOKIE-SAME-SCOPE", old: [session, ga],
             new: [session, ga, Cookie(name: "_gid", provider: "Google", category: .statistics, retention: retention("1 day"))],
             verdict: .inform, strict: .reconsent),
        Case(rule: "RC-NEW-EXEMPT-COOKIE", old: [session],
             new: [session, Cookie(name: "csrftoken", provider: "Example", category: .necessary)], verdict: .inform, strict: .inform),
        Case(rule: "RC-COOKIE-REMOVED", old: [session, ga], new: [session], verdict: .inform, strict: .inform),
        Case(rule: "RC-EXEMPT-TO-CONSENT", old: [session], new: [with(session) { $0.category = .statistics }],
             verdict: .reconsent, strict: .reconsent),
        Case(rule: "RC-CONSENT-TO-EXEMPT", old: [ga], new: [with(ga) { $0.category = .necessary }], verdict: .inform, strict: .inform),
        Case(rule: "RC-CATEGORY-SWAP", old: [ga], new: [with(ga) { $0.category = .marketing }], verdict: .reconsent, strict: .reconsent),
        Case(rule: "RC-FIRST-TO-THIRD-PARTY", old: [with(ga) { $0.party = .first }], new: [ga], verdict: .reconsent, strict: .reconsent),
        Case(rule: "RC-THIRD-TO-FIRST-PARTY", old: [ga], new: [with(ga) { $0.party = .first }], verdict: .inform, strict: .inform),
        Case(rule: "RC-RETENTION-EXTENDED", old: [ga], new: [with(ga) { $0.retention = retention("25 mois") }],
             verdict: .reconsent, strict: .reconsent),
        Case(rule: "RC-RETENTION-EXTENDED-EXEMPT", old: [with(session) { $0.retention = retention("session") }],
             new: [with(session) { $0.retention = retention("1 year") }], verdict: .inform, strict: .reconsent),
        Case(rule: "RC-RETENTION-SHORTENED", old: [ga], new: [with(ga) { $0.retention = retention("6 months") }],
             verdict: .inform, strict: .inform),
        Case(rule: "RC-PURPOSE-EDITORIAL", old: [ga], new: [with(ga) { $0.purpose = "Measures the audiance." }],
             verdict: .none, strict: .none),
        Case(rule: "RC-NEW-PURPOSE", old: [ga],
             new: [with(ga) { $0.purpose = "Measures audience and builds advertising profiles." }], verdict: .reconsent, strict: .reconsent),
        Case(rule: "RC-PURPOSE-REVIEW", old: [session], new: [with(session) { $0.purpose = "Remembers the chosen region." }],
             verdict: .inform, strict: .reconsent),
        Case(rule: "RC-PROVIDER-CHANGED", old: [ga, with(ga) { $0.name = "_gid"; $0.provider = "Matomo" }],
             new: [with(ga) { $0.provider = "Matomo" }, with(ga) { $0.name = "_gid"; $0.provider = "Matomo" }],
             verdict: .inform, strict: .inform),
        Case(rule: "RC-TYPOGRAPHY", old: [with(ga) { $0.provider = "Realytics*" }], new: [with(ga) { $0.provider = "Realytics**" }],
             verdict: .none, strict: .none),
        Case(rule: "RC-DETAILS-CHANGED", old: [with(ga) { $0.domain = "example.com" }],
             new: [with(ga) { $0.domain = "example.com example.org" }], verdict: .inform, strict: .inform),
        Case(rule: "RC-RENAME", old: [ga], new: [with(ga) { $0.name = "_ga_v2" }], verdict: .none, strict: .none),
        // Worst plausible reading: a cookie the page gives no category may need consent.
        Case(rule: "RC-NEW-UNCLASSIFIED", old: [session], new: [session, Cookie(name: "x", category: .unclassified)],
             verdict: .reconsent, strict: .reconsent),
    ]

    @Test(arguments: cases)
    func ruleFiresWithItsVerdict(_ test: Case) {
        for (profile, expected) in [(ConsentProfile.default, test.verdict), (.strict, test.strict)] {
            let diff = CharterDiffer(profile: profile).diff(Self.charter(test.old), Self.charter(test.new))
            #expect(diff.findings.contains { $0.rule == test.rule }, "\(profile): \(diff.findings.map(\.rule))")
            #expect(diff.verdict == expected, "\(profile)")
            let finding = diff.findings.first { $0.rule == test.rule }
            #expect(finding?.source.isEmpty == false)
            #expect(finding?.explanation.hasPrefix("rule.") == false)
        }
    }

    @Test func renameIsReportedWithItsEvidence() {
        let diff = CharterDiffer().diff(Self.charter([Self.ga]), Self.charter([Self.with(Self.ga) { $0.name = "_ga_v2" }]))
        #expect(diff.changes.count == 1)
        #expect(diff.changes[0].kind == .renamed)
        #expect(diff.changes[0].previousName == "_ga")
        #expect(diff.changes[0].evidence?.contains("same provider") == true)
    }

    @Test func categoryChangeIsAMove() {
        let diff = CharterDiffer().diff(Self.charter([Self.ga]), Self.charter([Self.with(Self.ga) { $0.category = .marketing }]))
        #expect(diff.changes.map(\.kind) == [.moved])
        #expect(diff.changes[0].fields["category"] == FieldChange(old: "statistics", new: "marketing"))
    }

    @Test(arguments: [("13 mois", "13 months"), ("2 Jahre", "2 years"), ("24 heures", "1 day"), ("Sitzung", "end of session")])
    func retentionIsComparedAsADuration(_ old: String, _ new: String) {
        let before = Self.with(Self.ga) { $0.retention = Self.retention(old) }
        let after = Self.with(Self.ga) { $0.retention = Self.retention(new) }
        let diff = CharterDiffer().diff(Self.charter([before]), Self.charter([after]))
        #expect(diff.changes.isEmpty)
        #expect(diff.verdict == .none)
    }

    @Test func reorderedRowsAreNoChange() {
        let diff = CharterDiffer().diff(Self.charter([Self.session, Self.ga]), Self.charter([Self.ga, Self.session]))
        #expect(diff.isUnchanged)
        #expect(diff.verdict == .none)
    }

    @Test func misclassifiedExemptCookieIsFlaggedEvenWithoutChange() {
        let cookie = Cookie(name: "track", provider: "Example", purpose: "Used for advertising and profiling.", category: .necessary)
        let diff = CharterDiffer().diff(Self.charter([cookie]), Self.charter([cookie]))
        #expect(diff.isUnchanged)
        #expect(diff.verdict == .none)
        #expect(diff.findings.map(\.rule) == ["RC-EXEMPT-MISCLASSIFIED"])
        #expect(diff.findings[0].audit && diff.findings[0].needsReview)
    }

    @Test func explanationsComeInTheReadersLanguage() {
        let diff = CharterDiffer(reportLanguage: "fr").diff(Self.charter([Self.session]), Self.charter([]))
        #expect(diff.findings[0].explanation.hasPrefix("Supprimer un cookie"))
        #expect(diff.findings[0].message == "sessionid a été supprimé.")
        let german = CharterDiffer(reportLanguage: "de").diff(Self.charter([Self.session]), Self.charter([]))
        #expect(german.findings[0].explanation.hasPrefix("Removing a cookie"))
    }

    @Test func wordDiffUsesTheStandardLibrary() {
        let runs = WordDiff.runs(from: "Measures audience on the site", to: "Measures the audience on our site")
        #expect(runs.map(\.operation) == [.equal, .insert, .equal, .delete, .insert, .equal])
    }
}
