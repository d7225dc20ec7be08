internal import Foundation

/// One language variant of one cookie charter at one moment: the canonical model.
///
/// Everything charter does downstream (diffs, locale alignment, the store) works on
/// this value, never on HTML.
public struct Charter: Sendable, Hashable, Codable {
    /// The version of this model's JSON form; bumped on any incompatible change.
    public static let schemaVersion = 1

    public var schema: Int
    /// Where the page came from and how it was read. Not part of the content hash.
    public var source: CharterSource
    /// BCP 47 tag of the text's language: detected from the text, else declared.
    public var language: String?
    public var title: String?
    /// The prose outline, in document order.
    public var sections: [Section]
    /// One entry per cookie name, in document order.
    public var cookies: [Cookie]
    /// Vendors, partners and subprocessors the page lists apart from its cookies.
    public var parties: [DisclosedParty]
    /// What the extractor noticed and a reader should know (skipped tables, language
    /// disagreements, charset repairs). Not part of the content hash.
    public var warnings: [String]
    /// The cookies a headless browser held after loading the page, before consent;
    /// `nil` when the page was not rendered. Not part of the content hash.
    public var observed: [ObservedCookie]?

    public init(
        source: CharterSource, language: String? = nil, title: String? = nil,
        sections: [Section] = [], cookies: [Cookie] = [], parties: [DisclosedParty] = [], warnings: [String] = [],
        observed: [ObservedCookie]? = nil
    ) {
        self.schema = Self.schemaVersion
        self.source = source
        self.language = language
        self.title = title
        self.sections = sections
        self.cookies = cookies
        self.parties = parties
        self.warnings = warnings
        self.observed = observed
    }

    /// Whether the page held at least one cookie table.
    public var hasCookieTable: Bool { !cookies.isEmpty }
}
