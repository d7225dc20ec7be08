public import CharterCatalogue
public import CharterLocales
public import CharterModel

/// Runs every change of a version diff through the named rules and gives the verdict:
/// the strongest finding that the change itself caused.
public struct ConsentRules: Sendable {
    /// The version of the rules (ids, verdicts, explanations, sources), printed in every
    /// report: bump it whenever a rule's verdict, wording or source changes, so that a
    /// signed report says which rules judged it.
    public static let version = "2026.12.1"

    public let profile: ConsentProfile
    public let purposes: PurposeVocabulary
    public let strings: ReportStrings
    /// Facts about well-known cookies: evidence against the page's reading, never the
    /// reading itself.
    public let catalogue: CookieCatalogue
    /// The purpose words of every lexicon, read as `CharterExtract` reads them.
    public let lexicons: LexiconSet

    public init(
        profile: ConsentProfile = .default, purposes: PurposeVocabulary, strings: ReportStrings,
        catalogue: CookieCatalogue = .embedded, lexicons: LexiconSet = .embedded
    ) {
        self.profile = profile
        self.purposes = purposes
        self.strings = strings
        self.catalogue = catalogue
        self.lexicons = lexicons
    }

    public func evaluate(
        _ changes: [CookieChange], parties: [PartyChange] = [], old: Charter, new: Charter
    ) -> (changes: [CookieChange], findings: [Finding]) {
        // The catalogue and domain keys of the old cookies are read only when a cookie
        // without a provider is added: a thousand catalogue lookups otherwise for nothing.
        let needsCatalogueKeys = changes.contains { $0.kind == .added && $0.new?.provider == nil }
        let context = Context(old: old, catalogue: needsCatalogueKeys ? catalogue : nil)
        var findings: [Finding] = []
        var evaluated: [CookieChange] = []
        for var change in changes {
            let found = evaluate(change, context)
            change.rules = found.map(\.rule)
            findings += found
            evaluated.append(change)
        }
        findings += parties.map { evaluate($0, context) }
        findings += audit(new)
        return (evaluated, findings)
    }

    /// A party added to the page's vendor or partner lists: a new controller relying on
    /// consent unless the old version named it (as a party or a cookie's provider), or
    /// the page says it serves only what is strictly necessary (a processor). Read at its
    /// worst when the page gives it no category.
    func evaluate(_ change: PartyChange, _ context: Context) -> Finding {
        let party = change.party
        let values = ["party": party.name, "category": party.category.rawValue]
        guard change.kind == .added else {
            return finding("RC-PARTY-REMOVED", nil, strings.format("message.partyRemoved", values))
        }
        let message = strings.format("message.partyAdded", values)
        if context.parties.contains(anyOf: [CookieCatalogue.company(party.name)]) {
            return finding("RC-PROVIDER-CHANGED", nil, message)
        }
        switch party.category {
        case .necessary: return finding("RC-PROCESSOR-CHANGE", nil, message)
        case .unclassified:
            return finding("RC-NEW-THIRD-PARTY", nil, message, review: "the page gives \(party.name) no purpose charter can read")
        default:
            let stated = party.evidence?.categoryIsStated ?? true
            return finding("RC-NEW-THIRD-PARTY", nil, message, review: stated ? nil : "category read from the purpose words")
        }
    }

    /// The overall verdict: the strongest finding caused by a change (audit findings
    /// about the new version alone are reported but do not set it).
    public static func verdict(of findings: [Finding]) -> Verdict {
        findings.filter { !$0.audit }.map(\.verdict).max() ?? .none
    }

    struct Context {
        let providers: Set<String>
        let categories: Set<CookieCategory>
        let longestRetention: [CookieCategory: Int64]
        let parties: DisclosedParties

        init(old: Charter, catalogue: CookieCatalogue?) {
            parties = DisclosedParties(old, catalogue: catalogue)
            providers = Set(old.cookies.compactMap { $0.provider.map(CookieMatching.bare) })
            categories = Set(old.cookies.map(\.category))
            var longest: [CookieCategory: Int64] = [:]
            for cookie in old.cookies {
                if let seconds = cookie.retention.flatMap(ConsentRules.seconds) {
                    longest[cookie.category] = max(longest[cookie.category] ?? 0, seconds)
                }
            }
            longestRetention = longest
        }
    }

