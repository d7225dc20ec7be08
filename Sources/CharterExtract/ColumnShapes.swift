internal import CharterLocales
internal import CharterModel

/// Columns typed by what their cells hold, in any language: host names are a domain
/// column, "2 aastat" / "24 h" / "Session" a retention column, sentences a purpose column,
/// category words a category column, short proper names beside them a provider column.
/// Header words refine this when a lexicon knows them; they are never required.
struct ColumnShapes {
    let lexicons: LexiconSet

    /// Gives a field to the columns the headers left unmapped. Domain, retention and party
    /// shapes are unmistakable and always apply; purpose, category and provider are read
    /// from shape only when the headers named at most the cookie-name column (a table in
    /// a language no lexicon knows), where guessing from shape is all there is.
    func type(_ map: inout ColumnMap, body: ArraySlice<[GridCell]>, headersKnown: Int) {
        var shapes: [Int: Shape] = [:]
        // Forty rows tell a column's shape; a thousand-row table is not read twice over.
        let body = body.prefix(40)
        for column in map.headers.keys.sorted() where map.fields[column] == nil {
            let cells = body.map { $0[column] }.filter { !$0.isEmpty && !CookieNames.isPlaceholder($0.text) }
            guard !cells.isEmpty else { continue }
            shapes[column] = Shape(cells.map(\.text), lexicons: lexicons)
        }
        // "Herkunft: Erstanbieter", "Origin: Third party": a column headed like the
        // company's whose cells are party words says who sets the cookie.
        if map.column(of: .party) == nil, let provider = map.column(of: .provider) {
            let cells = body.map { $0[provider] }.filter { !$0.isEmpty && !CookieNames.isPlaceholder($0.text) }
            if !cells.isEmpty, Shape(cells.map(\.text), lexicons: lexicons).share(\.parties) >= 0.6 { map.fields[provider] = .party }
        }
        func claim(_ field: CookieField, _ qualifies: (Shape) -> Bool) {
            guard map.column(of: field) == nil else { return }
            if let column = shapes.keys.sorted().first(where: { qualifies(shapes[$0]!) }) {
                map.fields[column] = field
                shapes[column] = nil
            }
        }
        claim(.domain) { $0.share(\.hosts) >= 0.6 }
        claim(.retention) { $0.share(\.durations) >= 0.6 }
        claim(.party) { $0.share(\.parties) >= 0.6 }
        guard headersKnown <= 1 else { return }
        claim(.category) { $0.share(\.categories) >= 0.5 && $0.meanWords <= 4 }
        if map.column(of: .purpose) == nil,
            let column = shapes.filter({ $0.value.meanWords >= 5 }).max(by: { $0.value.meanWords < $1.value.meanWords })?.key
        {
            map.fields[column] = .purpose
            shapes[column] = nil
        }
        // A provider only when one short column of names is left: two would be a guess.
        let named = shapes.filter { $0.value.share(\.properNames) >= 0.6 && $0.value.meanWords <= 5 }
        if map.column(of: .provider) == nil, named.count == 1, let column = named.first?.key {
            map.fields[column] = .provider
        }
    }

    /// What the cells of one column look like.
    struct Shape {
        var count = 0
        var hosts = 0
        var durations = 0
        var parties = 0
        var categories = 0
        var properNames = 0
        var words = 0

        init(_ texts: [String], lexicons: LexiconSet) {
            for text in texts {
                count += 1
                let wordCount = text.split(separator: " ").count
                words += wordCount
                let lowered = text.lowercased()
                if Self.isHostList(lowered) { hosts += 1 }
                if wordCount <= 6, Self.isDuration(text, lowered: lowered, lexicons: lexicons) { durations += 1 }
                if wordCount <= 4, lexicons.party(in: text) != nil { parties += 1 }
                if wordCount <= 6, lexicons.categoryLabel(in: text) != nil { categories += 1 }
                if wordCount <= 6, let first = text.unicodeScalars.first, first.properties.isUppercase,
                    !text.unicodeScalars.contains(where: { $0.properties.numericType != nil }), !Self.isHostList(lowered)
                {
                    properNames += 1
                }
            }
        }

        var meanWords: Double { Double(words) / Double(max(1, count)) }
        func share(_ path: KeyPath<Shape, Int>) -> Double { Double(self[keyPath: path]) / Double(max(1, count)) }

        /// ".google.com", "example.hu, doubleclick.net".
        static func isHostList(_ lowered: String) -> Bool {
            let parts = CookieNames.splitOutsideBrackets(lowered, separators: ", ")
            return !parts.isEmpty && parts.allSatisfy { $0.isEmpty || CookieNames.looksLikeHostName($0) }
                && parts.contains { !$0.isEmpty }
        }

        /// A lifetime in words a lexicon reads ("13 mois", "Session"), or in any language
        /// a short text opening with a number then a word ("2 aastat", "24 órán át", "30 λεπτά").
        static func isDuration(_ text: String, lowered: String, lexicons: LexiconSet) -> Bool {
            let retention = lexicons.retention(text)
            if retention.seconds != nil || retention.session { return true }
            let words = lowered.split(separator: " ")
            guard (2...4).contains(words.count), let first = words.first,
                first.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," })
            else { return false }
            return words[1].first?.isLetter == true
        }
    }
}
