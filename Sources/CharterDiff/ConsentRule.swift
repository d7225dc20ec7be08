public import CharterModel

/// One named rule: what it concludes, under each profile, and the authority it rests on.
///
/// The rules and their sources come from `shared/research/reconsent-rules.md`; where
/// that note marks a verdict as an inference, the source says so.
public struct ConsentRule: Sendable, Hashable {
    public let id: String
    public let verdict: Verdict
    public let strictVerdict: Verdict
    public let source: String
    /// The diff alone cannot settle it: a person must read the change.
    public let needsReview: Bool

    public func verdict(for profile: ConsentProfile) -> Verdict {
        profile == .strict ? strictVerdict : verdict
    }

    init(_ id: String, _ verdict: Verdict, strict: Verdict? = nil, review: Bool = false, source: String) {
        self.id = id
        self.verdict = verdict
        self.strictVerdict = strict ?? verdict
        self.needsReview = review
        self.source = source
    }
}

/// Every rule charter applies, by id.
public enum ConsentRuleBook {
    static let edpb110 = "EDPB Guidelines 05/2020 on consent, para 110; WP29 WP260 rev.01 para 29"
    static let named = "EDPB Guidelines 05/2020 §3.3.1 and Example 7; CJEU C-673/17 Planet49"
    static let exemption = "WP29 Opinion 04/2012 on cookie consent exemption (WP194); ePrivacy Directive art. 5(3)"

    public static let all: [ConsentRule] = [
        ConsentRule("RC-NEW-PURPOSE", .reconsent, source: edpb110),
        ConsentRule("RC-NEW-THIRD-PARTY", .reconsent, source: named),
        ConsentRule("RC-NEW-COOKIE-SAME-SCOPE", .inform, strict: .reconsent,
                    source: "ePrivacy Directive art. 5(3); CJEU C-673/17 Planet49 (inference: no source addresses this case)"),
        ConsentRule("RC-NEW-EXEMPT-COOKIE", .inform, source: "CNIL recommendation 2020-092, art. 5"),
        // Worst plausible reading: a cookie the page gives no category may need consent.
        ConsentRule("RC-NEW-UNCLASSIFIED", .reconsent, review: true, source: "ePrivacy Directive art. 5(3) (worst plausible reading)"),
        ConsentRule("RC-COOKIE-REMOVED", .inform, source: "WP29 WP260 rev.01 para 29 (inference: processing is reduced)"),
        ConsentRule("RC-EXEMPT-TO-CONSENT", .reconsent, source: exemption),
        ConsentRule("RC-CONSENT-TO-EXEMPT", .inform, source: "WP194; CNIL recommendation 2020-092, art. 5"),
        ConsentRule("RC-CATEGORY-SWAP", .reconsent, source: edpb110),
        ConsentRule("RC-CATEGORY-UNCLEAR", .reconsent, review: true, source: exemption + " (worst plausible reading)"),
        ConsentRule("RC-FIRST-TO-THIRD-PARTY", .reconsent, source: named + "; WP194"),
        ConsentRule("RC-THIRD-TO-FIRST-PARTY", .inform, source: "inference (reconsent-rules.md E4)"),
        ConsentRule("RC-PROCESSOR-CHANGE", .inform, source: "EDPB Guidelines 05/2020 §3.3.1 (processors need not be named); GDPR art. 13(1)(e)"),
        ConsentRule("RC-PARTY-REMOVED", .inform, source: "WP29 WP260 rev.01 para 29 (inference: processing is reduced); TCF GVL deletedDate"),
        ConsentRule("RC-PROVIDER-CHANGED", .inform, source: "EDPB Guidelines 05/2020 §3.3.1 (processors need not be named)"),
        ConsentRule("RC-RETENTION-EXTENDED", .reconsent, source: "CJEU C-673/17 Planet49 (duration of the cookies); TCF v2.2"),
        ConsentRule("RC-RETENTION-EXTENDED-EXEMPT", .inform, strict: .reconsent, review: true, source: "WP194 (lifespan tied to purpose)"),
        ConsentRule("RC-RETENTION-SHORTENED", .inform, source: "inference: less intrusive processing"),
        ConsentRule("RC-RETENTION-UNCLEAR", .inform, strict: .reconsent, review: true, source: "CJEU C-673/17 Planet49"),
        ConsentRule("RC-PURPOSE-EDITORIAL", .none, source: "WP29 WP260 rev.01 para 29 (misspellings, stylistic flaws)"),
        ConsentRule("RC-PURPOSE-REVIEW", .inform, strict: .reconsent, review: true, source: edpb110),
        ConsentRule("RC-DETAILS-CHANGED", .inform, source: "WP29 WP260 rev.01 para 29"),
        ConsentRule("RC-TYPOGRAPHY", .none, source: "WP29 WP260 rev.01 para 29"),
        ConsentRule("RC-RENAME", .none, source: "inference (reconsent-rules.md E1: no source addresses renames)"),
        ConsentRule("RC-CATALOGUE-CONTRADICTS", .inform, strict: .reconsent, review: true,
                    source: exemption + "; Open Cookie Database (facts about the cookie, not the page)"),
        ConsentRule("RC-EXEMPT-MISCLASSIFIED", .inform, strict: .reconsent, review: true, source: exemption + " (multipurpose rule)"),
    ]

    public static func rule(_ id: String) -> ConsentRule {
        guard let rule = all.first(where: { $0.id == id }) else {
            preconditionFailure("unknown consent rule \(id)")
        }
        return rule
    }
}