    /// A session cookie lives 0 seconds for comparison; unparsed text has no duration.
    static func seconds(_ retention: Retention) -> Int64? {
        retention.session ? 0 : retention.seconds
    }

    func evaluate(_ change: CookieChange, _ context: Context) -> [Finding] {
        switch change.kind {
        case .added:
            guard let cookie = change.new else { return [] }
            let values = ["cookie": cookie.name, "category": cookie.category.rawValue]
            let message = strings.format("message.added", values)
            let reading = WorstReading(cookie, catalogue: catalogue)
            func make(_ rule: String, review: String? = reading.review) -> [Finding] {
                [finding(rule, cookie.name, message, review: review)]
            }
            switch reading.category {
            case .necessary: return make("RC-NEW-EXEMPT-COOKIE")
            case .unclassified: return make("RC-NEW-UNCLASSIFIED")
            default:
                let party = newParty(cookie, context)
                if cookie.party != .first, party.isNew {
                    let review = [reading.review, party.review].compactMap { $0 }
                    return make("RC-NEW-THIRD-PARTY", review: review.isEmpty ? nil : review.joined(separator: "; "))
                }
                if !context.categories.contains(reading.category) { return make("RC-NEW-PURPOSE") }
                if let seconds = cookie.retention.flatMap(Self.seconds), seconds > context.longestRetention[reading.category] ?? .max {
                    return make("RC-RETENTION-EXTENDED")
                }
                let unstatedParty = cookie.party == nil && cookie.provider == nil && cookie.domain == nil
                    ? "the page names no provider, party or domain for it: a new third party cannot be ruled out" : nil
                let review = [reading.review, unstatedParty].compactMap { $0 }
                return make("RC-NEW-COOKIE-SAME-SCOPE", review: review.isEmpty ? nil : review.joined(separator: "; "))
            }
        case .removed:
            return [finding("RC-COOKIE-REMOVED", change.cookie, strings.format("message.removed", ["cookie": change.cookie]))]
        case .renamed, .modified, .moved:
            var found: [Finding] = []
            if change.kind == .renamed {
                found.append(finding(
                    "RC-RENAME", change.cookie,
                    strings.format("message.renamed", ["cookie": change.cookie, "old": change.previousName ?? ""])))
            }
            guard let old = change.old, let new = change.new else { return found }
            for (field, value) in change.fields.sorted(by: { $0.key < $1.key }) where field != "name" {
                found += fieldFindings(field, value, old: old, new: new, context)
            }
            return found
        }
    }

    /// Whether an added consent cookie brings a party the old version did not name: by
    /// its provider where the page gives one, else by its catalogue company or its domain,
    /// which a person should then check.
    func newParty(_ cookie: Cookie, _ context: Context) -> (isNew: Bool, review: String?) {
        if let provider = cookie.provider {
            // Disclosed as a cookie's provider, or as a party of the old version's lists.
            let disclosed = context.providers.contains(CookieMatching.bare(provider))
                || context.parties.contains(anyOf: [CookieCatalogue.company(provider)])
            return (!disclosed, nil)
        }
        let keys = DisclosedParties.keys(of: cookie, catalogue: catalogue)
        guard !keys.isEmpty, !context.parties.contains(anyOf: keys) else { return (false, nil) }
        return (true, "the page names no provider; \(keys.sorted().joined(separator: ", ")) was not disclosed before")
    }

