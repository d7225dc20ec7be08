public import CharterModel

/// A header recognised as one field.
public struct HeaderMatch: Sendable, Hashable {
    public var field: CookieField
    /// Higher is surer: exact matches beat longer phrases, which beat shorter ones.
    public var score: Int
}

/// A category word found in a heading or cell.
public struct CategoryMatch: Sendable, Hashable {
    public var category: CookieCategory
    /// Offset of the word in the normalized text: earlier words name the category.
    public var position: Int
}

extension LexiconSet {
    /// The field a column header names, if any: an exact header wins, then the
    /// longest phrase the header contains as whole words.
    public func field(forHeader header: String) -> HeaderMatch? {
        let text = LexiconText.singular(header)
        guard !text.isEmpty else { return nil }
        var best: HeaderMatch?
        for entry in headerPhrases where entry.phrase == text {
            let score = 1000 + entry.phrase.count
            if score > (best?.score ?? 0) { best = HeaderMatch(field: entry.field, score: score) }
        }
        if best != nil { return best }
        for match in headerIndex.matches(in: LexiconText.words(normalized: text)) {
            let score = match.entry.phrase.count
            if score > (best?.score ?? 0) { best = HeaderMatch(field: match.entry.value, score: score) }
        }
        return best
    }

    /// The category named first in a text ("Cookies nécessaires / fonctionnels" →
    /// necessary), preferring the longer phrase at one position.
    public func category(in text: String) -> CategoryMatch? {
        let matches = categoryIndex.matches(in: LexiconText.words(normalized: LexiconText.singular(text)))
        let best = matches.min { a, b in
            a.position != b.position ? a.position < b.position : a.entry.words.count > b.entry.words.count
        }
        return best.map { CategoryMatch(category: $0.entry.value, position: $0.position) }
    }

    /// The party a cell states, when it is made of party words ("Third party", "tiers").
    public func party(in text: String) -> Party? {
        let words = LexiconText.words(normalized: LexiconText.singular(text))
        guard !words.isEmpty else { return nil }
        // "Third party (Google)" still says third; the longest phrase found decides.
        return partyIndex.matches(in: words).max { $0.entry.words.count < $1.entry.words.count }?.entry.value
    }
}
