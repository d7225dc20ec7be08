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

/// What a category label says.
public enum CategoryLabel: Sendable, Hashable {
    /// It names a category.
    case named(CookieCategory)
    /// It says the cookies need consent (or are not necessary) without naming a purpose.
    case consent
}

extension LexiconSet {
    /// The field a column header names, if any: an exact header wins, then the
    /// longest phrase the header contains as whole words.
    public func field(forHeader header: String) -> HeaderMatch? {
        let text = LexiconText.singular(header)
        guard !text.isEmpty else { return nil }
        if let field = exactHeaders[text] { return HeaderMatch(field: field, score: 1000 + text.count) }
        var best: HeaderMatch?
        for match in headerIndex.matches(in: LexiconText.words(normalized: text)) {
            let score = match.entry.phrase.count
            if score > (best?.score ?? 0) { best = HeaderMatch(field: match.entry.value, score: score) }
        }
        return best
    }

    /// The category named first in a text ("Cookies nécessaires / fonctionnels" →
    /// necessary), preferring the longer phrase at one position. A category the text
    /// denies ("non essentiels", "nicht notwendig") is not named by it.
    public func category(in text: String) -> CategoryMatch? {
        let words = LexiconText.words(normalized: LexiconText.singular(text))
        return firstNamed(categoryIndex.matches(in: words), in: words)
            .map { CategoryMatch(category: $0.entry.value, position: $0.position) }
    }

    /// What a category label (a cell, a group row, a heading) says: the category it
    /// names, or that the cookies need consent without saying for what ("optional",
    /// "soumis à consentement", "not strictly necessary", "third-party cookies").
    public func categoryLabel(in text: String) -> CategoryLabel? {
        let words = LexiconText.words(normalized: LexiconText.singular(text))
        guard !words.isEmpty else { return nil }
        let matches = categoryIndex.matches(in: words)
        if let named = firstNamed(matches, in: words) { return .named(named.entry.value) }
        if matches.contains(where: { isDenied($0.position, in: words) }) { return .consent }
        if !consentLabelIndex.matches(in: words).isEmpty { return .consent }
        if let compound = compoundCategory(in: words) { return .named(compound) }
        return nil
    }

    /// A category name opening or closing a compound word of a short label
    /// ("Webstatistieken", "Marketingcookies", "Analysekakor"), where Germanic and Nordic
    /// languages write one word; the first such word names it, unless a negation precedes.
    func compoundCategory(in words: [Substring]) -> CookieCategory? {
        guard words.count <= 8 else { return nil }
        for (position, word) in words.enumerated() where word.count >= 8 && !isDenied(position, in: words) {
            for length in stride(from: word.count - 3, through: 5, by: -1) {
                if let category = compoundParts[word.suffix(length)] ?? compoundParts[word.prefix(length)] { return category }
            }
        }
        return nil
    }

    /// The first category word the text does not deny, the longer phrase at one position.
    func firstNamed(
        _ matches: [PhraseIndex<CookieCategory>.Match], in words: [Substring]
    ) -> PhraseIndex<CookieCategory>.Match? {
        matches.filter { !isDenied($0.position, in: words) }.min { a, b in
            a.position != b.position ? a.position < b.position : a.entry.words.count > b.entry.words.count
        }
    }

    /// The category a cookie's purpose text names, for a cookie whose label names none:
    /// the most intrusive consent category it names (the worst reading of "analytics and
    /// advertising" is advertising); `necessary` only when `allowingNecessary` (a label
    /// that asks for consent rules it out) and no consent category is named.
    public func category(inPurpose text: String, allowingNecessary: Bool) -> CookieCategory? {
        let words = LexiconText.words(normalized: LexiconText.normalize(text))
        // A longer phrase hides the shorter ones inside it: "cross-site request forgery"
        // is protection, not the "cross-site" tracking it contains.
        var covered = Set<Int>()
        var named: [CookieCategory] = []
        for match in purposeIndex.matches(in: words).sorted(by: { $0.length > $1.length }) {
            let span = match.position..<(match.position + match.length)
            guard !span.contains(where: covered.contains) else { continue }
            covered.formUnion(span)
            if !isDenied(match.position, in: words) { named.append(match.value) }
        }
        if let consent = named.filter(\.needsConsent).max() { return consent }
        return allowingNecessary && named.contains(.necessary) ? .necessary : nil
    }

    /// Whether a negation stands one or two words before the word at `position`
    /// ("non essentiels", "not strictly necessary").
    func isDenied(_ position: Int, in words: [Substring]) -> Bool {
        (position >= 1 && negations.contains(words[position - 1]))
            || (position >= 2 && negations.contains(words[position - 2]))
    }

    /// The yes or no a cell opens with ("Oui – Google" → yes), if any.
    public func answer(in text: String) -> Bool? {
        LexiconText.words(normalized: LexiconText.normalize(text)).first.flatMap { answerWords[$0] }
    }

    /// The party a cell states, when it is made of party words ("Third party", "tiers").
    public func party(in text: String) -> Party? {
        let words = LexiconText.words(normalized: LexiconText.singular(text))
        guard !words.isEmpty else { return nil }
        // "Third party (Google)" still says third; the longest phrase found decides.
        return partyIndex.matches(in: words).max { $0.entry.words.count < $1.entry.words.count }?.entry.value
    }
}
