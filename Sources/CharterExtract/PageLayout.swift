internal import CharterHTML
internal import CharterModel

/// Per node of a page, what the prose needs to know beyond its text: whether it is
/// page chrome (`PageChrome`), which list context it sits in, whether it is inside what
/// the page marks as its document. Three linear passes over the flat node array.
struct PageLayout {
    /// Whether the node is chrome for the prose: its text is left out, its tables read.
    let isChrome: [Bool]
    /// Whether chrome lies below the node (its text is then read without it).
    let containsChrome: [Bool]
    /// The list context (`.item` in `<li>`/`<dd>`, `.label` in `<dt>`, else `.text`).
    let listKind: [ParagraphKind]
    /// Whether the node is inside the page's `<main>` or an `<article>`: a list of links
    /// there is the policy's (the browsers' help pages), not a menu.
    let inDocument: [Bool]

    init(_ document: HTMLDocument, containsBlock block: [Bool]) {
        let count = document.nodes.count
        var text = Array(repeating: 0, count: count)
        var link = Array(repeating: false, count: count)
        var chrome = Array(repeating: false, count: count)
        var inMain = chrome
        var aboveMain = chrome
        var sectioned = chrome  // below an article, section, main, aside or nav
        var body = chrome  // in the main element or an article
        var list = Array(repeating: ParagraphKind.text, count: count)
        var below = chrome
        // Nodes are read in place, borrowed from the buffer (a copy costs two reference
        // counts a node), and names compared by `switch`, never hashed: this runs over
        // every node of every page.
        document.nodes.withUnsafeBufferPointer { nodes in
            // Children come after their parents: one backward pass sums text and links up
            // and finds the main elements.
            var mains: [Int] = []
            for index in nodes.indices.reversed() {
                if nodes[index].kind == .text {
                    text[index] = nodes[index].text.utf8.count
                } else if nodes[index].tag == .main || Self.role(nodes[index]).map(PageChrome.isMain(role:)) == true {
                    mains.append(index)
                }
                let parent = nodes[index].parentPosition
                guard parent >= 0 else { continue }
                text[parent] += text[index]
                if link[index] || nodes[index].tag == .a { link[parent] = true }
            }
            // The page's one main element, when it holds most of the page's text: what
            // lies outside it is the site around the document.
            var total = 0
            for index in nodes.indices where nodes[index].parentPosition < 0 { total += text[index] }
            let main = mains.count == 1 && 2 * text[mains[0]] >= total ? mains[0] : nil
            var current = main ?? -1
            while current >= 0 {
                aboveMain[current] = true
                current = nodes[current].parentPosition
            }

            // Parents come before their children: one forward pass hands each node its
            // parent's context.
            for index in nodes.indices {
                let parent = nodes[index].parentPosition
                if parent >= 0 {
                    chrome[index] = chrome[parent]
                    list[index] = list[parent]
                    inMain[index] = inMain[parent]
                    sectioned[index] = sectioned[parent] || Self.isSectioning(nodes[parent].tag)
                    body[index] = body[parent]
                }
                if index == main { inMain[index] = true }
                if main != nil, !inMain[index], !aboveMain[index] { chrome[index] = true }
                if inMain[index] { body[index] = true }
                guard nodes[index].kind == .element else { continue }
                // The page's wrapper is the page, whatever its names say: utility classes
                // ("duration-sidebar") and an open modal's `aria-hidden` on it do not
                // make the document chrome. It holds the main element, or most of the
                // page's text in blocks when there is none.
                let wrapper = aboveMain[index] || main == nil && block[index] && 2 * text[index] >= total
                if !wrapper, Self.isChrome(nodes[index], sectioned: sectioned[index], linked: link[index]) { chrome[index] = true }
                switch nodes[index].tag {
                case .li, .dd: list[index] = .item
                case .dt: list[index] = .label
                // A table's cells are not list items, even in a list.
                case .table: list[index] = .text
                case .article: body[index] = true
                default: break
                }
            }
            for index in nodes.indices.reversed() {
                let parent = nodes[index].parentPosition
                if parent >= 0, below[index] || chrome[index] { below[parent] = true }
            }
        }
        isChrome = chrome
        containsChrome = below
        listKind = list
        inDocument = body
    }

    /// Elements whose headers and footers are their own, not the page's.
    static func isSectioning(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .article, .section, .main, .aside, .nav: true
        default: false
        }
    }

    /// An element's role, read only when it has attributes (most have none).
    static func role(_ node: HTMLNode) -> String? {
        node.attributes.isEmpty ? nil : node.attribute("role")
    }

    /// Whether an element says it is chrome.
    ///
    /// A header or footer is the page's banner or footer only outside sectioning content:
    /// an article's header holds its title (HTML-ARIA, the `banner` role). A header with
    /// no link in it wraps a heading (TYPO3 wraps each content block's heading so): a
    /// site's banner links at least its logo home.
    static func isChrome(_ node: HTMLNode, sectioned: Bool, linked: Bool) -> Bool {
        switch node.tag {
        case .footer where !sectioned, .header where !sectioned && linked: return true
        case .nav, .aside, .form, .dialog, .menu: return true
        default: break
        }
        guard !node.attributes.isEmpty else { return false }
        return node.attribute(PageChrome.attribute) != nil
            || PageChrome.isChrome(role: node.attribute("role"), ariaHidden: node.attribute("aria-hidden"))
    }
}
