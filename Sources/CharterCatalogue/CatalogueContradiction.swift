public import CharterModel

extension CookieCatalogue {
    /// What the catalogue says against a cookie declared strictly necessary: "declared
    /// necessary; known as Google Ads marketing (Open Cookie Database)", or nil when it
    /// knows the cookie as needing no consent, or does not know it.
    public func contradiction(of cookie: Cookie) -> String? {
        guard cookie.category == .necessary, let known = entry(for: cookie.name), known.category.needsConsent else { return nil }
        return "declared necessary; " + known.description
    }
}

extension CatalogueEntry {
    /// "known as Google Analytics analytics (Open Cookie Database)".
    public var description: String {
        let company = platform.isEmpty ? controller ?? "" : platform
        return "known as " + (company.isEmpty ? "" : company + " ") + category.rawValue + " (Open Cookie Database)"
    }
}
