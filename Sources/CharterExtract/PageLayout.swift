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

    /// Elements whose headers and footers are their own, not the page's.
    static let sectioning: Set<String> = ["article", "section", "main", "aside", "nav"]

    init(_ document: HTMLDocument, containsBlock block: [Bool]) {
        let count = document.nodes.count
        var text = Array(repeating: 0, count: count)
        var link = Array(repeating: false, count: count)
        // Children come after their parents: one backward pass sums text and links up.
        for index in document.nodes.indices.reversed() {
            let node = document.nodes[index]
            if node.kind == .text { text[index] = node.text.utf8.count }
            guard let parent = node.parent else { continue }
            text[Int(parent.index)] += text[index]
            if link[index] || node.name == "a" { link[Int(parent.index)] = true }
        }

        // The page's one main element, when it holds most of the page's text: what lies
        // outside it is the site around the document.
        let mains = document.nodes.indices.filter {
            document.nodes[$0].kind == .element
                && PageChrome.isMain(name: document.nodes[$0].name, role: document.nodes[$0].attribute("role"))
        }
        let total = document.roots.reduce(0) { $0 + text[Int($1.index)] }
        let main = mains.count == 1 && 2 * text[mains[0]] >= total ? mains[0] : nil
        var aboveMain = Array(repeating: false, count: count)
        var current = main
        while let index = current {
            aboveMain[index] = true
            current = document.nodes[index].parent.map { Int($0.index) }
        }

        // Parents come before their children: one forward pass hands each node its
        // parent's context.
        var chrome = Array(repeating: false, count: count)
        var inMain = chrome
        var sectioned = chrome  // below an article, section, main, aside or nav
        var body = chrome  // in the main element or an article
        var list = Array(repeating: ParagraphKind.text, count: count)
        for index in document.nodes.indices {
            let node = document.nodes[index]
            if let parent = node.parent.map({ Int($0.index) }) {
                chrome[index] = chrome[parent]
                list[index] = list[parent]
                inMain[index] = inMain[parent]
                sectioned[index] = sectioned[parent] || Self.sectioning.contains(document.nodes[parent].name)
                body[index] = body[parent]
            }
            if index == main { inMain[index] = true }
            if main != nil, !inMain[index], !aboveMain[index] { chrome[index] = true }
            if inMain[index] { body[index] = true }
            guard node.kind == .element else { continue }
            if node.name == "article" { body[index] = true }
            // The page's wrapper is the page, whatever its names say: utility classes
            // ("duration-sidebar") and an open modal's `aria-hidden` on it do not make
            // the document chrome. It holds the main element, or most of the page's
            // text in blocks when there is none.
            let wrapper = aboveMain[index] || main == nil && block[index] && 2 * text[index] >= total
            if !wrapper, Self.isChrome(node, sectioned: sectioned[index], linked: link[index]) { chrome[index] = true }
            switch node.name {
            case "li", "dd": list[index] = .item
            case "dt": list[index] = .label
            // A table's cells are not list items, even in a list.
            case "table": list[index] = .text
            default: break
            }
        }
        var below = Array(repeating: false, count: count)
        for index in document.nodes.indices.reversed() {
            guard let parent = document.nodes[index].parent else { continue }
            if below[index] || chrome[index] { below[Int(parent.index)] = true }
        }
        isChrome = chrome
        containsChrome = below
        listKind = list
        inDocument = body
    }

    /// Whether an element says it is chrome.
    ///
    /// A header or footer is the page's banner or footer only outside sectioning content:
    /// an article's header holds its title (HTML-ARIA, the `banner` role). A header with
    /// no link in it wraps a heading (TYPO3 wraps each content block's heading so): a
    /// site's banner links at least its logo home.
    static func isChrome(_ node: HTMLNode, sectioned: Bool, linked: Bool) -> Bool {
        node.name == "footer" && !sectioned || node.name == "header" && !sectioned && linked
            || PageChrome.elements.contains(node.name) || node.attribute(PageChrome.attribute) != nil
            || PageChrome.isChrome(role: node.attribute("role"), ariaHidden: node.attribute("aria-hidden"))
    }
}
