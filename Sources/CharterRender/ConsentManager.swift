/// The consent-management platforms whose scripts write a site's cookie table in the
/// browser, so that the served HTML has only a placeholder.
public enum ConsentManager: String, Sendable, Hashable, CaseIterable {
    case cookiebot, onetrust, didomi, axeptio, tarteaucitron, klaro, usercentrics, iubenda, complianz, cookieyes
    case termly, cookieScript = "cookie-script"

    /// Lower-case markers each platform leaves in a page that embeds its declaration:
    /// script hosts, the placeholder element's id or class, the global it defines.
    /// Chosen from the platforms' own embedding instructions, not from any one site.
    var markers: [String] {
        switch self {
        case .cookiebot: return ["consent.cookiebot.com", "cookiedeclaration", "cookiebot.com/uc.js", "cookieconsent.js"]
        case .onetrust:
            return ["cdn.cookielaw.org", "optanon", "ot-sdk-cookie-policy", "onetrust", "otsdkstub", "cookie-law.org"]
        case .didomi: return ["sdk.privacy-center.org", "didomi", "didomi_cookies"]
        case .axeptio: return ["axept.io", "axeptio"]
        case .tarteaucitron: return ["tarteaucitron"]
        case .klaro: return ["klaro.js", "klaro.min.js", "klaroconfig", "data-klaro", "klaro-"]
        case .usercentrics: return ["usercentrics", "uc-embed", "privacy-proxy.usercentrics"]
        case .iubenda: return ["iubenda.com", "iub-cookie-policy", "_iub"]
        case .complianz: return ["complianz", "cmplz-cookies", "cmplz-document"]
        case .cookieyes: return ["cdn-cookieyes.com", "cookieyes", "cky-audit-table"]
        case .termly: return ["app.termly.io", "termly-cookie"]
        case .cookieScript: return ["cookie-script.com", "cookiescript"]
        }
    }

    /// The platform a page embeds, if any, from its served bytes.
    public static func detect(in page: [UInt8]) -> ConsentManager? {
        // The markers are ASCII; lower-casing bytes keeps the scan cheap on large pages.
        let lowered = String(decoding: page.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        return allCases.first { manager in manager.markers.contains { lowered.contains($0) } }
    }
}
