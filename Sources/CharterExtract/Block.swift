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
    /// What is chrome, what is a list, what is the document (`PageLayout`), per node.
    private let isChrome: [Bool]
    private let containsChrome: [Bool]
    private let listKind: [ParagraphKind]
    private let inDocument: [Bool]

    init(_ document: HTMLDocument) {
        self.document = document
        var block = Array(repeating: false, count: document.nodes.count)
        var table = block
        // Children come after their parent in the flat array, so one backward pass
        // propagates the flags upwards: linear in the page, however deep tables nest
        // (counting the tables below each table walked its subtree each time).
        for index in document.nodes.indices.reversed() {
            let node = document.nodes[index]
            guard let parent = node.parent else { continue }
            if block[index] || node.isBlock { block[Int(parent.index)] = true }
            if table[index] || (node.kind == .element && node.name == "table") { table[Int(parent.index)] = true }
        }
        containsBlock = block
        containsTable = table
        let layout = PageLayout(document, containsBlock: block)
        isChrome = layout.isChrome
        containsChrome = layout.containsChrome
        listKind = layout.listKind
        inDocument = layout.inDocument
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
                pending.map { document.rawText(of: $0, skipping: containsChrome[Int($0.index)] ? isChrome : nil) }.joined())
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
