public import CharterModel

/// How much of the source one language variant carries: one row of the completeness
/// matrix (`charter locales --format html|markdown|json`).
public struct LanguageCompleteness: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable {
        /// The language the others are compared with.
        case source
        case compared
        /// The page was in another language than asked: nothing of it counts as translated.
        case notCompared = "not-compared"
    }

    public var language: String
    public var role: Role
    public var cookies: CompletenessCounts
    public var paragraphs: CompletenessCounts
    public var findings: SeverityCounts
}

/// Counts of one kind of unit (cookies, paragraphs) against the source's total.
///
/// `translated + stale + untranslated + missing == total`; `extra` counts the variant's
/// units with no counterpart in the source, outside the total.
public struct CompletenessCounts: Sendable, Hashable, Codable {
    public var total: Int
    public var translated: Int
    public var stale: Int
    public var untranslated: Int
    public var missing: Int
    public var extra: Int

    public init(total: Int, stale: Int = 0, untranslated: Int = 0, missing: Int = 0, extra: Int = 0) {
        let stale = min(stale, total)
        let untranslated = min(untranslated, total - stale)
        let missing = min(missing, total - stale - untranslated)
        self.total = total
        self.stale = stale
        self.untranslated = untranslated
        self.missing = missing
        self.translated = total - stale - untranslated - missing
        self.extra = extra
    }

    /// A count as a whole percentage of the total (rounded half up; 100 for translated
    /// of an empty total, 0 for the rest).
    public func percent(_ count: Int) -> Int {
        guard total > 0 else { return count == translated ? 100 : 0 }
        return (count * 200 + total) / (2 * total)
    }

    enum CodingKeys: String, CodingKey { case total, translated, stale, untranslated, missing, extra, percent }
    enum PercentKeys: String, CodingKey { case translated, stale, untranslated, missing }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            total: try c.decode(Int.self, forKey: .total), stale: try c.decode(Int.self, forKey: .stale),
            untranslated: try c.decode(Int.self, forKey: .untranslated),
            missing: try c.decode(Int.self, forKey: .missing),
            extra: try c.decode(Int.self, forKey: .extra))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(total, forKey: .total)
        try c.encode(translated, forKey: .translated)
        try c.encode(stale, forKey: .stale)
        try c.encode(untranslated, forKey: .untranslated)
        try c.encode(missing, forKey: .missing)
        try c.encode(extra, forKey: .extra)
        var p = c.nestedContainer(keyedBy: PercentKeys.self, forKey: .percent)
        try p.encode(percent(translated), forKey: .translated)
        try p.encode(percent(stale), forKey: .stale)
        try p.encode(percent(untranslated), forKey: .untranslated)
        try p.encode(percent(missing), forKey: .missing)
    }
}

/// Findings of one variant by severity.
public struct SeverityCounts: Sendable, Hashable, Codable {
    public var critical: Int
    public var functional: Int
    public var cosmetic: Int
}

extension LocaleAlign {
    /// The matrix rows, in the variants' order, from the findings already made.
    static func completeness(
        _ variants: [LocaleVariant], summaries: [VariantSummary], findings: [LocaleFinding], source: LocaleVariant?
    ) -> [LanguageCompleteness] {
        let sourceCookies = source?.charter.cookies.count ?? 0
        let sourceParagraphs = source?.charter.sections.reduce(0) { $0 + $1.paragraphs.count } ?? 0
        var byLanguage: [String: [LocaleFinding]] = [:]
        for finding in findings { byLanguage[finding.language, default: []].append(finding) }
        return zip(variants, summaries).map { variant, summary in
            let own = byLanguage[variant.requested] ?? []
            func count(_ severity: LocaleFinding.Severity) -> Int { own.filter { $0.severity == severity }.count }
            let severities = SeverityCounts(
                critical: count(.critical), functional: count(.functional), cosmetic: count(.cosmetic))
            func distinct(_ kinds: Set<LocaleFinding.Kind>, paragraphs: Bool) -> Set<String> {
                Set(
                    own.filter { kinds.contains($0.kind) && ($0.cookie == nil) == paragraphs }
                        .map { paragraphs ? ($0.target ?? $0.source ?? $0.message) : ($0.cookie ?? "") })
            }
            let wrongText: Set<LocaleFinding.Kind> = [.untranslated, .wrongLanguage]
            if variant.requested == source?.requested {
                let paragraphs = sourceParagraphs
                return LanguageCompleteness(
                    language: variant.requested, role: .source, cookies: CompletenessCounts(total: sourceCookies),
                    paragraphs: CompletenessCounts(
                        total: paragraphs, untranslated: distinct(wrongText, paragraphs: true).count),
                    findings: severities)
            }
            if own.contains(where: { $0.kind == .servedLanguageMismatch }) {
                // Another language's page: nothing of it is this language's text.
                let fallback = summary.fallback
                return LanguageCompleteness(
                    language: variant.requested, role: .notCompared,
                    cookies: CompletenessCounts(
                        total: sourceCookies, untranslated: fallback ? sourceCookies : 0,
                        missing: fallback ? 0 : sourceCookies),
                    paragraphs: CompletenessCounts(
                        total: sourceParagraphs, untranslated: fallback ? sourceParagraphs : 0,
                        missing: fallback ? 0 : sourceParagraphs),
                    findings: severities)
            }
            let untranslatedCookies = distinct(wrongText, paragraphs: false)
            let staleCookies = distinct([.stale], paragraphs: false).subtracting(untranslatedCookies)
            let cookies = CompletenessCounts(
                total: sourceCookies, stale: staleCookies.count, untranslated: untranslatedCookies.count,
                missing: own.filter { $0.kind == .missing }.count, extra: own.filter { $0.kind == .extra }.count)
            let paragraphs = CompletenessCounts(
                total: sourceParagraphs, stale: own.filter { $0.kind == .paragraphChanged }.count,
                untranslated: distinct(wrongText, paragraphs: true).count,
                missing: own.filter { $0.kind == .paragraphAdded }.count,
                extra: own.filter { $0.kind == .paragraphRemoved }.count)
            return LanguageCompleteness(
                language: variant.requested, role: .compared, cookies: cookies, paragraphs: paragraphs,
                findings: severities)
        }
    }
}
