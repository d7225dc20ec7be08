/// The fields of a `Cookie` (or of a `DisclosedParty`) that a table column can fill.
public enum CookieField: String, Sendable, Hashable, Codable, CaseIterable {
    case name, provider, service, location, purpose, category, party, retention, domain
    /// Where a vendor or partner is established; a cookie keeps it as an extra column.
    case country
}
