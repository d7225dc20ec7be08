internal import CharterLocales
internal import CharterModel

/// What a label says about the cookies under it — a heading or caption above a table, a
/// full-width row inside it, or a category cell of the row itself: their category (or
/// that they need consent, for no stated purpose), and who sets them.
struct CookieLabel {
    let reading: CategoryLabel?
    let party: Party?
    let label: String
    let source: Evidence.Source

    /// The label a text makes, when it names a category, asks for consent or names a party.
    init?(_ text: String, source: Evidence.Source, lexicons: LexiconSet) {
        reading = lexicons.categoryLabel(in: text)
        party = lexicons.party(in: text)
        guard reading != nil || party != nil else { return nil }
        label = text
        self.source = source
    }
}

/// Reads one table grid as a cookie table, or says why it is not one.
struct TableReader {
    let lexicons: LexiconSet
    /// Whether the page uses the word "cookie" (or a tracker word) at all: a table
    /// whose name column is found only by its cells' shape must sit on such a page.
    let pageMentionsCookies: Bool

    enum Outcome {
        case cookies([Cookie], warnings: [String])
        /// A vendor, partner or subprocessor table: companies, no cookie names.
        case parties([DisclosedParty])
        case notCookieTable(reason: String)
    }

    func read(_ grid: TableGrid, tableIndex: Int, section: CookieLabel?, previous: ColumnMap?) -> Outcome {
        guard grid.columnCount >= 2, !grid.rows.isEmpty else {
            return .notCookieTable(reason: "it has fewer than two columns")
        }
        var grid = grid
        var (map, headerRow) = findHeader(grid)
        stripCellLabels(&grid, map: &map)
        let rows = grid.rows
        demoteCategoryColumnOfCompanies(&map, grid, after: headerRow)
        var warnings: [String] = []
        if map.column(of: .name) == nil, let vertical = readVertical(grid, tableIndex: tableIndex, section: section) {
            return .cookies(vertical, warnings: [])
        }
        if map.column(of: .name) == nil {
            if let shaped = nameColumnByShape(grid, after: headerRow, map: map), pageMentionsCookies || map.recognisedCount > 0 {
                map.fields[shaped] = .name
                map.nameFoundByShape = true
            } else if let previous, previous.headers.count == grid.columnCount, headerRow == nil {
                // A table continued after a break, without its header row again.
                map = previous
            }
        }
        if map.nameFoundByShape, headerRow == nil, let first = rows.indices.first(where: { !rows[$0].allSatisfy(\.isEmpty) }),
            let column = map.column(of: .name), Self.isUnrecognisedHeader(rows[first], nameColumn: column)
        {
            // "<td><strong>Küpsise nimi</strong>": a header row in a language no lexicon
            // knows, above a column of names. Its texts key the columns left unmapped.
            headerRow = first
            for (index, cell) in rows[first].enumerated() where !cell.isEmpty { map.headers[index] = cell.text }
        }
        // The fields the page's headers name, the name column found by shape aside.
        let stated = map.recognisedCount - (map.nameFoundByShape ? 1 : 0)
        if map.column(of: .name) != nil {
            ColumnShapes(lexicons: lexicons).type(&map, body: rows.dropFirst((headerRow ?? -1) + 1), headersKnown: stated)
        }
        guard let nameColumn = map.column(of: .name) else {
            if let parties = readParties(grid, map: map, headerRow: headerRow, tableIndex: tableIndex, section: section) {
                return .parties(parties)
            }
            return .notCookieTable(reason: "no column holds cookie names")
        }
        let otherFields = map.recognisedCount - 1
        guard otherFields >= 1 || (map.nameFoundByShape && grid.columnCount >= 2) else {
            return .notCookieTable(reason: "only a name column was recognised")
        }
        if map.nameFoundByShape, stated <= 1 {
            warnings.append(
                "table \(tableIndex + 1): headers not recognised (at most one); the cookie names were found by the shape of column \(nameColumn + 1), the other columns by their cells")
        }

        var cookies: [Cookie] = []
        var groupCategory: CookieLabel?
        let headerTexts = headerRow.map { rows[$0].map(\.text) }
        let firstDataRow = (headerRow ?? -1) + 1
        for rowIndex in firstDataRow..<rows.count {
            let row = rows[rowIndex]
            if row.allSatisfy(\.isEmpty) { continue }
            if let headerTexts, row.lazy.map(\.text).elementsEqual(headerTexts) { continue }
            // One cell spanning the whole row: a group heading inside the table.
            if row.allSatisfy({ $0.sourceIndex == row[0].sourceIndex }) {
                if let label = CookieLabel(row[0].text, source: .groupRow, lexicons: lexicons) { groupCategory = label }
                continue
            }
            let names = CookieNames.split(row[nameColumn].lines)
            guard !names.isEmpty else { continue }
            let template = cookie(from: row, map: map, section: groupCategory ?? section)
            let perName = rowsPerName(row, names: names, nameColumn: nameColumn)
            for (position, name) in names.enumerated() {
                var entry = perName.map { cookie(from: $0[position], map: map, section: groupCategory ?? section) } ?? template
                entry.name = name
                entry.origin = Origin(table: tableIndex, row: rowIndex - firstDataRow)
                cookies.append(entry)
            }
        }
        guard !cookies.isEmpty else { return .notCookieTable(reason: "no row names a cookie") }
        return .cookies(cookies, warnings: warnings)
    }

