extension LexiconSet {
    /// The language whose stop words the text uses most, when it uses enough of them
    /// to tell (at least 5 hits and a clear lead over the runner-up).
    public func detectLanguage(_ text: String) -> String? {
        detectLanguage(lowercased: LexiconText.lowercase(text))
    }

    /// `detectLanguage` of a text already lower-cased.
    public func detectLanguage(lowercased text: String) -> String? {
        var counts: [String: Int] = [:]
        for word in LexiconText.words(lowercased: text) where word.utf8.count <= 24 {
            for language in stopwordLanguages[String(word)] ?? [] {
                counts[language, default: 0] += 1
            }
        }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let best = ranked.first, best.value >= 5 else { return nil }
        if ranked.count > 1, Double(ranked[1].value) > Double(best.value) * 0.8 { return nil }
        return best.key
    }
}

extension LexiconSet {
    /// Of a few candidate languages, the one whose stop words a short text uses most;
    /// nil on a tie or when it uses none. For cells too short for `detectLanguage`.
    public func likelyLanguage(_ text: String, among candidates: [String], minimumHits: Int = 2) -> String? {
        var counts: [String: Int] = [:]
        for word in LexiconText.words(text) {
            let token = String(word)
            for language in candidates where stopwords[language]?.contains(token) == true {
                counts[language, default: 0] += 1
            }
        }
        let ranked = counts.sorted { $0.value > $1.value }
        guard let best = ranked.first, best.value >= minimumHits else { return nil }
        if ranked.count > 1, ranked[1].value == best.value { return nil }
        return best.key
    }
}
