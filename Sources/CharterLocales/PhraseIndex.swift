/// Phrases indexed by their first word, for finding whole-word phrases in a text in
/// one pass over its words instead of one substring search per phrase.
struct PhraseIndex<Value: Sendable>: Sendable {
    struct Entry: Sendable {
        let value: Value
        let words: [Substring]
        let phrase: String
    }

    /// A phrase found in a text, at a word position.
    struct Match {
        let entry: Entry
        let position: Int
    }

    private var entries: [Entry] = []
    /// First word → indices in `entries`. The same dictionary type for every `Value`:
    /// each generic dictionary type is made at run time, on first use, by a scan of
    /// every protocol conformance in the binary (about 35 µs), and the lexicons are
    /// built at every start.
    private var byFirstWord: [Substring: [Int]] = [:]

    /// `phrases` must already be normalized the way texts will be (`LexiconText`).
    init(_ phrases: [(Value, String)]) {
        entries.reserveCapacity(phrases.count)
        byFirstWord.reserveCapacity(phrases.count)
        for (value, phrase) in phrases {
            let words = LexiconText.words(normalized: phrase)
            guard let first = words.first else { continue }
            byFirstWord[first, default: []].append(entries.count)
            entries.append(Entry(value: value, words: words, phrase: phrase))
        }
    }

    /// Every phrase that occurs in `words`, in text order.
    func matches(in words: [Substring]) -> [Match] {
        var found: [Match] = []
        for (position, word) in words.enumerated() {
            guard let candidates = byFirstWord[word] else { continue }
            for candidate in candidates {
                let entry = entries[candidate]
                guard position + entry.words.count <= words.count else { continue }
                if entry.words.count == 1 || words[position..<(position + entry.words.count)].elementsEqual(entry.words) {
                    found.append(Match(entry: entry, position: position))
                }
            }
        }
        return found
    }
}
