/// What marks an element as page chrome — the site around a document (menus, headers,
/// footers, language menus, consent banners, text for screen readers only) — rather
/// than the document's own text. Read when the page is parsed; the prose leaves such
/// elements out, the cookie tables do not (a consent dialog can hold the cookie list).
///
/// Three kinds of signal, from the most to the least explicit:
/// - elements (`nav`, `aside`, `form`, `dialog`, `menu`; `header` and `footer` outside
///   an article or section) and WAI-ARIA
///   landmark and widget roles (`navigation`, `banner`, `contentinfo`, `search`,
///   `complementary`, `menu`, `menubar`, `toolbar`, `dialog`, `alertdialog`), and
///   `aria-hidden="true"`: what the page itself says is not content
///   (https://www.w3.org/TR/wai-aria-1.2/#landmark_roles);
/// - outside the page's one `<main>` (or `role="main"`), when it holds most of its text
///   (HTML: "the dominant contents of the body");
/// - class and id names that name chrome by the conventions of front-end frameworks,
///   as Mozilla's Readability reads them ("unlikely candidates": footer, menu,
///   breadcrumbs, sidebar…): BEM blocks (`footer-menu__item`, `header-bar`), Bootstrap
///   (`navbar`, `sr-only`, `visually-hidden`), WordPress (`screen-reader-text`), and
///   consent banners (a cookie or consent word with banner, notice, bar, popup…).
///   A name only counts when chrome is its block's first word or the whole of it
///   ("page-header" and "content-header" can hold a policy's own title and summary, so
///   "header" alone counts only as the first word of a block).
public enum PageChrome {
    /// The attribute a parsed element carries when its class or id names chrome (its
    /// value: the name). Not a name a page can give itself: it is never read from the page.
    public static let attribute = "charter:chrome"

    /// Roles whose element is not the document's text.
    public static let roles: Set<String> = [
        "navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar", "toolbar", "dialog",
        "alertdialog",
    ]

    /// Elements that are chrome whatever their content, besides those never read at all.
    /// (`header` and `footer` are chrome only outside sectioning content: an article's
    /// header holds its title.)
    public static let elements: Set<String> = ["nav", "aside", "form", "dialog", "menu"]

    /// Words that make a class or id block chrome wherever they stand in it.
    static let anywhere: Set<String> = [
        "footer", "nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "sidebar", "topbar",
        "toolbar", "skiplink", "skiplinks", "offcanvas", "megamenu", "social", "share", "sharing",
        // Shop themes' promotion strip above the header (Shopify's "announcement-bar").
        "announcement", "promo",
    ]
    /// Words that make a block chrome only as its first word ("header-bar", not "page-header").
    static let leading: Set<String> = ["header", "masthead", "skip", "lang", "language", "locale"]
    /// Whole names of text meant for screen readers only.
    static let screenReaderOnly: Set<String> = [
        "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screenreader-text", "screen-reader-only",
        "a11y-hidden", "element-invisible", "u-hidden-visually", "assistive-text",
    ]
    static let consentWords = ["cookie", "consent", "gdpr", "cmp"]
    static let bannerWords = ["banner", "notice", "notification", "bar", "popup", "modal", "dialog", "overlay", "prompt", "alert"]

    /// The chrome name among a class or id value's tokens, if one is.
    public static func name(inClassOrID value: String) -> String? {
        for token in value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }) {
            let lowered = token.lowercased()
            if screenReaderOnly.contains(lowered) { return lowered }
            // The BEM block: what comes before an element (`__`) or a modifier (`--`).
            let block = bemBlock(lowered)
            let words = block.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
            guard let first = words.first else { continue }
            // A lone "lang" marks a span of another language, not a menu.
            if leading.contains(first), words.count > 1 || first != "lang" { return lowered }
            if words.contains(where: anywhere.contains) { return lowered }
            if consentWords.contains(where: { block.contains($0) }), bannerWords.contains(where: { block.contains($0) }),
                !block.contains("policy"), !block.contains("table"), !block.contains("declaration"), !block.contains("list")
            {
                return lowered
            }
        }
        return nil
    }

    /// A BEM name's block: the part before its first `__` or `--`.
    static func bemBlock(_ name: String) -> String {
        let bytes = Array(name.utf8)
        var index = 1
        while index < bytes.count {
            if bytes[index] == bytes[index - 1], bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: "-") {
                return String(decoding: bytes[..<(index - 1)], as: UTF8.self)
            }
            index += 1
        }
        return name
    }

    /// Whether an element's role or `aria-hidden` says it is not content.
    public static func isChrome(role: String?, ariaHidden: String?) -> Bool {
        if let ariaHidden, ariaHidden.lowercased() == "true" { return true }
        guard let role else { return false }
        return role.lowercased().split(separator: " ").contains { roles.contains(String($0)) }
    }

    /// Whether a role names the page's main content.
    public static func isMain(name: String, role: String?) -> Bool {
        name == "main" || role?.lowercased().split(separator: " ").contains("main") == true
    }

    /// The attributes read to find chrome, besides those `HTMLVocabulary.keptAttributes` keeps.
    static let signalling: Set<String> = ["class", "id"]
}
