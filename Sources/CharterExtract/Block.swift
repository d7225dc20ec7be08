internal import CharterHTML
internal import CharterModel

/// A page read as a reader sees it: headings, paragraphs and tables in order.
enum Block {
    case heading(level: Int, text: String)
    /// `emphasized` when all of the paragraph's text is bold: pages often use a bold
    /// line instead of a heading ("**Analytical cookies**"). `list`: `.item` inside a
    /// list item or a `<dd>`, `.label` inside a `<dt>`, `.text` elsewhere.
    case paragraph(text: String, emphasized: Bool, list: ParagraphKind)
    /// Site chrome: a run made only of links ("Terms of Service Privacy Policy
    /// Cookies"), a menu or a footer whatever its markup, or text inside what the page
    /// marks as chrome (`PageChrome`). Kept out of the prose, so that site chrome moving
    /// around is not reported as a change of the charter's text.
    case chrome(text: String)
    case table(HTMLNodeID)

    /// What the paragraph is in the prose: a bold line that reads as a heading heads
    /// what follows (`.label`), whatever list it sits in.
    var paragraphKind: ParagraphKind? {
        guard case .paragraph(_, _, let list) = self else { return nil }
        return headingText != nil ? .label : list
    }

    /// Whether this block can name the category of a table below it.
    var headingText: String? {
        switch self {
        case .heading(_, let text): return text
        case .paragraph(let text, let emphasized, _) where emphasized && text.count <= 120 && !text.hasSuffix("."):
            // A bold line is a heading; a bold sentence is a warning in the prose.
            return text
        default: return nil
        }
    }

    /// A line that names something rather than says it: a few words, no sentence end.
    static func isLabel(_ text: String) -> Bool {
        text.count <= 60 && !text.hasSuffix(".") && text.split(separator: " ").count <= 6
    }
}

/// Walks an `HTMLDocument` into `Block`s, without recursion.
struct BlockReader {
    let document: HTMLDocument
    /// For each node, whether a block-level element lies below it.
    private let containsBlock: [Bool]
    /// For each node, whether a `<table>` lies below it: a table holding another is a
    /// layout table, and its inner tables are read instead.
    private let containsTable: [Bool]
    /// For each node, whether it is page chrome for the prose (`PageChrome`): its text is
    /// left out of the prose, its tables are still read.
    private let isChrome: [Bool]
    /// For each node, whether chrome lies below it (its text is then read without it).
    private let containsChrome: [Bool]
    /// For each node, the list context it sits in (`.item` in `<li>`/`<dd>`, `.label` in `<dt>`).
    private let listKind: [ParagraphKind]
    /// For each node, whether it is inside what the page marks as its document (its
    /// `<main>`, an `<article>`): a list of links there is the policy's (the browsers'
    /// help pages), not a menu.
    private let inDocument: [Bool]

