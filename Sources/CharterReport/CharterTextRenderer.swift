public import CharterModel

/// A charter as plain text for a terminal: the cookies grouped by category.
public enum CharterTextRenderer {
    public static func render(_ charter: Charter) -> String {
        var out = ""
        if let title = charter.title { out += TerminalSafe.clean(title) + "\n" }
        out += "language: \(TerminalSafe.clean(charter.language ?? "unknown"))"
        if let declared = charter.source.declaredLanguage { out += " (page declares \(TerminalSafe.clean(declared)))" }
        out += "\ncookies: \(charter.cookies.count)\n"
        for category in CookieCategory.allCases {
            let cookies = charter.cookies.filter { $0.category == category }
            guard !cookies.isEmpty else { continue }
            out += "\n\(category.rawValue) (\(cookies.count))\n"
            for cookie in cookies {
                out += "  " + TerminalSafe.clean(cookie.name)
                let details = [
                    cookie.provider, cookie.party.map { "\($0.rawValue) party" }, cookie.retention?.text, cookie.domain,
                ].compactMap { $0 }.map(TerminalSafe.clean)
                if !details.isEmpty { out += "  [" + details.joined(separator: "; ") + "]" }
                out += "\n"
                if let purpose = cookie.purpose { out += "      " + TerminalSafe.clean(purpose) + "\n" }
            }
        }
        if let observed = charter.observed {
            out += "\nobserved before consent (\(observed.count))\n"
            for cookie in observed {
                let lifetime = cookie.lifetimeSeconds.map { "\($0 / 86_400) days" } ?? "session"
                out += "  \(TerminalSafe.clean(cookie.name))  [\(TerminalSafe.clean(cookie.domain)); \(cookie.party.rawValue) party; \(lifetime)]\n"
            }
            let findings = ObservedCookieCheck.findings(charter)
            if !findings.isEmpty { out += "\nfindings (\(findings.count))\n" }
            for finding in findings {
                out += "  [\(finding.level.rawValue)] \(finding.kind.rawValue): \(TerminalSafe.clean(finding.message))\n"
            }
        }
        for warning in charter.warnings { out += "\nwarning: " + TerminalSafe.clean(warning) }
        if !charter.warnings.isEmpty { out += "\n" }
        return out
    }
}

/// Scraped text is untrusted: control characters (ESC sequences above all) never
/// reach a terminal, nor do the bidirectional overrides that make a line read other
/// than it is ("Trojan Source").
public enum TerminalSafe {
    public static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            // Controls, bidirectional embeddings, overrides and isolates, and the
            // direction marks (LRM, RLM, ALM): none may reorder what a terminal shows.
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return " "
            default: return scalar
            }
        }))
    }
}
