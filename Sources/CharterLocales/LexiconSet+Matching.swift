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
    /// The field a column header names, if any.
    public func field(forHeader header: String) -> HeaderMatch? {
        let text = LexiconText.singular(header)
        guard !text.isEmpty else { return nil }
        let padded = " " + text + " "
        var best: HeaderMatch?
        for entry in headerPhrases {
            let score: Int
            if text == entry.phrase {
                score = 1000 + entry.phrase.count
            } else if !entry.exact, padded.contains(" " + entry.phrase + " ") {
                score = entry.phrase.count
            } else {
                continue
            }
            if score > (best?.score ?? 0) { best = HeaderMatch(field: entry.field, score: score) }
        }
        return best
    }

    /// The category named first in a text ("Cookies nécessaires / fonctionnels" →
    /// necessary), preferring the longer phrase at one position.
    public func category(in text: String) -> CategoryMatch? {
        let padded = " " + LexiconText.singular(text) + " "
        var best: (match: CategoryMatch, length: Int)?
        for entry in categoryPhrases {
            guard let range = padded.firstRange(of: " " + entry.phrase + " ") else { continue }
            let position = padded.distance(from: padded.startIndex, to: range.lowerBound)
            if let current = best,
                current.match.position < position
                    || (current.match.position == position && current.length >= entry.phrase.count)
            {
                continue
            }
            best = (CategoryMatch(category: entry.category, position: position), entry.phrase.count)
        }
        return best?.match
    }

    /// The party a cell states, when it is made of party words ("Third party", "tiers").
    public func party(in text: String) -> Party? {
        let normalized = LexiconText.singular(text)
        guard !normalized.isEmpty else { return nil }
        if let exact = partyPhrases.first(where: { $0.phrase == normalized }) { return exact.party }
        let padded = " " + normalized + " "
        // "Third party (Google)" still says third; prefer the longest phrase found.
        let found = partyPhrases.filter { padded.contains(" " + $0.phrase + " ") }
            .max { $0.phrase.count < $1.phrase.count }
        return found?.party
    }
}
