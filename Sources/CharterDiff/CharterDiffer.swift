public import CharterCatalogue
public import CharterLocales
public import CharterModel

/// Compares two versions of a charter and judges the changes: the one call a command
/// or the watch makes.
public struct CharterDiffer: Sendable {
    public let lexicons: LexiconSet
    public let purposes: PurposeVocabulary
    public let profile: ConsentProfile
    public let strings: ReportStrings
    public let catalogue: CookieCatalogue

    public init(
        lexicons: LexiconSet = .embedded, profile: ConsentProfile = .default, reportLanguage: String = "en",
        catalogue: CookieCatalogue = .embedded
    ) {
        self.lexicons = lexicons
        self.catalogue = catalogue
        self.purposes = PurposeVocabulary(lexicons)
        self.profile = profile
        self.strings = ReportStrings(lexicons: lexicons, language: reportLanguage)
    }

    public func diff(_ old: Charter, _ new: Charter) -> VersionDiffResult {
        let oldSummary = Self.summary(old)
        let newSummary = Self.summary(new)
        let (changes, prose) = oldSummary.contentSHA256 == newSummary.contentSHA256
            ? ([], []) : VersionDiff(lexicons: lexicons).changes(from: old, to: new)
        let parties = oldSummary.contentSHA256 == newSummary.contentSHA256 ? [] : Self.partyChanges(old, new)
        let rules = ConsentRules(profile: profile, purposes: purposes, strings: strings, catalogue: catalogue, lexicons: lexicons)
        let (judged, findings) = rules.evaluate(changes, parties: parties, old: old, new: new)
        let reasons = Self.reviewReasons(findings)
        return VersionDiffResult(
            verdict: ConsentRules.verdict(of: findings), profile: profile, old: oldSummary,
            new: newSummary, changes: judged, parties: parties, findings: findings, prose: prose,
            needsReview: !reasons.isEmpty, reviewReasons: reasons, oldCookies: old.cookies, newCookies: new.cookies)
    }

    /// One line per finding a person must read before acting on the verdict, in finding
    /// order, each said once: the reading it rests on where that is the reason, else the
    /// rule's own explanation. Audit findings (about the new version alone, not the
    /// change) do not set the verdict, so they are reported but do not count here.
    static func reviewReasons(_ findings: [Finding]) -> [String] {
        var seen: Set<String> = []
        return findings.filter { $0.needsReview && !$0.audit }.compactMap { finding in
            let reason = finding.reviewReason ?? finding.explanation
            let line = finding.cookie.map { "\($0): \(reason)" } ?? reason
            return seen.insert(line).inserted ? line : nil
        }
    }

    /// Parties matched by company ("Criteo SA" and "Criteo" are one): those only one side lists.
    static func partyChanges(_ old: Charter, _ new: Charter) -> [PartyChange] {
        let before = Set(old.parties.map { CookieCatalogue.company($0.name) })
        let after = Set(new.parties.map { CookieCatalogue.company($0.name) })
        return old.parties.filter { !after.contains(CookieCatalogue.company($0.name)) }.map { PartyChange(kind: .removed, party: $0) }
            + new.parties.filter { !before.contains(CookieCatalogue.company($0.name)) }.map { PartyChange(kind: .added, party: $0) }
    }

    static func summary(_ charter: Charter) -> VersionSummary {
        VersionSummary(
            input: charter.source.input, title: charter.title, language: charter.language,
            cookies: charter.cookies.count, contentSHA256: charter.contentSHA256, sha256: charter.source.sha256,
            url: charter.source.url, fetchedAt: charter.source.fetchedAt)
    }
}
