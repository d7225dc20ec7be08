internal import CharterLocales
internal import CharterModel
internal import Foundation

/// Cookies described as "cards" or lists instead of table rows. Real pages write them as
/// - label–value lines (`Name: _ga`, `Provider: Google`), one a line or a list item;
/// - inline cards (`Name: _ga; Purpose: …; Lifetime: 2 years.`);
/// - a line or heading naming the cookie (`* \`__cfduid\`:`, `### _ga`, `<dt>_ga</dt>`),
///   then label–value lines or a description under it;
/// - list items naming cookies, then describing them (`**_ga**, **_gid** – …, 2 years`).
/// Labels are matched like table headers; a cookie name is recognised by its shape.
struct LabelledRecords {
    let lexicons: LexiconSet

    /// One field read from a line.
    struct Pair {
        let field: CookieField
        let label: String
        let value: String
    }

    /// A run of blocks that describes one cookie (or several named together).
    struct Record {
        var start: Int
        var pairs: [Pair] = []
        /// Named by a line or heading, described in prose: no labelled field besides the name.
        var described = false
        var names: Bool { pairs.contains { $0.field == .name } }
        var fields: Set<CookieField> { Set(pairs.map(\.field)) }
    }

    /// The records of a page, each with the block index where it starts.
    func records(in blocks: [Block]) -> [Record] {
        var records: [Record] = []
        var current: Record?
        func close() {
            if let record = current, record.names, record.fields.count >= 2 { records.append(record) }
            current = nil
        }
        func start(_ index: Int, _ pairs: [Pair], described: Bool = false) {
            close()
            current = Record(start: index, pairs: pairs, described: described)
        }
        /// One labelled field; a second name starts the next record.
        func add(_ pair: Pair, at index: Int) {
            if pair.field == .name, current?.names == true { close() }
            if current == nil { current = Record(start: index) }
            current?.pairs.append(pair)
            current?.described = false
        }
        var index = 0
        while index < blocks.count {
            defer { index += 1 }
            let text: String
            switch blocks[index] {
            case .paragraph(let paragraph, _, _): text = paragraph
            case .heading(_, let heading):
                // "### _ga": a heading naming the cookie the lines under it describe.
                if let names = namesOnly(heading) { start(index, [Pair(field: .name, label: "", value: names)]) } else { close() }
                continue
            case .table, .chrome:
                close()
                continue
            }
            let pairs = inlinePairs(text)
            if pairs.count >= 2, pairs.contains(where: { $0.field == .name }) {
                // An inline card: a whole record on one line.
                start(index, pairs)
                close()
                continue
            }
            if let pair = pairs.first {
                add(pair, at: index)
                continue
            }
            if text.count <= 40, let match = lexicons.field(forHeader: text), match.score >= 1000,
                index + 1 < blocks.count, case .paragraph(let value, _, _) = blocks[index + 1],
                match.field != .name || namesOnly(value) != nil
            {
                // "<dt>Name</dt><dd>_ga</dd>": an exact field label, then its value.
                add(Pair(field: match.field, label: text, value: value), at: index)
                index += 1
                continue
            }
            if let names = namesOnly(text) {
                start(index, [Pair(field: .name, label: "", value: names)])
                continue
            }
            if let described = namesAndDescription(text) {
                start(index, described, described: true)
                continue
            }
            if let record = current, record.pairs.count == 1, record.names, !Block.isLabel(text) {
                // "<dt>_ga</dt><dd>Distinguishes users.</dd>": the name, then what it does.
                current?.pairs.append(Pair(field: .purpose, label: "", value: text))
                current?.described = true
                continue
            }
            close()
        }
        close()
        // A name followed by prose is a cookie only where the page lists several so, and
        // one of them at least is unmistakably a cookie name ("_ga", "PHPSESSID"): a lone
        // "GDPR: …" or "Matomo – …" is prose.
        let described = records.filter(\.described)
        let unmistakable = described.filter { record in
            record.pairs.contains { $0.field == .name && CookieNames.split([$0.value]).contains(where: Self.isUnmistakable) }
        }
        let listed = described.count >= 2 && unmistakable.count * 3 >= described.count
        return listed ? records : records.filter { !$0.described }
    }