    init(_ document: HTMLDocument) {
        self.document = document
        let count = document.nodes.count
        var block = Array(repeating: false, count: count)
        var table = block
        var text = Array(repeating: 0, count: count)
        var link = block
        // Children come after their parent in the flat array, so one backward pass
        // propagates the flags upwards: linear in the page, however deep tables nest
        // (counting the tables below each table walked its subtree each time).
        for index in document.nodes.indices.reversed() {
            let node = document.nodes[index]
            if node.kind == .text { text[index] = node.text.utf8.count }
            guard let parent = node.parent else { continue }
            if block[index] || node.isBlock { block[Int(parent.index)] = true }
            if table[index] || (node.kind == .element && node.name == "table") { table[Int(parent.index)] = true }
            text[Int(parent.index)] += text[index]
            if link[index] || node.name == "a" { link[Int(parent.index)] = true }
        }
        containsBlock = block
        containsTable = table

        // The page's one main element, when it holds most of the page's text: what lies
        // outside it is the site around the document.
        let mains = document.nodes.indices.filter {
            document.nodes[$0].kind == .element && PageChrome.isMain(name: document.nodes[$0].name, role: document.nodes[$0].attribute("role"))
        }
        let total = document.roots.reduce(0) { $0 + text[Int($1.index)] }
        let main = mains.count == 1 && 2 * text[mains[0]] >= total ? mains[0] : nil
        // Parents come before their children: one forward pass hands each node its
        // parent's context.
        var chrome = Array(repeating: false, count: count)
        var inMain = chrome
        var aboveMain = chrome
        var sectioned = chrome  // below an article, section, main, aside or nav
        var body = chrome  // in the main element or an article
        var list = Array(repeating: ParagraphKind.text, count: count)
        if let main {
            var current: Int? = main
            while let index = current {
                aboveMain[index] = true
                current = document.nodes[index].parent.map { Int($0.index) }
            }
        }
        for index in document.nodes.indices {
            let node = document.nodes[index]
            let parent = node.parent.map { Int($0.index) }
            inMain[index] = index == main || parent.map { inMain[$0] } ?? false
            if let parent {
                chrome[index] = chrome[parent]
                list[index] = list[parent]
                sectioned[index] = sectioned[parent] || Self.sectioning.contains(document.nodes[parent].name)
                body[index] = body[parent]
            }
            if main != nil, !inMain[index], !aboveMain[index] { chrome[index] = true }
            if inMain[index] { body[index] = true }
            guard node.kind == .element else { continue }
            if node.name == "article" { body[index] = true }
            // A header or footer is the page's banner or footer only outside sectioning
            // content: an article's header holds its title (HTML-ARIA, `banner` role).
            // A header with no link in it wraps a heading (TYPO3 wraps each content
            // block's heading so): a site's banner links at least its logo home.
            // The page's wrapper is the page, whatever its names say: utility classes
            // ("duration-sidebar") and an open modal's `aria-hidden` on it do not make
            // the document chrome. It holds the main element, or most of the page's text
            // in blocks when there is none.
            let wrapper = aboveMain[index] || main == nil && block[index] && 2 * text[index] >= total
            if !wrapper,
                node.name == "footer" && !sectioned[index] || node.name == "header" && !sectioned[index] && link[index]
                    || PageChrome.elements.contains(node.name) || node.attribute(PageChrome.attribute) != nil
                    || PageChrome.isChrome(role: node.attribute("role"), ariaHidden: node.attribute("aria-hidden"))
            {
                chrome[index] = true
            }
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

    /// The blocks of the page; those inside navigation, headers, footers and asides
    /// (site chrome, not charter text) are left out.
    func blocks() -> [Block] {
        var steps = 0
        return blocks(steps: &steps)
    }

    /// The blocks, and in `steps` the nodes visited to make them (a test's measure of work).
    func blocks(steps: inout Int) -> [Block] {
        var blocks: [Block] = []
        var pending: [HTMLNodeID] = []
        var stack: [HTMLNodeID?] = Array(document.roots.reversed())

        func flush() {
            guard !pending.isEmpty else { return }
            if pending.allSatisfy({ isChrome[Int($0.index)] }) {
                let text = TextFolding.fold(pending.map { document.rawText(of: $0) }.joined())
                if !text.isEmpty { blocks.append(.chrome(text: text)) }
                pending = []
                return
            }
            // Chrome inside the run (a screen-reader note, an icon's hidden label) is left out.
            pending.removeAll { isChrome[Int($0.index)] }
            let text = TextFolding.fold(
                pending.map { containsChrome[Int($0.index)] ? document.rawText(of: $0, skipping: isChrome) : document.rawText(of: $0) }
                    .joined())
            if !text.isEmpty {
                if !inDocument[Int(pending[0].index)], isLinkRun(pending, steps: &steps) {
                    blocks.append(.chrome(text: text))
                } else {
                    blocks.append(
                        .paragraph(
                            text: text, emphasized: pending.allSatisfy { isEmphasized($0, steps: &steps) },
                            list: listKind[Int(pending[0].index)]))
                }
            }
            pending = []
        }

        // A nil on the stack marks the end of a block: it ends the block's inline run.
        while let entry = stack.popLast() {
            steps += 1
            guard let id = entry else {
                flush()
                continue
            }
            let node = document[id]
            if node.kind == .element, HTMLVocabulary.isIgnored(node.name) || Self.chrome.contains(node.name) {
                if node.isBlock || node.name == "head" { flush() }
                continue
            }
            // Chrome with no table below it is passed over whole: its text is not prose
            // and nothing in it is read. With a table (a consent dialog listing the
            // cookies), it is walked: the table is read, and the headings naming its
            // category; its other text is kept out of the prose.
            if node.kind == .element, isChrome[Int(id.index)], !containsTable[Int(id.index)], node.name != "table",
                HTMLVocabulary.headingLevel(node.name) == nil
            {
                if node.isBlock || containsBlock[Int(id.index)] {
                    flush()
                    let text = document.text(of: id)
                    if !text.isEmpty { blocks.append(.chrome(text: text)) }
                } else {
                    pending.append(id)
                }
                continue
            }
            if node.kind == .text || (!node.isBlock && !containsBlock[Int(id.index)]) {
                pending.append(id)
                continue
            }
            flush()
            if node.name == "table", !hasNestedTable(id) {
                blocks.append(.table(id))
                continue
            }
            if let level = HTMLVocabulary.headingLevel(node.name) {
                let text = document.text(of: id)
                // A heading in chrome (a consent dialog's "Statistics (3)") still names
                // the table below it.
                if !text.isEmpty { blocks.append(.heading(level: level, text: text)) }
                continue
            }
            stack.append(nil)
            stack.append(contentsOf: document.children(of: id).reversed())
        }
        flush()
        return blocks
    }

    /// Elements passed over whole, tables included.
    static let chrome: Set<String> = ["nav", "aside", "head", "form"]
    /// Elements whose headers and footers are their own, not the page's.
    static let sectioning: Set<String> = ["article", "section", "main", "aside", "nav"]
    static let emphasis: Set<String> = ["strong", "b"]
    static let link: Set<String> = ["a"]

    private func hasNestedTable(_ table: HTMLNodeID) -> Bool { containsTable[Int(table.index)] }

    /// Whether every non-blank text below `id` sits inside `<strong>` or `<b>`.
    private func isEmphasized(_ id: HTMLNodeID, steps: inout Int) -> Bool {
        allText(below: id, steps: &steps) { hasInlineAncestor($0, in: Self.emphasis) }
    }

    /// Whether a run is a menu: all its text is the text of links, or it is four links
    /// or more with at most a tenth of its text outside them (a language menu whose
    /// current language is plain text, links separated by "|").
    private func isLinkRun(_ run: [HTMLNodeID], steps: inout Int) -> Bool {
        var linked = 0
        var unlinked = 0
        var links = 0
        for id in run {
            var visited = 0
            document.walk(id, skippingNodes: isChrome) { node, entering in
                visited += 1
                guard entering else { return }
                if node.kind == .element, Self.link.contains(node.name) { links += 1 }
                guard node.kind == .text, !TextFolding.isBlank(node.text) else { return }
                if hasInlineAncestor(node, in: Self.link) { linked += node.text.utf8.count } else { unlinked += node.text.utf8.count }
            }
            steps += visited
        }
        if linked > 0 && unlinked == 0 { return true }
        return links >= 4 && unlinked * 10 <= linked + unlinked
    }

    private func allText(below id: HTMLNodeID, steps: inout Int, _ condition: (HTMLNode) -> Bool) -> Bool {
        var holds = true
        var visited = 0
        defer { steps += visited }
        document.walk(id) { node, entering in
            visited += 1
            guard entering, holds, node.kind == .text, !TextFolding.isBlank(node.text) else { return }
            if !condition(node) { holds = false }
        }
        return holds
    }

    /// Whether one of the node's inline ancestors (up to its block) is named so.
    private func hasInlineAncestor(_ node: HTMLNode, in names: Set<String>) -> Bool {
        var current = node.parent
        var steps = 0
        while let id = current, steps < 8 {
            let ancestor = document[id]
            if names.contains(ancestor.name) { return true }
            if ancestor.isBlock { return false }
            current = ancestor.parent
            steps += 1
        }
        return false
    }
}
