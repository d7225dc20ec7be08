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
}

/// The alignment of a charter's language variants against one of them.
public struct LocaleReport: Sendable, Hashable, Codable {
    public var source: String
    public var variants: [VariantSummary]
    public var findings: [LocaleFinding]

    public var isAligned: Bool { findings.isEmpty }
}

extension LocaleFinding {
    enum CodingKeys: String, CodingKey { case kind, severity, language, cookie, field, message, source, target }

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
