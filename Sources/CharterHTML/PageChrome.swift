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
///   consent banners (a cookie or consent word with banner, notice, bar, popup…). Ids
///   count with fewer words (an id is often a section's slug: "social-media") and as
///   consent managers' containers.
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

    /// Words that make a class's block chrome wherever they stand in it. (Elements are
    /// told by `HTMLTag`, in `PageLayout.isChrome`: `nav`, `aside`, `form`, `dialog`,
    /// `menu`, and `header`/`footer` outside sectioning content.)
    static let anywhere = bytes([
        "footer", "nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "sidebar", "topbar",
        "toolbar", "skiplink", "skiplinks", "offcanvas", "megamenu", "social", "share", "sharing",
        // Shop themes' promotion strip above the header (Shopify's "announcement-bar").
        "announcement", "promo",
    ])
    /// Words that make a block chrome only as its first word ("header-bar", not "page-header").
    static let leading = bytes(["header", "masthead", "skip", "lang", "language", "locale"])
    /// Whole names of text meant for screen readers only.
    static let screenReaderOnly = bytes([
        "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screenreader-text", "screen-reader-only",
        "a11y-hidden", "element-invisible", "u-hidden-visually", "assistive-text",
    ])
    static let consentWords = bytes(["cookie", "consent", "gdpr", "cmp"])
    static let bannerWords = bytes(["banner", "notice", "notification", "bar", "popup", "modal", "dialog", "overlay", "prompt", "alert"])
    /// Consent words beside these name the policy's own parts ("cookie-policy", "cookie-table").
    static let documentWords = bytes(["policy", "table", "declaration", "list"])
    static let lang = Array("lang".utf8)

    static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    /// The ids consent managers give their banner or dialog, the same on every site that
    /// runs them (Cookiebot, OneTrust, Usercentrics, Didomi, Quantcast, consentmanager,
    /// and WordPress' most installed consent plugins). Other ids do not count: an id is
    /// often the slug of a policy's own section ("social-media", "cookie-notice").
    static let consentManagerIDs = bytes([
        "cybotcookiebotdialog", "onetrust-consent-sdk", "onetrust-banner-sdk", "usercentrics-root", "didomi-host",
        "qc-cmp2-container", "cmpbox", "cookie-law-info-bar", "moove_gdpr_cookie_info_bar", "catapult-cookie-bar",
    ])

    /// Words that make an id chrome: those of layout (WordPress themes' `#colophon`,
    /// `#site-navigation`, `#masthead`, `#footer`), not those a section's slug takes
    /// ("social-media", "cookie-notice", "language-preferences").
    static let anywhereInID = bytes([
        "footer", "colophon", "nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "sidebar",
        "topbar", "offcanvas", "megamenu", "skiplink", "skiplinks",
    ])
    static let leadingInID = bytes(["header", "masthead", "skip"])

    /// Whether an id names chrome: a consent manager's, or a layout word (`anywhereInID`).
    public static func isChrome(id value: UnsafeBufferPointer<UInt8>) -> Bool {
        consentManagerIDs.contains { equal(value, $0) }
            || matches(value, anywhere: anywhereInID, leading: leadingInID, banners: false)
    }

    public static func isChrome(id value: String) -> Bool {
        var value = value
        return value.withUTF8 { isChrome(id: $0) }
    }

    /// The chrome name among a class value's tokens, if one is.
    public static func name(inClassOrID value: String) -> String? {
        var value = value
        return value.withUTF8 { name(inClassOrID: $0) }
    }

    /// The same, on the attribute's bytes as the parser holds them: read for every
    /// element with a class, so no string is made unless a name matches (utility-class
    /// pages carry tens of thousands of tokens).
    static func name(inClassOrID value: UnsafeBufferPointer<UInt8>) -> String? {
        var start = 0
        while start < value.count {
            while start < value.count, isSpace(value[start]) { start += 1 }
            var end = start
            while end < value.count, !isSpace(value[end]) { end += 1 }
            if end > start, matches(UnsafeBufferPointer(rebasing: value[start..<end])) {
                return String(decoding: UnsafeBufferPointer(rebasing: value[start..<end]), as: UTF8.self).lowercased()
            }
            start = end
        }
        return nil
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }

    /// Whether one token names chrome, compared without case.
    static func matches(
        _ token: UnsafeBufferPointer<UInt8>, anywhere: [[UInt8]] = anywhere, leading: [[UInt8]] = leading, banners: Bool = true
    ) -> Bool {
        if banners, screenReaderOnly.contains(where: { equal(token, $0) }) { return true }
        // The BEM block: what comes before an element (`__`) or a modifier (`--`).
        var block = token.count
        var index = 1
        while index < token.count {
            if token[index] == token[index - 1], token[index] == UInt8(ascii: "_") || token[index] == UInt8(ascii: "-") {
                block = index - 1
                break
            }
            index += 1
        }
        let blockBytes = UnsafeBufferPointer(rebasing: token[..<block])
        var wordStart = 0
        var first = true
        var position = 0
        while position <= block {
            if position == block || blockBytes[position] == UInt8(ascii: "-") || blockBytes[position] == UInt8(ascii: "_") {
                if position > wordStart {
                    let word = UnsafeBufferPointer(rebasing: blockBytes[wordStart..<position])
                    if anywhere.contains(where: { equal(word, $0) }) { return true }
                    // A lone "lang" marks a span of another language, not a menu.
                    if first, leading.contains(where: { equal(word, $0) }), !equal(word, lang) || position < block { return true }
                    first = false
                }
                wordStart = position + 1
            }
            position += 1
        }
        return banners && consentWords.contains { contains(blockBytes, $0) } && bannerWords.contains { contains(blockBytes, $0) }
            && !documentWords.contains { contains(blockBytes, $0) }
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    static func equal(_ word: UnsafeBufferPointer<UInt8>, _ candidate: [UInt8]) -> Bool {
        guard word.count == candidate.count else { return false }
        for index in 0..<word.count where lower(word[index]) != candidate[index] { return false }
        return true
    }

    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard text.count >= needle.count else { return false }
        var start = 0
        while start + needle.count <= text.count {
            var index = 0
            while index < needle.count, lower(text[start + index]) == needle[index] { index += 1 }
            if index == needle.count { return true }
            start += 1
        }
        return false
    }

    /// Whether an element's role or `aria-hidden` says it is not content.
    public static func isChrome(role: String?, ariaHidden: String?) -> Bool {
        if let ariaHidden, ariaHidden.lowercased() == "true" { return true }
        guard let role else { return false }
        return role.lowercased().split(separator: " ").contains { roles.contains(String($0)) }
    }

    /// Whether a role names the page's main content (`role="main"`; the `<main>`
    /// element itself is told by its `HTMLTag`).
    public static func isMain(role: String) -> Bool {
        role.lowercased().split(separator: " ").contains("main")
    }

    /// The attributes read to find chrome, besides those `HTMLVocabulary.keptAttributes` keeps.
    static let signalling: Set<String> = ["class", "id"]

    /// The chrome an element's class or id names, if any.
    static func name(attribute: String, value: String) -> String? {
        attribute == "id" ? (isChrome(id: value) ? value.lowercased() : nil) : name(inClassOrID: value)
    }
}
