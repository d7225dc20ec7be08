/// When a page is loaded in a headless browser rather than read as served.
public enum RenderMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// Only when the served HTML has no cookie table and shows a consent manager that
    /// writes one in the browser (Cookiebot, OneTrust, Didomi, Axeptio, ...).
    case auto
    /// Every URL is rendered, and the cookies the browser received are observed.
    case always
    /// Never start a browser.
    case never
}
