internal import CharterLocales
internal import CharterModel

/// What each column of a table holds.
struct ColumnMap {
    /// Column → field, for recognised headers.
    var fields: [Int: CookieField] = [:]
    /// Column → header text, for every column (extra columns are keyed by it).
    var headers: [Int: String] = [:]
    /// The service column also names a location ("Service et emplacement").
    var serviceHoldsLocation = false
    /// The name column was found by its cells' shape, not its header.
    var nameFoundByShape = false

    func column(of field: CookieField) -> Int? {
        fields.first { $0.value == field }?.key
    }

    /// Maps header texts to fields; when two columns claim one field, the surer wins
    /// and the other is kept as an extra column.
    init(headers texts: [String], lexicons: LexiconSet) {
        var best: [CookieField: (column: Int, score: Int)] = [:]
        for (column, text) in texts.enumerated() {
            headers[column] = text
            guard let match = lexicons.field(forHeader: text) else { continue }
            if let current = best[match.field], current.score >= match.score { continue }
            best[match.field] = (column, match.score)
        }
        for (field, entry) in best { fields[entry.column] = field }
        if let service = column(of: .service), column(of: .location) == nil,
            let text = headers[service], text.split(separator: " ").count > 1
        {
            let words = text.split { $0 == " " || $0 == "/" || $0 == "&" }.map(String.init)
            serviceHoldsLocation = words.contains { lexicons.field(forHeader: $0)?.field == .location }
        }
    }

    init() {}

    /// How many distinct fields the headers name.
    var recognisedCount: Int { Set(fields.values).count }
}
