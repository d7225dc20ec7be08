public import Foundation

/// A cookie a real browser held after loading the page, before any consent was given.
///
/// Declared cookies (`Cookie`) are what the charter says; observed ones are what the
/// site does. Observed cookies are evidence of one visit, so they are kept out of the
/// content hash: a new visit is not a new version of the charter.
public struct ObservedCookie: Sendable, Hashable, Codable {
    public var name: String
    /// The cookie's domain as the browser stores it (a leading dot for domain cookies).
    public var domain: String
    public var path: String
    /// When the cookie expires; `nil` for a session cookie.
    public var expires: Date?
    /// Seconds from the visit to the expiry; `nil` for a session cookie.
    public var lifetimeSeconds: Int64?
    public var secure: Bool
    public var httpOnly: Bool
    /// `Strict`, `Lax` or `None` as the browser reports it, `nil` when unset.
    public var sameSite: String?
    /// First party when the cookie's domain belongs to the page's site.
    public var party: Party

    public init(
        name: String, domain: String, path: String = "/", expires: Date? = nil, lifetimeSeconds: Int64? = nil,
        secure: Bool = false, httpOnly: Bool = false, sameSite: String? = nil, party: Party = .first
    ) {
        self.name = name
        self.domain = domain
        self.path = path
        self.expires = expires
        self.lifetimeSeconds = lifetimeSeconds
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
        self.party = party
    }

    /// Whether this cookie is set on the page's own site, comparing registrable
    /// domains (the last two labels, three under a two-letter country code with a
    /// short second level such as `co.uk` or `com.au`).
    public static func party(ofDomain domain: String, pageHost: String) -> Party {
        let site = registrableDomain(pageHost)
        let cookieHost = domain.hasPrefix(".") ? String(domain.dropFirst()) : domain
        return registrableDomain(cookieHost) == site ? .first : .third
    }

    static func registrableDomain(_ host: String) -> String {
        let labels = host.lowercased().split(separator: ".").map(String.init)
        guard labels.count > 2, labels.allSatisfy({ !$0.isEmpty }) else { return labels.joined(separator: ".") }
        if labels.allSatisfy({ $0.allSatisfy(\.isNumber) }) { return labels.joined(separator: ".") }  // an IPv4 address
        let last = labels[labels.count - 1]
        let second = labels[labels.count - 2]
        let keep = last.count == 2 && second.count <= 3 ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }
}

/// Names as charters write them: `_ga_*`, `_ga_<container-id>`, `_hjSession_{id}` and
/// Cookiebot's `_ga_#` are patterns; everything from the first placeholder on matches
/// anything.
public enum CookieNamePattern {
    public static func matches(_ name: String, pattern: String) -> Bool {
        guard let placeholder = pattern.firstIndex(where: { "*<[{#".contains($0) }) else { return name == pattern }
        return name.hasPrefix(pattern[..<placeholder])
    }
}