    /// The cookies of one record, sharing its fields.
    func cookies(_ record: Record, table: Int, section: CookieLabel?, reader: TableReader) -> [Cookie] {
        var map = ColumnMap()
        var cells: [GridCell] = []
        var pairs = record.pairs
        // "Name: _ga (Google)": the company beside the name, when no line gives one.
        if let index = pairs.firstIndex(where: { $0.field == .name }), let company = TableReader.parenthesised(pairs[index].value),
            !pairs.contains(where: { $0.field == .provider }), CookieNames.nameLikeness(company) < 1
        {
            let value = pairs[index].value
            pairs[index] = Pair(field: .name, label: pairs[index].label, value: String(value[..<value.lastIndex(of: "(")!]).trimming(" "))
            pairs.append(Pair(field: .provider, label: "", value: company))
        }
        for (column, pair) in pairs.enumerated() {
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

    // MARK: Lines

    /// The label–value pairs of a line: "Label: value" at its start and after each
    /// separator (";", "|", a sentence end, a dash), when the label is a field's header.
    func inlinePairs(_ text: String) -> [Pair] {
        // "- Name: …" (an escaped bullet kept in the text) is read without its dash.
        let line = text.drop { " -–•*".contains($0) }
        var starts: [(label: Substring.Index, colon: Substring.Index, field: CookieField, name: String)] = []
        var candidate: Substring.Index? = line.startIndex
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == ":" {
                if let from = candidate, line.distance(from: from, to: index) <= 40,
                    case let label = String(line[from..<index]).trimming(" "), !label.isEmpty,
                    let match = lexicons.field(forHeader: label), match.score >= 1000 || label.split(separator: " ").count <= 3
                {
                    starts.append((from, index, match.field, label))
                } else if starts.last.map({ $0.colon < index }) ?? false, let found = exactLabel(endingAt: index, in: line) {
                    // "Name: lang<br>Provider: …": lines a <br> ended, folded into one; an
                    // exact field label of a few words right before the colon starts a pair.
                    starts.append((found.start, index, found.field, found.label))
                }
                candidate = nil
            } else if ";|–—•\n".contains(character) {
                candidate = line.index(after: index)
            } else if character == ".", line.index(after: index) == line.endIndex || line[line.index(after: index)] == " " {
                // A sentence's full stop, not the dot inside "_pk_id.*".
                candidate = line.index(after: index)
            }
            index = line.index(after: index)
        }
        guard let first = starts.first, line[..<first.label].allSatisfy({ $0 == " " }) else { return [] }
        var pairs: [Pair] = []
        for (position, start) in starts.enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1].label : line.endIndex
            var value = String(line[line.index(after: start.colon)..<end]).trimming(" ")
            // The separator before the next label belongs to no value.
            // A purpose keeps its full stop; a company or a lifetime does not have one.
            while let last = value.last, ";|–—•".contains(last) || (last == "." && start.field != .purpose) {
                value.removeLast()
                value = value.trimming(" ")
            }
            // "Cookies: the data we call browsing data…" names no cookie.
            guard !value.isEmpty, start.field != .name || namesOnly(value) != nil else { continue }
            pairs.append(Pair(field: start.field, label: start.name, value: value))
        }
        return pairs
    }

    /// The last one to four words before `colon` that are exactly a field's label, the
    /// longest first.
    func exactLabel(endingAt colon: Substring.Index, in line: Substring) -> (start: Substring.Index, field: CookieField, label: String)? {
        var spaces: [Substring.Index] = []
        var cursor = colon
        while cursor > line.startIndex, spaces.count < 4 {
            cursor = line.index(before: cursor)
            if line[cursor] == " " { spaces.append(line.index(after: cursor)) }
        }
        for start in spaces.reversed() {
            let label = String(line[start..<colon]).trimming(" ")
            if !label.isEmpty, let match = lexicons.field(forHeader: label), match.score >= 1000 { return (start, match.field, label) }
        }
        return nil
    }

    /// The names a line gives and nothing else ("__cfduid:", "_ga + _gid", "`_fbp`",
    /// "_ga und _gid"), joined by commas for `CookieNames.split`. Each name is one word;
    /// several must be joined by a comma, "+", "&" or "and", and one of them at least be
    /// an identifier ("_ga"): "les données dites" is prose.
    func namesOnly(_ text: String) -> String? {
        var line = text.trimming(" :")
        guard !line.isEmpty, line.utf8.count <= 200 else { return nil }
        if line.hasSuffix(")"), let open = line.lastIndex(of: "("), open > line.startIndex {
            // "_gcl_au (Google)": a company beside the name stays for the record.
            guard line.index(after: open) < line.index(before: line.endIndex) else { return nil }
            line = String(line[..<open]).trimming(" ")
        }
        var names: [String] = []
        var joined = true  // whether the next word may be a name: at the start, or after a joiner
        for piece in line.split(separator: " ") {
            var word = Substring(piece)
            let comma = word.hasSuffix(",")
            if comma { word = word.dropLast() }
            let cleaned = CookieNames.clean(String(word))
            if cleaned.isEmpty || cleaned == "+" || cleaned == "&" || (!names.isEmpty && Self.connectors.contains(cleaned.lowercased())) {
                joined = true
                continue
            }
            guard joined, CookieNames.nameLikeness(cleaned) >= 0.5 else { return nil }
            names.append(cleaned)
            joined = comma
        }
        guard !names.isEmpty, names.count == 1 || names.contains(where: { CookieNames.nameLikeness($0) >= 1 }) else { return nil }
        // "Statistik-Cookies" names a category: a heading, not a cookie ("cookie-functional"
        // is a name: lower case, as cookie names are written).
        guard names.count > 1 || names[0].first?.isUppercase != true || names[0].contains("_")
            || lexicons.categoryLabel(in: names[0]) == nil
        else { return nil }
        return names.joined(separator: ", ")
    }

    /// "and" in the languages of the lexicons and a few more: words that join names.
    static let connectors: Set<String> = ["and", "et", "und", "e", "y", "en", "i", "och", "og", "ja", "a", "și", "si", "oraz", "an", "és", "ve"]

    /// "`_ga`, `_gid` (Google) – used to distinguish users, 2 years": names, then what
    /// they do. The description gives the purpose, and its last part the retention when
    /// it is a lifetime ("2 years", "deleted when the browser closes").
    func namesAndDescription(_ text: String) -> [Pair]? {
        guard let cut = [": ", " – ", " — ", " - "].compactMap({ text.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }),
            text.distance(from: text.startIndex, to: cut.lowerBound) <= 120
        else { return nil }
        let head = String(text[..<cut.lowerBound])
        guard let names = namesOnly(head) else { return nil }
        var description = String(text[cut.upperBound...]).trimming(" ")
        var pairs = [Pair(field: .name, label: "", value: names)]
        if let company = TableReader.parenthesised(head.trimming(" ")), CookieNames.nameLikeness(company) < 1 {
            pairs.append(Pair(field: .provider, label: "", value: company))
        }
        // The lifetime is the description's last part ("…, 2 years", "…; Sitzung"), or
        // all of it ("– 3 meses").
        let cuts = [", ", "; ", " – ", " — "].compactMap { description.range(of: $0, options: .backwards) }
        let last = cuts.max { $0.lowerBound < $1.lowerBound }
        let tail = String(last.map { description[$0.upperBound...] } ?? Substring(description)).trimming(" .")
        let reading = lexicons.retention(tail)
        // A whole description is a lifetime only when it is short ("3 meses", "Sitzung"):
        // "Speichert die Session-ID …" says what the cookie does.
        if tail.split(separator: " ").count <= (last == nil ? 3 : 6), reading.seconds != nil || reading.session {
            pairs.append(Pair(field: .retention, label: "", value: tail))
            description = last.map { String(description[..<$0.lowerBound]) } ?? ""
        }
        if description.isEmpty, pairs.contains(where: { $0.field == .retention }) { return pairs }
        guard !description.isEmpty else { return nil }
        pairs.append(Pair(field: .purpose, label: "", value: description))
        return pairs
    }

    /// A name no word of prose has: an underscore or a digit in it, or a run of capitals.
    static func isUnmistakable(_ name: String) -> Bool {
        name.contains("_") || name.contains(where: \.isNumber)
            || (name.count >= 4 && name.allSatisfy { $0.isUppercase || $0.isNumber })
    }
}
