public import CharterModel

extension CookieCatalogue {
    /// The catalogue's entry for a cookie as a page declares it: by name, unless the page
    /// names a provider the entry does not ("sessionid" by Opendatasoft is Django's
    /// session, not the Instagram cookie of that name).
    public func entry(for cookie: Cookie) -> CatalogueEntry? {
        guard let known = entry(for: cookie.name) else { return nil }
        guard let provider = cookie.provider else { return known }
        let company = Self.company(provider)
        let companies = [known.platform, known.controller ?? ""].map(Self.company).filter { !$0.isEmpty }
        return companies.contains(company) || companies.contains(where: { company.hasPrefix($0) || $0.hasPrefix(company) })
            ? known : nil
    }

    /// What the catalogue says against a cookie declared strictly necessary: "declared
    /// necessary; known as Google Ads marketing (Open Cookie Database)", or nil when it
    /// knows the cookie as needing no consent, or does not know it.
    public func contradiction(of cookie: Cookie) -> String? {
        guard cookie.category == .necessary, let known = entry(for: cookie), known.category.needsConsent else { return nil }
        return "declared necessary; " + known.description
    }

    /// "Google Ireland Ltd." → "google": the first word names the company in every
    /// provider column and catalogue row seen.
    public static func company(_ name: String) -> String {
        let word = name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first ?? ""
        return String(word)
    }
}

extension CatalogueEntry {
    /// "known as Google Analytics analytics (Open Cookie Database)".
    public var description: String {
        let company = platform.isEmpty ? controller ?? "" : platform
        return "known as " + (company.isEmpty ? "" : company + " ") + category.rawValue + " (Open Cookie Database)"
    }
}
