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

    private var byFirstWord: [Substring: [Entry]] = [:]

    /// `phrases` must already be normalized the way texts will be (`LexiconText`).
    init(_ phrases: [(Value, String)]) {
        for (value, phrase) in phrases {
            let words = phrase.split(separator: " ")
            guard let first = words.first else { continue }
            byFirstWord[first, default: []].append(Entry(value: value, words: words, phrase: phrase))
        }
    }

    /// Every phrase that occurs in `words`, in text order.
    func matches(in words: [Substring]) -> [Match] {
        var found: [Match] = []
        for (position, word) in words.enumerated() {
            guard let entries = byFirstWord[word] else { continue }
            for entry in entries where position + entry.words.count <= words.count {
                if entry.words.count == 1 || words[position..<(position + entry.words.count)].elementsEqual(entry.words) {
                    found.append(Match(entry: entry, position: position))
                }
            }
        }
        return found
    }
}
