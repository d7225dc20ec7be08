public import CharterLocales

/// What a change of purpose text amounts to. A diff cannot read meaning, so anything
/// that is neither clearly editorial nor clearly broadened goes to a person.
public enum PurposeChange: Sendable, Hashable {
    /// Spelling, punctuation, articles, small typos, synonyms from the lexicon.
    case editorial
    /// New words naming a purpose that needs consent (analytics, advertising,
    /// profiling, sharing…), absent from the old text.
    case broadened(words: [String])
    case needsReview
}

extension PurposeVocabulary {
    /// Classifies a purpose text change.
    /// `runs`: the word diff of the two texts, when the caller has it already.
    public func classifyPurposeChange(from old: String, to new: String, runs: [WordRun]? = nil) -> PurposeChange {
        // "FUNCTIONAL Conserves" → "FUNCTIONALConserves": spacing only.
        if WordDiff.equalIgnoringWhitespace(old, new) { return .editorial }
        let (deleted, inserted) = WordDiff.changedWords(runs ?? WordDiff.runs(from: old, to: new))
        // Compared as normalized words: "sign-in" is the two words of "sign in".
        let deletedWords = deleted.flatMap { LexiconText.words(normalized: LexiconText.normalize($0)) }
        let insertedWords = inserted.flatMap { LexiconText.words(normalized: LexiconText.normalize($0)) }
        // Words split or joined by hyphens and apostrophes ("e-mail" → "email", "pop-up" →
        // "popup"). Words that only moved are not editorial: "analytics, not advertising"
        // → "advertising, not analytics" has the same words.
        if deletedWords.joined() == insertedWords.joined() { return .editorial }
        // One letter carries no meaning of its own: the "s" of "cookie's", the "l" of "l'audience".
        let significantDeleted = deletedWords.map(String.init).filter { $0.count > 1 && !isStopword($0) }
        let significantInserted = insertedWords.map(String.init).filter { $0.count > 1 && !isStopword($0) }
        if significantDeleted == significantInserted { return .editorial }
        if significantDeleted.count == significantInserted.count,
            zip(significantDeleted, significantInserted).allSatisfy({ isSpellingVariant($0, $1) || areSynonyms($0, $1) })
        {
            return .editorial
        }
        let added = consentPurposeWords(in: new).subtracting(consentPurposeWords(in: old))
        if !added.isEmpty { return .broadened(words: added.sorted()) }
        return .needsReview
    }

    func isStopword(_ word: String) -> Bool { normalizedStopwords.contains(word) }

    /// Words of one category list are synonyms ("analytics" / "statistics").
    func areSynonyms(_ a: String, _ b: String) -> Bool {
        let singularA = LexiconText.singular(a)
        let singularB = LexiconText.singular(b)
        return synonymSets.contains { $0.contains(singularA) && $0.contains(singularB) }
    }

    /// A typo or a spelling variant: at most two edits in a word of four letters or more.
    func isSpellingVariant(_ a: String, _ b: String) -> Bool {
        guard min(a.count, b.count) >= 4 else { return a == b }
        return Self.editDistance(Array(a), Array(b), limit: 2) <= 2
    }

    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
