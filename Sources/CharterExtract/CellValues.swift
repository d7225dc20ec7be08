internal import CharterLocales
internal import CharterModel
internal import Foundation

/// What a cell says once the page's own scaffolding is taken off it: the label a
/// responsive table repeats in each cell ("Provider<br>Google", "Durée : 13 mois"), and,
/// in a row naming several cookies, the value each cookie gets ("_ga: 2 years _gid: 24 hours").
struct CellValues {
    let lexicons: LexiconSet

    /// The cell without a leading field label, and the field the label names. Only an
    /// exact header word counts ("Anbieter:", "Name" on its own line): a purpose opening
    /// "Tecnico:" or "Note:" keeps its text.
    func unlabelled(_ cell: GridCell) -> (cell: GridCell, field: CookieField?) {
        guard let first = cell.lines.first, first.utf8.count <= 60 else { return (cell, nil) }
        if cell.lines.count >= 2, let field = exactField(first.trimming(" :")) {
            return (cell.withLines(Array(cell.lines.dropFirst())), field)
        }
        guard let colon = first.utf8.firstIndex(of: UInt8(ascii: ":")) else { return (cell, nil) }
        let value = first[first.utf8.index(after: colon)...].trimming(" ")
        guard !value.isEmpty, let field = exactField(String(first[..<colon]).trimming(" ")) else { return (cell, nil) }
        return (cell.withLines([value] + cell.lines.dropFirst()), field)
    }

    /// The cell without its column's header written before the value ("Name sessionid"
    /// under "Name"), when it starts so.
    static func withoutHeader(_ cell: GridCell, header: String) -> GridCell? {
        guard let first = cell.lines.first, (2...30).contains(header.count), first.hasPrefix(header + " ") || first.hasPrefix(header + ":")
        else { return nil }
        let value = first.dropFirst(header.count).trimming(" :")
        guard !value.isEmpty else { return nil }
        return cell.withLines([value] + cell.lines.dropFirst())
    }

    private func exactField(_ label: String) -> CookieField? {
        guard !label.isEmpty, label.utf8.count <= 40, let match = lexicons.field(forHeader: label), match.score >= 1000 else { return nil }
        return match.field
    }

    /// The value of each named cookie when the cell gives one per name, in their order
    /// ("_ga: 2 years _gid: 24 hours", "_ga – 2 Jahre; _gid – 1 Tag"); nil when it does not
    /// (then every cookie of the row shares the cell).
    static func perName(_ text: String, names: [String]) -> [String]? {
        // The cell must open with the first name: checked first, as bytes, since most
        // cells of a multi-name row are one shared value.
        guard names.count >= 2, text.utf8.count <= 4_000,
            text.utf8.drop(while: { $0 == UInt8(ascii: " ") }).starts(with: names[0].utf8)
        else { return nil }
        var starts: [(name: String.Index, value: String.Index)] = []
        var from = text.startIndex
        for name in names {
            guard let found = marker(of: name, in: text, from: from) else { return nil }
            starts.append(found)
            from = found.value
        }
        // The first name found must be the one the cell opens with.
        guard text[..<starts[0].name].allSatisfy({ $0 == " " }) else { return nil }
        return starts.indices.map { index in
            let end = index + 1 < starts.count ? starts[index + 1].name : text.endIndex
            return text[starts[index].value..<end].trimming(" ;,.|")
        }
    }

    /// Where "name:" / "name –" / "name -" stands in the text at or after `from`, as a
    /// whole word, and where its value starts.
    private static func marker(of name: String, in text: String, from: String.Index) -> (name: String.Index, value: String.Index)? {
        var search = from
        while let range = text[search...].range(of: name) {
            search = range.upperBound
            let before = range.lowerBound == text.startIndex ? " " : text[text.index(before: range.lowerBound)]
            guard before == " " || before == ";" || before == "," else { continue }
            var cursor = range.upperBound
            while cursor < text.endIndex, text[cursor] == " " { cursor = text.index(after: cursor) }
            guard cursor < text.endIndex, [":", "–", "—", "-", "="].contains(text[cursor]) else { continue }
            return (range.lowerBound, text.index(after: cursor))
        }
        return nil
    }
}

extension LexiconSet {
    /// A retention cell that also states the cookie's type ("Persistent, 13 months",
    /// "Permanente – 1 anno", "Relační, do zavření prohlížeče"): the duration part, and
    /// the rest, kept apart so that nothing is lost. Nil when the cell is one value.
    func splitTypeAndDuration(_ text: String) -> (type: String, duration: String)? {
        // Every retention cell comes here: most have no separator, found on bytes.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "/") || $0 == 0xE2 })
        else { return nil }
        for separator in [", ", " – ", " — ", " - ", " / "] {
            guard let range = text.range(of: separator) else { continue }
            let head = String(text[..<range.lowerBound]).trimming(" ")
            let tail = String(text[range.upperBound...]).trimming(" ")
            // The type is a word or two of letters ("Persistent", "HTTP Cookie").
            guard !head.isEmpty, !tail.isEmpty, head.split(separator: " ").count <= 2,
                head.allSatisfy({ $0.isLetter || $0 == " " })
            else { continue }
            let headReading = retention(head)
            let tailReading = retention(tail)
            if headReading.seconds == nil, tailReading.seconds != nil || tailReading.session { return (head, tail) }
        }
        return nil
    }
}