    // MARK: Cells

    /// Takes off the labels responsive tables repeat in body cells ("Anbieter: Google",
    /// "Name<br>_ga") where most cells of a column carry the label of the column's field,
    /// and sets the field of a column no header named to the one its labels name: such a
    /// table needs no header row. A label in a few cells only ("Domain: paypal.com" in a
    /// name column) is the page's text.
    func stripCellLabels(_ grid: inout TableGrid, map: inout ColumnMap) {
        let values = CellValues(lexicons: lexicons)
        let body = grid.rows.indices.filter { $0 >= grid.headRowCount && !grid.rows[$0].allSatisfy { $0.isHeaderCell || $0.isEmpty } }
        func unlabelled(_ cell: GridCell, column: Int) -> (GridCell, CookieField?) {
            let (stripped, field) = values.unlabelled(cell)
            if field == nil, let known = map.fields[column], let header = map.headers[column],
                let withoutHeader = CellValues.withoutHeader(cell, header: header)
            {
                // "<span class=label>Name</span> sessionid": the column's own header again.
                return (withoutHeader, known)
            }
            return (stripped, field)
        }
        // Forty rows decide a column (a 10,000-row table is not searched for labels cell by
        // cell); then every cell of a labelled column loses its label.
        let sample = body.prefix(40)
        guard let width = grid.rows.first?.count else { return }
        for column in 0..<width {
            var counts: [CookieField: Int] = [:]
            for row in sample where column < grid.rows[row].count {
                if let field = unlabelled(grid.rows[row][column], column: column).1 { counts[field, default: 0] += 1 }
            }
            guard let (field, count) = counts.max(by: { $0.value < $1.value }), count * 2 > sample.count else { continue }
            // The label names the column's field, or the field of a column no header named.
            if map.fields[column] == nil, map.column(of: field) == nil { map.fields[column] = field }
            guard map.fields[column] == field else { continue }
            for row in body where column < grid.rows[row].count {
                let (cell, found) = unlabelled(grid.rows[row][column], column: column)
                if found == field { grid.rows[row][column] = cell }
            }
        }
    }

    /// One row per named cookie when the row's cells give a value per name ("_ga: 2 years
    /// _gid: 24 hours"); nil when every cookie shares the row.
    func rowsPerName(_ row: [GridCell], names: [String], nameColumn: Int) -> [[GridCell]]? {
        guard names.count >= 2 else { return nil }
        var rows = Array(repeating: row, count: names.count)
        var split = false
        for column in row.indices where column != nameColumn && row[column].sourceIndex != row[nameColumn].sourceIndex {
            guard let values = CellValues.perName(row[column].text, names: names) else { continue }
            split = true
            for (index, value) in values.enumerated() {
                rows[index][column] = row[column].withLines([value])
            }
        }
        return split ? rows : nil
    }

    // MARK: Parties

    /// A table of companies rather than cookies — "Partner | Sitz | Zweck", "Vendor |
    /// Purpose" — read as the parties the page discloses: a recognised header row with a
    /// company column and one more field, and no cookie-name column.
    func readParties(
        _ grid: TableGrid, map: ColumnMap, headerRow: Int?, tableIndex: Int, section: CookieLabel?
    ) -> [DisclosedParty]? {
        guard let headerRow, let nameColumn = map.column(of: .provider), map.recognisedCount >= 2 else { return nil }
        var parties: [DisclosedParty] = []
        for rowIndex in (headerRow + 1)..<grid.rows.count {
            let row = grid.rows[rowIndex]
            let name = row[nameColumn].text
            guard !name.isEmpty, !CookieNames.isPlaceholder(name), row.contains(where: { $0.sourceIndex != row[nameColumn].sourceIndex }) else { continue }
            // The row read as a cookie row gives its purpose, category and evidence.
            let read = cookie(from: row, map: map, section: section)
            parties.append(DisclosedParty(
                name: name, purpose: read.purpose, category: read.category,
                country: map.column(of: .country).map { row[$0].text }.flatMap { $0.isEmpty ? nil : $0 },
                evidence: read.evidence, origin: Origin(table: tableIndex, row: rowIndex - headerRow - 1)))
        }
        return parties.isEmpty ? nil : parties
    }

