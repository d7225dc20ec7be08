import CharterModel
import Foundation
import Testing

struct ObservedCookieCheckTests {
    static func charter(_ cookies: [Cookie], observed: [ObservedCookie]?) -> Charter {
        Charter(source: CharterSource(input: "t.html", format: .html, sha256: ""), cookies: cookies, observed: observed)
    }

    @Test func wildcardsCoverObservedNames() {
        #expect(CookieNamePattern.matches("_ga_ABC123", pattern: "_ga_*"))
        #expect(CookieNamePattern.matches("_ga_ABC123", pattern: "_ga_#"))
        #expect(CookieNamePattern.matches("_hjSession_42", pattern: "_hjSession_{id}"))
        #expect(!CookieNamePattern.matches("_gat", pattern: "_ga"))
    }

    @Test func eachFindingOnce() {
        let year: Int64 = 365 * 86_400
        let charter = Self.charter(
            [
                Cookie(name: "csrftoken", category: .necessary, retention: Retention(text: "1 year", seconds: year)),
                Cookie(name: "_ga", category: .statistics, retention: Retention(text: "13 months", seconds: 13 * year / 12)),
                Cookie(name: "_pk_ses", category: .statistics, retention: Retention(text: "session", session: true)),
                Cookie(name: "IDE", category: .marketing),
            ],
            observed: [
                ObservedCookie(name: "csrftoken", domain: "example.org", lifetimeSeconds: year - 86_400),
                // 400 days against 13 months (395 days): within the tolerance of a rounding.
                ObservedCookie(name: "_ga", domain: ".example.org", lifetimeSeconds: 400 * 86_400),
                ObservedCookie(name: "_pk_ses", domain: "example.org", lifetimeSeconds: 1_800),
                ObservedCookie(name: "_hjid", domain: "example.org", lifetimeSeconds: year),
            ])
        let found = ObservedCookieCheck.findings(charter).map { "\($0.kind.rawValue) \($0.cookie ?? "-")" }
        #expect(found == [
            "set-before-consent _ga", "set-before-consent _pk_ses", "retention-understated _pk_ses",
            "undeclared-cookie _hjid", "declared-not-observed IDE",
        ])
    }

    @Test func notRenderedMeansNoFindings() {
        #expect(ObservedCookieCheck.findings(Self.charter([Cookie(name: "a")], observed: nil)).isEmpty)
    }

    @Test func partyComparesRegistrableDomains() {
        #expect(ObservedCookie.party(ofDomain: ".shop.example.co.uk", pageHost: "www.example.co.uk") == .first)
        #expect(ObservedCookie.party(ofDomain: ".doubleclick.net", pageHost: "www.example.org") == .third)
        #expect(ObservedCookie.party(ofDomain: "static.example.org", pageHost: "example.org") == .first)
        #expect(ObservedCookie.party(ofDomain: "127.0.0.1", pageHost: "127.0.0.1") == .first)
    }
}
