public import CharterModel

/// One language variant of a charter, as asked for.
public struct LocaleVariant: Sendable {
    /// The language that was asked for.
    public var requested: String
    public var charter: Charter

    public init(requested: String, charter: Charter) {
        self.requested = requested
        self.charter = charter
    }
}

/// What one variant is, beside what was asked.
public struct VariantSummary: Sendable, Hashable, Codable {
    public var requested: String
    /// `Content-Language`, else `<html lang>`.
    public var served: String?
    /// The language of the text itself.
    public var detected: String?
    /// The site answered with another language's page (usually its default).
    public var fallback: Bool
    public var input: String
    public var cookies: Int
}

/// A disagreement between a variant and the source language.
public struct LocaleFinding: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case missing, extra
        case categoryMismatch = "category-mismatch"
        case partyMismatch = "party-mismatch"
        case retentionMismatch = "retention-mismatch"
        case numberMismatch = "number-mismatch"
        case untranslated, stale
        case servedLanguageMismatch = "served-language-mismatch"
        case proseMismatch = "prose-mismatch"
        /// A paragraph of the source with no counterpart in the variant.
        case paragraphAdded = "paragraph-added"
        /// A paragraph of the variant with no counterpart in the source.
        case paragraphRemoved = "paragraph-removed"
        /// A source paragraph edited since the previous version whose translation was not.
        case paragraphChanged = "paragraph-changed"
        /// A text in another language than its page's: blamed on the page that holds it
        /// (a French page holding English text is the French variant's finding).
        case wrongLanguage = "wrong-language"
    }

    /// Like pofilter's: what changes the legal meaning is critical, what a reader
    /// notices is functional, layout is cosmetic.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case critical, functional, cosmetic

        private var rank: Int { self == .critical ? 2 : self == .functional ? 1 : 0 }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    public var kind: Kind
    public var severity: Severity
    /// The variant's language.
    public var language: String
    public var cookie: String?
    public var field: String?
    public var message: String
    /// The source language's text and the variant's, where texts are compared.
    public var source: String?
    public var target: String?
    /// The heading of the section a paragraph finding is in, on the page the finding is
    /// about (the source's for a paragraph the variant lacks); absent from the JSON for
    /// cookie findings.
    public var section: String?

    public init(
        kind: Kind, severity: Severity, language: String, cookie: String?, field: String?, message: String,
        source: String?, target: String?, section: String? = nil
    ) {
        self.kind = kind
        self.severity = severity
        self.language = language
        self.cookie = cookie
        self.field = field
        self.message = message
        self.source = source
        self.target = target
        self.section = section
    }
}

/// The alignment of a charter's language variants against one of them.
public struct LocaleReport: Sendable, Hashable, Codable {
    public var source: String
    public var variants: [VariantSummary]
    public var findings: [LocaleFinding]
    /// One row per variant: how much of the source it carries. Not part of the report's
    /// JSON form (`charter locales --format json` writes it beside the report).
    public var completeness: [LanguageCompleteness]

    public init(source: String, variants: [VariantSummary], findings: [LocaleFinding], completeness: [LanguageCompleteness] = []) {
        self.source = source
        self.variants = variants
        self.findings = findings
        self.completeness = completeness
    }

    public var isAligned: Bool { findings.isEmpty }

    /// The findings, the critical ones first, in their order within a severity.
    public var findingsBySeverity: [LocaleFinding] {
        findings.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }
}

extension LocaleReport {
    enum CodingKeys: String, CodingKey { case source, variants, findings }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            source: try c.decode(String.self, forKey: .source), variants: try c.decode([VariantSummary].self, forKey: .variants),
            findings: try c.decode([LocaleFinding].self, forKey: .findings))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(variants, forKey: .variants)
        try c.encode(findings, forKey: .findings)
    }
}

extension LocaleFinding {
    enum CodingKeys: String, CodingKey { case kind, severity, language, cookie, field, message, source, target, section }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try c.decode(Kind.self, forKey: .kind), severity: try c.decode(Severity.self, forKey: .severity),
            language: try c.decode(String.self, forKey: .language), cookie: try c.decodeIfPresent(String.self, forKey: .cookie),
            field: try c.decodeIfPresent(String.self, forKey: .field), message: try c.decode(String.self, forKey: .message),
            source: try c.decodeIfPresent(String.self, forKey: .source), target: try c.decodeIfPresent(String.self, forKey: .target),
            section: try c.decodeIfPresent(String.self, forKey: .section))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(severity, forKey: .severity)
        try c.encode(language, forKey: .language)
        try c.encode(cookie, forKey: .cookie)
        try c.encode(field, forKey: .field)
        try c.encode(message, forKey: .message)
        try c.encode(source, forKey: .source)
        try c.encode(target, forKey: .target)
        try c.encodeIfPresent(section, forKey: .section)
    }
}

extension VariantSummary {
    enum CodingKeys: String, CodingKey { case requested, served, detected, fallback, input, cookies }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(requested, forKey: .requested)
        try c.encode(served, forKey: .served)
        try c.encode(detected, forKey: .detected)
        try c.encode(fallback, forKey: .fallback)
        try c.encode(input, forKey: .input)
        try c.encode(cookies, forKey: .cookies)
    }
}
