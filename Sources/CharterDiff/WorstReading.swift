internal import CharterCatalogue
public import CharterModel

/// The reading of a cookie the consent rules judge: the page's own category where the
/// page states it and nothing contradicts it, else the worst plausible one (the page's
/// reading, the purpose words, the known-cookie catalogue), with why a person must check.
///
/// Under-calling re-consent is the costliest mistake: legal trusts `inform` and ships. So
/// a category the page does not state, or that the catalogue contradicts, is judged by
/// its most intrusive plausible value and flagged for review, never by the mildest.
struct WorstReading {
    let category: CookieCategory
    /// Why the verdict rests on more than the page's own statement; nil when it does not.
    let review: String?

    init(_ cookie: Cookie, catalogue: CookieCatalogue) {
        let known = catalogue.entry(for: cookie)
        // The Open Cookie Database files Hotjar's session cookies with load balancers under
        // "Functional": that label settles no category, so it never lowers a reading.
        let knownCategory = known.flatMap { $0.category == .functional ? nil : $0.category.cookieCategory }
        let knownAs = known?.description
        // Charters written before evidence existed: a category other than unclassified was
        // read from a label.
        let stated = cookie.evidence?.categoryIsStated ?? (cookie.category != .unclassified)
        switch (cookie.category, stated) {
        case (.unclassified, _):
            category = knownCategory ?? .unclassified
            review = "the page gives no category" + (knownAs.map { "; " + $0 } ?? "")
        case (let page, true):
            if let knownCategory, let knownAs, knownCategory.needsConsent, knownCategory > page {
                category = knownCategory
                review = "declared \(page.rawValue); \(knownAs)"
            } else {
                category = page
                review = nil
            }
        case (let page, false):
            category = max(page, knownCategory ?? page)
            review = "category \(page.rawValue) read from the purpose words, not stated by the page"
                + (knownAs.map { "; " + $0 } ?? "")
        }
    }
}

/// The parties a version discloses, as loose keys: provider names, the catalogue's
/// platform and controller of its cookies, and the registrable domains its cookies are set
/// on. A cookie none of whose keys the old version disclosed brings a new party.
struct DisclosedParties {
    private(set) var keys: Set<String> = []

    /// Without a catalogue, only the companies the page names (providers and parties).
    init(_ charter: Charter, catalogue: CookieCatalogue?) {
        for cookie in charter.cookies {
            if let catalogue {
                keys.formUnion(Self.keys(of: cookie, catalogue: catalogue))
            } else if let provider = cookie.provider.map(CookieCatalogue.company), !provider.isEmpty {
                keys.insert(provider)
            }
        }
        for party in charter.parties { keys.insert(CookieCatalogue.company(party.name)) }
    }

    func contains(anyOf cookieKeys: Set<String>) -> Bool { !keys.isDisjoint(with: cookieKeys) }

    static func keys(of cookie: Cookie, catalogue: CookieCatalogue) -> Set<String> {
        var keys: Set<String> = []
        if let provider = cookie.provider.map(CookieCatalogue.company), !provider.isEmpty { keys.insert(provider) }
        if let known = catalogue.entry(for: cookie) {
            keys.insert(CookieCatalogue.company(known.platform))
            if let controller = known.controller { keys.insert(CookieCatalogue.company(controller)) }
        }
        if let domain = cookie.domain.flatMap(registrableDomain) { keys.insert(domain) }
        return keys
    }

    /// ".ads.example.co.uk" → "example.co.uk"; nil for text that is not a domain.
    static func registrableDomain(_ text: String) -> String? {
        let host = text.lowercased().split(whereSeparator: { " ,;/()".contains($0) }).first.map(String.init) ?? ""
        let labels = host.split(separator: ".").filter { !$0.isEmpty }
        guard labels.count >= 2, labels.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }),
            labels.last!.allSatisfy(\.isLetter)
        else { return nil }
        // A country code under a short second level ("co.uk", "com.au") takes three labels.
        let secondLevel = labels[labels.count - 2]
        let take = labels.count >= 3 && labels.last!.count == 2 && secondLevel.count <= 3 ? 3 : 2
        return labels.suffix(take).joined(separator: ".")
    }
}
