public import CharterLocales
public import CharterModel

/// Runs every change of a version diff through the named rules and gives the verdict:
/// the strongest finding that the change itself caused.
public struct ConsentRules: Sendable {
    public let profile: ConsentProfile
    public let purposes: PurposeVocabulary
    public let strings: ReportStrings

    public init(profile: ConsentProfile = .default, purposes: PurposeVocabulary, strings: ReportStrings) {
        self.profile = profile
        self.purposes = purposes
        self.strings = strings
    }

    public func evaluate(_ changes: [CookieChange], old: Charter, new: Charter) -> (changes: [CookieChange], findings: [Finding]) {
        let context = Context(old: old)
        var findings: [Finding] = []
        var evaluated: [CookieChange] = []
        for var change in changes {
            let found = evaluate(change, context)
            change.rules = found.map(\.rule)
            findings += found
            evaluated.append(change)
        }
        findings += audit(new)
        return (evaluated, findings)
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

        init(old: Charter) {
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
            switch cookie.category {
            case .necessary: return [finding("RC-NEW-EXEMPT-COOKIE", cookie.name, message)]
            case .unclassified: return [finding("RC-NEW-UNCLASSIFIED", cookie.name, message)]
            default:
                if let provider = cookie.provider.map(CookieMatching.bare), !context.providers.contains(provider),
                    cookie.party != .first
                {
                    return [finding("RC-NEW-THIRD-PARTY", cookie.name, message)]
                }
                if !context.categories.contains(cookie.category) {
                    return [finding("RC-NEW-PURPOSE", cookie.name, message)]
                }
                if let seconds = cookie.retention.flatMap(Self.seconds), seconds > context.longestRetention[cookie.category] ?? .max {
                    return [finding("RC-RETENTION-EXTENDED", cookie.name, message)]
                }
                return [finding("RC-NEW-COOKIE-SAME-SCOPE", cookie.name, message)]
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

    func fieldFindings(_ field: String, _ value: FieldChange, old: Cookie, new: Cookie, _ context: Context) -> [Finding] {
        let label = strings.fieldLabel(field)
        let message = strings.format(
            "message.field", ["cookie": new.name, "field": label, "old": value.old ?? "—", "new": value.new ?? "—"])
        func make(_ rule: String) -> [Finding] { [finding(rule, new.name, message)] }
        switch field {
        case "category":
            if old.category == .unclassified || new.category == .unclassified { return make("RC-CATEGORY-UNCLEAR") }
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
        charter.cookies.compactMap { cookie in
            guard cookie.category == .necessary, let purpose = cookie.purpose else { return nil }
            let normalized = LexiconText.normalize(purpose)
            guard !Self.consentStorageStems.contains(where: { normalized.contains($0) }) else { return nil }
            let words = purposes.consentPurposeWords(in: purpose)
            guard !words.isEmpty else { return nil }
            var result = finding(
                "RC-EXEMPT-MISCLASSIFIED", cookie.name,
                strings.format("message.misclassified", ["cookie": cookie.name, "words": words.sorted().joined(separator: ", ")]))
            result.audit = true
            return result
        }
    }

    /// Word stems that say a cookie records the user's consent choice.
    static let consentStorageStems = ["consent", "einwilligung", "zustimmung", "consenso", "toestemming"]

    func finding(_ id: String, _ cookie: String?, _ message: String) -> Finding {
        let rule = ConsentRuleBook.rule(id)
        return Finding(
            rule: id, verdict: rule.verdict(for: profile), cookie: cookie, message: message,
            explanation: strings["rule." + id], source: rule.source, needsReview: rule.needsReview, audit: false)
    }
}
