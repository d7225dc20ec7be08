public import CharterCatalogue
public import CharterModel

/// `charter extract --explain`: for each cookie (and party), each judged field with where
/// it was read, what the catalogue knows, and the notes a reader should see: how far the
/// reading can be trusted before a verdict rests on it.
public enum CharterEvidenceRenderer {
    public static func render(_ charter: Charter, catalogue: CookieCatalogue) -> String {
        let clean = TerminalSafe.clean
        var out = "cookies: \(charter.cookies.count), parties: \(charter.parties.count)\n"
        for cookie in charter.cookies {
            out += "\n" + clean(cookie.name) + "\n"
            let evidence = cookie.evidence ?? Evidence()
            out += line("category", cookie.category.rawValue, evidence.category, label: cookie.categoryLabel)
            out += line("party", cookie.party?.rawValue, evidence.party)
            out += line("provider", cookie.provider, evidence.provider)
            out += line("retention", cookie.retention?.text, evidence.retention)
            if let known = catalogue.entry(for: cookie) { out += "    catalogue: " + clean(known.description) + "\n" }
            for note in evidence.notes { out += "    note: " + clean(note) + "\n" }
        }
        for party in charter.parties {
            out += "\n" + clean(party.name) + " (party)\n"
            out += line("category", party.category.rawValue, party.evidence?.category)
            if let country = party.country { out += "    country: " + clean(country) + "\n" }
            for note in party.evidence?.notes ?? [] { out += "    note: " + clean(note) + "\n" }
        }
        return out
    }

    /// "    category: marketing ← heading “Publicité”"; "not stated" for a missing value.
    static func line(_ field: String, _ value: String?, _ source: Evidence.Source?, label: String? = nil) -> String {
        guard let value else { return "    \(field): not stated\n" }
        var out = "    \(field): " + TerminalSafe.clean(value)
        if let source {
            out += " ← " + source.rawValue
            if let label { out += " “" + TerminalSafe.clean(label) + "”" }
        } else if field == "category", value == CookieCategory.unclassified.rawValue {
            out += " ← not stated"
        }
        return out + "\n"
    }
}
