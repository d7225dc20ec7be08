/// The fields of a `Cookie` that a table column can fill.
public enum CookieField: String, Sendable, Hashable, Codable, CaseIterable {
    case name, provider, service, location, purpose, category, party, retention, domain
}