    // MARK: Vertical tables

    /// Tables that list one cookie per block of rows, a field per row: "Name | _ga",
    /// "Provider | Google", "Expiry | 2 years" (cookie plugins and CMP exports do this).
    /// A row naming the cookie-name field again starts the next cookie.
    func readVertical(_ grid: TableGrid, tableIndex: Int, section: CookieLabel?) -> [Cookie]? {
        guard grid.columnCount == 2 else { return nil }
        let labels = grid.rows.map { lexicons.field(forHeader: $0[0].text)?.field }
        guard labels.contains(.name), Set(labels.compactMap { $0 }).count >= 2 else { return nil }
        var cookies: [Cookie] = []
        var block: [GridCell] = []
        var headers: [String] = []
        func flush() {
            guard !block.isEmpty else { return }
            let map = ColumnMap(headers: headers, lexicons: lexicons)
            if let nameColumn = map.column(of: .name) {
                let template = cookie(from: block, map: map, section: section)
                for name in CookieNames.split(block[nameColumn].lines) {
                    var entry = template
                    entry.name = name
                    entry.origin = Origin(table: tableIndex, row: cookies.count)
                    cookies.append(entry)
                }
            }
            block = []
            headers = []
        }
        for (row, label) in zip(grid.rows, labels) {
            if label == .name { flush() }
            headers.append(row[0].text)
            block.append(row[1])
        }
        flush()
        return cookies.isEmpty ? nil : cookies
    }

    // MARK: Header

    /// The header row: among the first non-empty rows, the first whose cells name a
    /// cookie-name column and another field; `<thead>` rows and `<th>` rows first.
    /// Without one, `data-title` attributes of the cells serve as headers.
    func findHeader(_ grid: TableGrid) -> (ColumnMap, Int?) {
        let candidates = grid.rows.indices.filter { !grid.rows[$0].allSatisfy(\.isEmpty) }.prefix(3)
        var fallback: (ColumnMap, Int)?
        for index in candidates {
            let map = ColumnMap(headers: grid.rows[index].map(\.text), lexicons: lexicons)
            if map.column(of: .name) != nil, map.recognisedCount >= 2 { return (map, index) }
            let looksLikeHeader = index < grid.headRowCount || grid.rows[index].allSatisfy { $0.isHeaderCell || $0.isEmpty }
            if fallback == nil, map.recognisedCount >= 2 || (looksLikeHeader && map.recognisedCount >= 1) {
                fallback = (map, index)
            }
        }
        if let titled = grid.rows.first(where: { $0.contains { $0.dataTitle != nil } }) {
            let map = ColumnMap(headers: titled.map { $0.dataTitle ?? "" }, lexicons: lexicons)
            if map.column(of: .name) != nil, map.recognisedCount >= 2 {
                let headerRow = candidates.first.flatMap { grid.rows[$0].allSatisfy(\.isHeaderCell) ? $0 : nil }
                return (map, headerRow)
            }
        }
        if let fallback { return fallback }
        // An unrecognised header row in another language: take the first row as headers
        // when it is marked as one, so its texts still key the extra columns.
        if let first = candidates.first,
            first < grid.headRowCount || grid.rows[first].allSatisfy({ $0.isHeaderCell || $0.isEmpty })
        {
            return (ColumnMap(headers: grid.rows[first].map(\.text), lexicons: lexicons), first)
        }
        var map = ColumnMap()
        for column in 0..<grid.columnCount { map.headers[column] = "column \(column + 1)" }
        return (map, nil)
    }

    /// "Type: Google Analytics, Pardot, LinkedIn": a column headed like a category whose
    /// cells never name a category or a party names who sets the cookie. It is read as
    /// the provider when no other column is.
    func demoteCategoryColumnOfCompanies(_ map: inout ColumnMap, _ grid: TableGrid, after headerRow: Int?) {
        guard let column = map.column(of: .category), map.column(of: .provider) == nil else { return }
        let cells = grid.rows.dropFirst((headerRow ?? -1) + 1).map { $0[column].text }.filter { !$0.isEmpty }
        guard !cells.isEmpty, !cells.contains(where: { CookieLabel($0, source: .column, lexicons: lexicons) != nil }) else { return }
        map.fields[column] = .provider
    }

