internal import CharterLocales
internal import CharterModel

/// Cookies described as "cards" instead of table rows: repeated label–value lines
/// (`Name: _ga`, `Provider: Google`, `Expiry: 2 years`), or `<dl>` lists of `<dt>Name</dt>
/// <dd>_ga</dd>`. Consent-manager exports and plugin-made pages use both.
struct LabelledRecords {
    let lexicons: LexiconSet

    /// One field read from a line.
    struct Pair {
        let field: CookieField
        let label: String
        let value: String
    }

    /// A run of consecutive label–value blocks that names at least one cookie.
    struct Record {
        var start: Int
        var pairs: [Pair] = []
        var names: Bool { pairs.contains { $0.field == .name } }
    }

    /// The records of a page, each with the block index where it starts.
    func records(in blocks: [Block]) -> [Record] {
        var records: [Record] = []
        var current: Record?
        func close() {
            if let record = current, record.names, Set(record.pairs.map(\.field)).count >= 2 { records.append(record) }
            current = nil
        }
        var index = 0
        while index < blocks.count {
            guard case .paragraph(let text, _) = blocks[index] else {
                close()
                index += 1
                continue
            }
            var pair: Pair?
            var consumed = 1
            if let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 40 {
                let label = String(text[..<colon])
                let value = text[text.index(after: colon)...].trimming(" ")
                if !value.isEmpty, let match = lexicons.field(forHeader: label) { pair = Pair(field: match.field, label: label, value: value) }
            } else if text.count <= 40, let match = lexicons.field(forHeader: text), match.score >= 1000,
                index + 1 < blocks.count, case .paragraph(let value, _) = blocks[index + 1]
            {
                // "<dt>Name</dt><dd>_ga</dd>": an exact field label, then its value.
                pair = Pair(field: match.field, label: text, value: value)
                consumed = 2
            }
            guard let pair else {
                close()
                index += 1
                continue
            }
            if pair.field == .name, current?.names == true { close() }
            if current == nil { current = Record(start: index) }
            current?.pairs.append(pair)
            index += consumed
        }
        close()
        return records
    }

    /// The cookies of one record, sharing its fields.
    func cookies(_ record: Record, table: Int, section: CookieLabel?, reader: TableReader) -> [Cookie] {
        var map = ColumnMap()
        var cells: [GridCell] = []
        for (column, pair) in record.pairs.enumerated() {
            map.headers[column] = pair.label
            if map.column(of: pair.field) == nil { map.fields[column] = pair.field }
            cells.append(GridCell(lines: [pair.value], isHeaderCell: false, dataTitle: nil, sourceIndex: column))
        }
        guard let nameColumn = map.column(of: .name) else { return [] }
        let template = reader.cookie(from: cells, map: map, section: section)
        return CookieNames.split(cells[nameColumn].lines).enumerated().map { row, name in
            var cookie = template
            cookie.name = name
            cookie.origin = Origin(table: table, row: row)
            return cookie
        }
    }
}