    func fieldFindings(_ field: String, _ value: FieldChange, old: Cookie, new: Cookie, _ context: Context) -> [Finding] {
        let label = strings.fieldLabel(field)
        let message = strings.format(
            "message.field", ["cookie": new.name, "field": label, "old": value.old ?? "—", "new": value.new ?? "—"])
        func make(_ rule: String) -> [Finding] { [finding(rule, new.name, message)] }
        switch field {
        case "category":
            if old.category == .unclassified || new.category == .unclassified {
                // Worst plausible reading: an unknown category may be any consent category.
                let reading = WorstReading(new, catalogue: catalogue)
                if reading.category == .necessary {
                    return [finding("RC-CONSENT-TO-EXEMPT", new.name, message, review: reading.review ?? "the old category was unknown")]
                }
                return [finding("RC-CATEGORY-UNCLEAR", new.name, message, review: reading.review)]
            }
            if old.category == .necessary { return make("RC-EXEMPT-TO-CONSENT") }
            if new.category == .necessary { return make("RC-CONSENT-TO-EXEMPT") }
            return make("RC-CATEGORY-SWAP")
        case "party":
            if old.party == .first, new.party == .third { return make("RC-FIRST-TO-THIRD-PARTY") }
            if old.party == .third, new.party == .first { return make("RC-THIRD-TO-FIRST-PARTY") }
            return make("RC-DETAILS-CHANGED")
        case "provider":
            let before = old.provider.map(CookieMatching.bare)
            let after = new.provider.map(CookieMatching.bare)
            if before == after { return make("RC-TYPOGRAPHY") }
            if let after, !context.providers.contains(after), new.category.needsConsent { return make("RC-NEW-THIRD-PARTY") }
            return make("RC-PROVIDER-CHANGED")
        case "retention":
            guard let before = old.retention.flatMap(Self.seconds), let after = new.retention.flatMap(Self.seconds) else {
                return make(old.retention == nil ? "RC-DETAILS-CHANGED" : "RC-RETENTION-UNCLEAR")
            }
            if after > before {
                return make(new.category == .necessary ? "RC-RETENTION-EXTENDED-EXEMPT" : "RC-RETENTION-EXTENDED")
            }
            return make("RC-RETENTION-SHORTENED")
        case "purpose":
            switch purposes.classifyPurposeChange(from: old.purpose ?? "", to: new.purpose ?? "", runs: value.words) {
            case .editorial: return make("RC-PURPOSE-EDITORIAL")
            case .broadened(let words):
                let broadened = strings.format("message.broadened", ["cookie": new.name, "words": words.joined(separator: ", ")])
                return [finding(new.category == .necessary ? "RC-EXEMPT-TO-CONSENT" : "RC-NEW-PURPOSE", new.name, broadened)]
            case .needsReview: return make("RC-PURPOSE-REVIEW")
            }
        default:
            let normalized = { (text: String?) in LexiconText.normalize(text ?? "") }
            if WordDiff.equalIgnoringWhitespace(normalized(value.old), normalized(value.new)) { return make("RC-TYPOGRAPHY") }
            return make("RC-DETAILS-CHANGED")
        }
    }

    /// Cookies of the new version declared strictly necessary whose purpose names a
    /// purpose that needs consent: flagged even when nothing changed. Cookies that store
    /// the consent choice itself are exempt, whatever consent they mention.
    func audit(_ charter: Charter) -> [Finding] {
        let contradicted = charter.cookies.compactMap { cookie -> Finding? in
            guard let contradiction = catalogue.contradiction(of: cookie) else { return nil }
            var result = finding(
                "RC-CATALOGUE-CONTRADICTS", cookie.name, cookie.name + ": " + contradiction, review: contradiction)
            result.audit = true
            return result
        }
        return contradicted + charter.cookies.compactMap { cookie in
            guard cookie.category == .necessary, let purpose = cookie.purpose else { return nil }
            let normalized = LexiconText.normalize(purpose)
            guard !Self.consentStorageStems.contains(where: { normalized.contains($0) }) else { return nil }
            let words = purposes.consentPurposeWords(in: purpose)
            // "cross-site request forgery" is protection, though it says "cross-site": the
            // purpose must name a consent category once longer phrases have hidden shorter ones.
            guard !words.isEmpty, lexicons.category(inPurpose: purpose, allowingNecessary: false) != nil else { return nil }
            var result = finding(
                "RC-EXEMPT-MISCLASSIFIED", cookie.name,
                strings.format("message.misclassified", ["cookie": cookie.name, "words": words.sorted().joined(separator: ", ")]))
            result.audit = true
            return result
        }
    }

    /// Word stems that say a cookie records the user's consent choice.
    static let consentStorageStems = ["consent", "einwilligung", "zustimmung", "consenso", "toestemming"]

    /// A rule's finding; `review` says why the reading it rests on needs a person even
    /// where the rule itself does not.
    func finding(_ id: String, _ cookie: String?, _ message: String, review: String? = nil) -> Finding {
        let rule = ConsentRuleBook.rule(id)
        return Finding(
            rule: id, verdict: rule.verdict(for: profile), cookie: cookie, message: message,
            explanation: strings["rule." + id], source: rule.source, needsReview: rule.needsReview || review != nil,
            reviewReason: review, audit: false)
    }
}