    /// "Yes", "NIE (niezbędne)": a cell opening with a yes or no word ("da_session" does not).
    func isAnswer(_ cell: GridCell) -> Bool {
        let first = cell.text.prefix { $0 != " " && $0 != "(" }
        return first.allSatisfy(\.isLetter) && lexicons.answer(in: String(first)) != nil
    }

    /// A first row of short texts whose cell in the name column is no name: a header.
    static func isUnrecognisedHeader(_ row: [GridCell], nameColumn: Int) -> Bool {
        CookieNames.cellLikeness(row[nameColumn].lines) < 0.5
            && row.allSatisfy { $0.isEmpty || ($0.text.split(separator: " ").count <= 4 && !$0.text.hasSuffix(".")) }
    }

    /// The unmapped column whose cells look most like cookie names, if they clearly do:
    /// not answers ("Yes", "TAK"), and as many different texts as rows (a column
    /// repeating one value is a type or an answer, never a list of cookies).
    func nameColumnByShape(_ grid: TableGrid, after headerRow: Int?, map: ColumnMap) -> Int? {
        let body = grid.rows.dropFirst((headerRow ?? -1) + 1)
        guard !body.isEmpty else { return nil }
        var best: (column: Int, score: Double)?
        for column in 0..<grid.columnCount where map.fields[column] == nil {
            var rows = body
            // Without a header row found, a first row of short texts not shaped like a
            // name in this column is its unrecognised header ("Sīkdatnes nosaukums"): it
            // must not outvote a two-row table's names.
            if headerRow == nil, let first = rows.first, Self.isUnrecognisedHeader(first, nameColumn: column) { rows = rows.dropFirst() }
            let cells = rows.map { $0[column] }.filter { !$0.isEmpty }
            if cells.count >= 3, Set(cells.map(\.text)).count * 10 < cells.count * 7 { continue }
            if cells.contains(where: isAnswer) { continue }
            let likeness = cells.map { CookieNames.cellLikeness($0.lines) }
            let score = likeness.reduce(0, +) / Double(max(1, cells.count))
            // With no header recognised at all, ask for more evidence: two names or more.
            let enough = map.recognisedCount > 0 ? !cells.isEmpty && score >= 0.6 : likeness.filter { $0 >= 1 }.count >= 2 && score >= 0.75
            if enough, score > (best?.score ?? 0) { best = (column, score) }
        }
        return best?.column
    }

    // MARK: Row

    func cookie(from row: [GridCell], map: ColumnMap, section: CookieLabel?) -> Cookie {
        var cookie = Cookie(name: "")
        var evidence = Evidence()
        var partyCell: String?
        var label: CookieLabel?
        for (column, cell) in row.enumerated() {
            let text = cell.text
            guard !text.isEmpty, !CookieNames.isPlaceholder(text) else { continue }
            switch map.fields[column] {
            case .name?: continue
            case .provider?:
                // "Vimeo, Inc. (tercero)": the party said beside the company.
                if let inner = Self.parenthesised(text), let party = lexicons.party(in: inner) {
                    cookie.provider = String(text[..<text.lastIndex(of: "(")!]).trimming(" ")
                    cookie.party = party
                    evidence.party = .column
                } else {
                    cookie.provider = text
                }
                evidence.provider = .column
            case .service?:
                cookie.service = text
                if map.serviceHoldsLocation { cookie.location = Self.parenthesised(text) }
            case .location?: cookie.location = text
            case .purpose?: cookie.purpose = text
            case .category?:
                // "Type: Third party" says who sets the cookie, not what it is for.
                if let cell = CookieLabel(text, source: .column, lexicons: lexicons) {
                    label = cell
                } else {
                    cookie.extra[map.headers[column] ?? "column \(column + 1)"] = text
                }
            case .party?: partyCell = text
            case .retention?:
                if let combined = lexicons.splitTypeAndDuration(text) {
                    cookie.retention = lexicons.retention(combined.duration)
                    cookie.extra[map.headers[column] ?? "column \(column + 1)"] = combined.type
                } else {
                    cookie.retention = lexicons.retention(text)
                }
                evidence.retention = .column
            case .domain?: cookie.domain = text
            case .country?: cookie.extra[map.headers[column] ?? "column \(column + 1)"] = text
            case nil:
                let header = map.headers[column].flatMap { $0.isEmpty ? nil : $0 } ?? "column \(column + 1)"
                cookie.extra[header] = text
            }
        }
        // "Tecnico: mantiene la sessione…": a purpose that opens with its category.
        // Found on bytes, in the first 40: `firstIndex(of:)` on a String breaks every
        // purpose into characters (5 % of extracting a big page).
        if label == nil, let purpose = cookie.purpose, let colon = purpose.utf8.prefix(41).firstIndex(of: UInt8(ascii: ":")),
            let opening = CookieLabel(String(purpose[..<colon]), source: .column, lexicons: lexicons), opening.reading != nil
        {
            label = opening
        }
        // "Cookie lié au service: Matomo": with no company column, the service named is
        // who sets the cookie.
        if cookie.provider == nil, map.column(of: .provider) == nil, let service = cookie.service, !map.serviceHoldsLocation {
            cookie.provider = service
            evidence.provider = .column
        }
        // The row's own label first, then its table's; a label naming only a party leaves
        // the category to the next label, or to the purpose.
        let labels = [label, section].compactMap { $0 }
        settleCategory(of: &cookie, from: labels.first { $0.reading != nil } ?? labels.first, evidence: &evidence)
        if let partyCell {
            resolveParty(partyCell, header: map.column(of: .party).flatMap { map.headers[$0] }, into: &cookie)
            evidence.party = .column
            if evidence.provider == nil, cookie.provider != nil { evidence.provider = .column }
        } else if cookie.party == nil, let stated = labels.first(where: { $0.party != nil }) {
            cookie.party = stated.party
            evidence.party = stated.source
        }
        cookie.evidence = evidence
        return cookie
    }

