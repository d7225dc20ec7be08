internal import CharterLocales
internal import CharterModel

/// Columns typed by what their cells hold, in any language: host names are a domain
/// column, "2 aastat" / "24 h" / "Session" a retention column, party words a party column,
/// sentences a purpose column, category words a category column, short proper names
/// beside them a provider column. Header words refine this when a lexicon knows them;
/// they are never required.
struct ColumnShapes {
    let lexicons: LexiconSet

    /// Gives a field to the columns the headers left unmapped. Domain, retention and party
    /// shapes are unmistakable and always apply; purpose, category and provider are read
    /// from shape only when the headers named at most the cookie-name column (a table in
    /// a language no lexicon knows), where guessing from shape is all there is. Each test
    /// runs only while its field is unmapped: a table whose headers say everything pays
    /// for none of them.
    func type(_ map: inout ColumnMap, body: ArraySlice<[GridCell]>, headersKnown: Int) {
        // Forty rows tell a column's shape; a thousand-row table is not read twice over.
        let body = body.prefix(40)
        func texts(of column: Int) -> [String] {
            body.map { $0[column] }.filter { !$0.isEmpty && !CookieNames.isPlaceholder($0.text) }.map(\.text)
        }
        // "Herkunft: Erstanbieter", "Origin: Third party": a column headed like the
        // company's whose cells are party words says who sets the cookie.
        if map.column(of: .party) == nil, let provider = map.column(of: .provider) {
            let cells = texts(of: provider)
            if !cells.isEmpty, Self.share(cells, isOnlyParty) >= 0.6 { map.fields[provider] = .party }
        }
        var open: [(column: Int, texts: [String])] = map.headers.keys.sorted().compactMap { column in
            guard map.fields[column] == nil else { return nil }
            let cells = texts(of: column)
            return cells.isEmpty ? nil : (column, cells)
        }
        func claim(_ field: CookieField, _ qualifies: ([String]) -> Bool) {
            guard map.column(of: field) == nil, let index = open.firstIndex(where: { qualifies($0.texts) }) else { return }
            map.fields[open[index].column] = field
            open.remove(at: index)
        }
        claim(.domain) { Self.share($0) { Self.isHostList($0.lowercased()) } >= 0.6 }
        claim(.retention) { Self.share($0, isDuration) >= 0.6 }
        claim(.party) { Self.share($0, isParty) >= 0.6 }
        guard headersKnown <= 1 else { return }
        claim(.category) { Self.meanWords($0) <= 4 && Self.share($0, isCategory) >= 0.5 }
        if map.column(of: .purpose) == nil,
            let index = open.indices.filter({ Self.meanWords(open[$0].texts) >= 5 }).max(by: {
                Self.meanWords(open[$0].texts) < Self.meanWords(open[$1].texts)
            })
        {
            map.fields[open[index].column] = .purpose
            open.remove(at: index)
        }
        // A provider only when one short column of names is left: two would be a guess.
        let named = open.filter { Self.meanWords($0.texts) <= 5 && Self.share($0.texts, Self.isProperName) >= 0.6 }
        if map.column(of: .provider) == nil, named.count == 1, let column = named.first?.column {
            map.fields[column] = .provider
        }
    }

    // MARK: Cell shapes

    static func share(_ texts: [String], _ test: (String) -> Bool) -> Double {
        Double(texts.count(where: test)) / Double(max(1, texts.count))
    }

    static func meanWords(_ texts: [String]) -> Double {
        Double(texts.reduce(0) { $0 + wordCount($1) }) / Double(max(1, texts.count))
    }

    static func wordCount(_ text: String) -> Int { text.split(separator: " ").count }

    func isParty(_ text: String) -> Bool { Self.wordCount(text) <= 4 && lexicons.party(in: text) != nil }

    /// "Erstanbieter", "Third party": party words and nothing else ("Vimeo, Inc.
    /// (tercero)" is a company, with its party beside it).
    func isOnlyParty(_ text: String) -> Bool {
        Self.wordCount(text) <= 3 && LexiconText.words(normalized: LexiconText.singular(text)).count <= 2 && lexicons.party(in: text) != nil
    }

    func isCategory(_ text: String) -> Bool { Self.wordCount(text) <= 6 && lexicons.categoryLabel(in: text) != nil }

    /// "Google", "Example OÜ": a few words opening with a capital, no digit, no host name.
    static func isProperName(_ text: String) -> Bool {
        guard wordCount(text) <= 6, let first = text.unicodeScalars.first, first.properties.isUppercase else { return false }
        return !text.unicodeScalars.contains { $0.properties.numericType != nil } && !isHostList(text.lowercased())
    }

    /// ".google.com", "example.hu, doubleclick.net".
    static func isHostList(_ lowered: String) -> Bool {
        let parts = CookieNames.splitOutsideBrackets(lowered, separators: ", ")
        return parts.allSatisfy { $0.isEmpty || CookieNames.looksLikeHostName($0) } && parts.contains { !$0.isEmpty }
    }

    /// A lifetime in words a lexicon reads ("13 mois", "Session"), or in any language
    /// a short text opening with a number then a word ("2 aastat", "24 órán át", "30 λεπτά").
    func isDuration(_ text: String) -> Bool {
        let words = text.lowercased().split(separator: " ")
        guard words.count <= 6 else { return false }
        if (2...4).contains(words.count), let first = words.first, first.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," }),
            words[1].first?.isLetter == true
        {
            return true
        }
        let retention = lexicons.retention(text)
        return retention.seconds != nil || retention.session
    }
}
