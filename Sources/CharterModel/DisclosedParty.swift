/// A company a page names as receiving data or placing trackers — a vendor, partner or
/// subprocessor — listed apart from any cookie. Consent must name every controller that
/// relies on it (EDPB 05/2020 §3.3.1), so a party added to such a list matters as much as
/// a cookie added to the table.
public struct DisclosedParty: Sendable, Hashable, Codable {
    public var name: String
    public var purpose: String?
    /// What the page says the party is there for: its section, its row, else its purpose.
    public var category: CookieCategory
    public var country: String?
    /// Where the category was read. Not part of the content hash.
    public var evidence: Evidence?
    /// The party table's index among the page's party tables, and the row. Not part of
    /// the content hash.
    public var origin: Origin?

    public init(
        name: String, purpose: String? = nil, category: CookieCategory = .unclassified, country: String? = nil,
        evidence: Evidence? = nil, origin: Origin? = nil
    ) {
        self.name = name
        self.purpose = purpose
        self.category = category
        self.country = country
        self.evidence = evidence
        self.origin = origin
    }
}