    /// The category a label gives: the one it names; for a label that asks for consent
    /// without naming a purpose, the consent category the cookie's own purpose names,
    /// else `unclassified` with a note (a consent label never yields `necessary`); for a
    /// label naming only a party ("Third-party cookies"), the category the purpose names.
    /// With no label the page states no category: `unclassified`, as the corpus's gold
    /// reads such pages (the consent rules still judge it by its worst plausible reading).
    func settleCategory(of cookie: inout Cookie, from label: CookieLabel?, evidence: inout Evidence) {
        let purpose = cookie.purpose
        let fromPurpose = { (allowingNecessary: Bool) in
            purpose.flatMap { lexicons.category(inPurpose: $0, allowingNecessary: allowingNecessary) }
        }
        switch label?.reading {
        case .named(let category)?:
            cookie.category = category
            cookie.categoryLabel = label?.label
            evidence.category = label?.source
        case .consent?:
            cookie.categoryLabel = label?.label
            let quoted = "consent category “\(label?.label ?? "")”"
            if let category = fromPurpose(false) {
                cookie.category = category
                evidence.category = .purpose
                evidence.notes.append(quoted + ": category read from the purpose")
            } else {
                cookie.category = .unclassified
                evidence.notes.append(quoted + ", purpose unclear")
            }
        case nil:
            guard let label else { return }
            cookie.categoryLabel = label.label
            if let category = fromPurpose(true) {
                cookie.category = category
                evidence.category = .purpose
            }
        }
    }

    /// A party cell holds party words ("Third party") or a company: the site itself
    /// when the header names it ("Set by Bumble or Third Party" → "Bumble"), else a
    /// third party, which is then also the provider when no column gives one.
    func resolveParty(_ text: String, header: String?, into cookie: inout Cookie) {
        // A column headed by one party ("Tiers", "Third party?") answered "Oui – Google".
        if let answer = lexicons.answer(in: text), let asked = header.flatMap(lexicons.party(in:)) {
            cookie.party = answer ? asked : (asked == .first ? .third : .first)
            let rest = text.drop { $0.isLetter }.drop { !$0.isLetter && !$0.isNumber && $0 != "(" }
            if cookie.provider == nil, !rest.isEmpty, !rest.hasPrefix("("), lexicons.party(in: String(rest)) == nil {
                cookie.provider = String(rest)
            }
            return
        }
        if let party = lexicons.party(in: text) {
            cookie.party = party
            return
        }
        let normalizedHeader = " " + LexiconText.normalize(header ?? "") + " "
        let normalizedCell = LexiconText.normalize(text)
        cookie.party = normalizedHeader.contains(" " + normalizedCell + " ") ? .first : .third
        if cookie.provider == nil { cookie.provider = text }
    }

    /// "Authentification (front et back office)" → "front et back office".
    static func parenthesised(_ text: String) -> String? {
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return nil }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        return inner.isEmpty ? nil : String(inner)
    }
}
