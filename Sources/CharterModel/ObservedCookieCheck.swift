/// A disagreement between the cookie table and the cookies a browser really received.
public struct ObservedFinding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Observed, and no declared name or pattern covers it.
        case undeclaredCookie = "undeclared-cookie"
        /// Declared, and not seen during the visit: information only, since many cookies
        /// are set only after consent or on other pages.
        case declaredNotObserved = "declared-not-observed"
        /// The observed expiry is later than the declared retention allows.
        case retentionUnderstated = "retention-understated"
        /// Set before any consent was given, though the table says it needs consent.
        case setBeforeConsent = "set-before-consent"
    }

    public enum Level: String, Sendable, Hashable {
        case critical, info
    }

    public var kind: Kind
    public var level: Level
    public var cookie: String?
    public var message: String
}

/// Holds the declared table against the observed cookies (EDPS Website Evidence
/// Collector's question, asked of the charter itself).
public enum ObservedCookieCheck {
    /// A declared retention this much shorter than the observed lifetime is not a
    /// rounding of "13 months" or "1 year": a day, or 2 % of the declared duration.
    static func tolerance(_ declared: Int64) -> Int64 { max(86_400, declared / 50) }

    /// The findings of a check: against the browser's cookies when the page was
    /// rendered, else against the cookies the server set in its response (`Set-Cookie`).
    /// One implementation for both paths.
    /// - Parameter sent: cookies the fetch sent itself (the language cookie): never
    ///   expected back from the server.
    public static func checkFindings(_ charter: Charter, sent: [String]) -> [ObservedFinding] {
        charter.observed == nil ? served(charter, sent: sent) : findings(charter)
    }

    /// The findings for a rendered charter; none when it was not rendered (`observed == nil`).
    public static func findings(_ charter: Charter) -> [ObservedFinding] {
        guard let observed = charter.observed else { return [] }
        var findings: [ObservedFinding] = []
        for cookie in observed {
            guard let declared = charter.cookies.first(where: { CookieNamePattern.matches(cookie.name, pattern: $0.name) }) else {
                findings.append(ObservedFinding(
                    kind: .undeclaredCookie, level: .critical, cookie: cookie.name,
                    message: "\(cookie.name) (\(cookie.domain)) was set during the visit and the charter does not declare it"))
                continue
            }
            if declared.category.needsConsent, declared.category != .unclassified {
                findings.append(ObservedFinding(
                    kind: .setBeforeConsent, level: .critical, cookie: cookie.name,
                    message: "\(cookie.name) was set before any consent, and the charter classes it as \(declared.category.rawValue)"))
            }
            if let understated = understatement(cookie, declared.retention) {
                findings.append(ObservedFinding(
                    kind: .retentionUnderstated, level: .critical, cookie: cookie.name, message: understated))
            }
        }
        let missing = charter.cookies.filter { declared in
            !observed.contains { CookieNamePattern.matches($0.name, pattern: declared.name) }
        }
        for cookie in missing {
            findings.append(ObservedFinding(
                kind: .declaredNotObserved, level: .info, cookie: cookie.name,
                message: "\(cookie.name) is declared and was not set during the visit (it may be set after consent)"))
        }
        return findings
    }

    /// A page as served: what the server set is all there is to hold the table against.
    /// Scripts set most cookies, so the declared ones not seen are one line of
    /// information, not a finding per cookie.
    static func served(_ charter: Charter, sent: [String]) -> [ObservedFinding] {
        let declared = charter.cookies.map(\.name)
        var findings = charter.source.setCookieNames.filter { name in
            !declared.contains { CookieNamePattern.matches(name, pattern: $0) }
        }.map {
            ObservedFinding(
                kind: .undeclaredCookie, level: .critical, cookie: $0,
                message: "the server set \($0) while the page was fetched, and the charter does not declare it")
        }
        let seen = charter.source.setCookieNames + sent
        let missing = declared.filter { name in !seen.contains { CookieNamePattern.matches($0, pattern: name) } }
        if !missing.isEmpty {
            let shown = missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
            findings.append(ObservedFinding(
                kind: .declaredNotObserved, level: .info, cookie: nil,
                message: "\(missing.count) of \(charter.cookies.count) declared cookies were not set by the server while fetching (scripts may set them): \(shown)"))
        }
        return findings
    }

    static func understatement(_ cookie: ObservedCookie, _ retention: Retention?) -> String? {
        guard let lifetime = cookie.lifetimeSeconds, let retention else { return nil }
        if retention.session, retention.seconds == nil {
            return "\(cookie.name) is declared as a session cookie and was set to last \(describe(lifetime))"
        }
        guard let declared = retention.seconds, lifetime > declared + tolerance(declared) else { return nil }
        return "\(cookie.name) is declared to last \(retention.text) and was set to last \(describe(lifetime))"
    }

    /// Days, or hours under two days: enough to see the disagreement.
    static func describe(_ seconds: Int64) -> String {
        seconds >= 172_800 ? "\(seconds / 86_400) days" : "\(seconds / 3_600) hours"
    }
}
