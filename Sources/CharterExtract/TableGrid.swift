internal import CharterHTML

/// One cell of a table after `rowspan` and `colspan` are expanded.
struct GridCell {
    /// The lines of the cell: paragraphs, list items and `<br>`-separated lines.
    let lines: [String]
    let isHeaderCell: Bool
    /// The `data-title` / `data-label` attribute responsive tables repeat in each cell.
    let dataTitle: String?
    /// The source cell, shared by the grid positions a span covers.
    let sourceIndex: Int
    /// The lines joined by spaces, computed once: a table is read several times.
    let text: String

    init(lines: [String], isHeaderCell: Bool, dataTitle: String?, sourceIndex: Int) {
        self.lines = lines
        self.isHeaderCell = isHeaderCell
        self.dataTitle = dataTitle
        self.sourceIndex = sourceIndex
        self.text = lines.count == 1 ? lines[0] : lines.joined(separator: " ")
    }

    var isEmpty: Bool { lines.isEmpty }

    /// The same cell holding other lines (a label taken off, one cookie's value).
    func withLines(_ lines: [String]) -> GridCell {
        GridCell(lines: lines, isHeaderCell: isHeaderCell, dataTitle: dataTitle, sourceIndex: sourceIndex)
    }

    static let empty = GridCell(lines: [], isHeaderCell: false, dataTitle: nil, sourceIndex: -1)
}

/// A table as a rectangle of cells, spans expanded, in row order.
struct TableGrid {
    var rows: [[GridCell]]
    /// How many of the first rows came from `<thead>`.
    var headRowCount: Int
    var caption: String?
    /// Nodes and cells the grid's construction went through: extraction's work, counted
    /// so that tests can check it grows linearly with the page (never timed).
    var steps = 0

    /// Each row's text, its cells' texts joined by " · " (a cell a span repeats counted
    /// once), the caption first: how a table that lists no cookie enters the prose.
    func rowTexts() -> [String] {
        var texts: [String] = caption.map { [$0] } ?? []
        for row in rows {
            var seen = Set<Int>()
            let cells = row.filter { !$0.isEmpty && seen.insert($0.sourceIndex).inserted }.map(\.text)
            if !cells.isEmpty { texts.append(cells.joined(separator: " · ")) }
        }
        return texts
    }

    /// Spans are capped: a hostile `colspan="100000"` must not allocate gigabytes.
    static let maxSpan = 64
    static let maxColumns = 128

    init(table: HTMLNodeID, in document: HTMLDocument) {
        var rowNodes: [(HTMLNodeID, inHead: Bool)] = []
        var caption: String?
        // Every row of this table, in document order, wherever it sits: libxml2 2.9
        // recovers an unclosed `<strong>` in a cell by nesting the following rows inside
        // that cell, and they are still this table's rows. Nested tables keep theirs.
        // Walked along the sibling and parent links: a 10,000-row table is walked
        // without an allocation per node.
        var head: HTMLNodeID?  // the outermost <thead> being walked through
        var upcoming = document[table].firstChild
        var steps = 0
        while let id = upcoming {
            steps += 1
            let element = document[id]
            var descend = false
            if element.kind == .element {
                switch element.name {
                case "table": break
                case "caption": if caption == nil { caption = document.text(of: id) }
                case "tr":
                    rowNodes.append((id, head != nil))
                    descend = true
                case "thead":
                    if head == nil { head = id }
                    descend = true
                default: descend = true
                }
            }
            if descend, let child = element.firstChild {
                upcoming = child
                continue
            }
            upcoming = nil
            var leaving = id
            while true {
                if leaving == head { head = nil }
                if let sibling = document[leaving].nextSibling {
                    upcoming = sibling
                    break
                }
                guard let parent = document[leaving].parent, parent != table else { break }
                leaving = parent
                steps += 1
            }
        }
        var rows: [[GridCell]] = []
        // Cells that a rowspan carries into later rows: column → (cell, rows left).
        var carried: [Int: (GridCell, Int)] = [:]
        var sourceIndex = 0
        for (rowNode, _) in rowNodes {
            var row: [GridCell] = []
            func fillCarried() {
                while let (cell, left) = carried[row.count] {
                    row.append(cell)
                    carried[row.count - 1] = left > 1 ? (cell, left - 1) : nil
                }
            }
            for cellNode in document.children(of: rowNode) {
                let node = document[cellNode]
                guard node.kind == .element, node.name == "td" || node.name == "th" else { continue }
                fillCarried()
                steps += 1
                let cell = GridCell(
                    lines: document.lines(of: cellNode, excluding: Self.rowsInsideCells), isHeaderCell: node.name == "th",
                    dataTitle: (node.attribute("data-title") ?? node.attribute("data-label")).map(TextFolding.fold),
                    sourceIndex: sourceIndex)
                sourceIndex += 1
                let colspan = Self.span(node.attribute("colspan"))
                let rowspan = Self.span(node.attribute("rowspan"))
                for _ in 0..<colspan where row.count < Self.maxColumns {
                    if rowspan > 1 { carried[row.count] = (cell, rowspan - 1) }
                    row.append(cell)
                }
            }
            fillCarried()
            rows.append(row)
        }
        let width = rows.map(\.count).max() ?? 0
        for index in rows.indices where rows[index].count < width {
            rows[index].append(contentsOf: repeatElement(.empty, count: width - rows[index].count))
        }
        self.rows = rows
        self.headRowCount = rowNodes.prefix { $0.inHead }.count
        self.caption = caption
        self.steps = steps + rows.count * width
    }

    /// What libxml2 may nest inside a cell while recovering, and is not the cell's text.
    static let rowsInsideCells: Set<String> = ["tr", "table"]

    static func span(_ value: String?) -> Int {
        guard let value, let number = Int(value.filter(\.isNumber).prefix(6)), number > 1 else { return 1 }
        return min(number, maxSpan)
    }

    var columnCount: Int { rows.first?.count ?? 0 }
}
