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
            let words = Self.words(phrase)
            guard let first = words.first else { continue }
            byFirstWord[first, default: []].append(entries.count)
            entries.append(Entry(value: value, words: words, phrase: phrase))
        }
    }

    /// The words of a normalized phrase (single spaces, none around), found on its
    /// UTF-8 bytes: `split` on a `String` breaks it into characters first.
    private static func words(_ phrase: String) -> [Substring] {
        var words: [Substring] = []
        let utf8 = phrase.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == 0x20 {
                if start < index { words.append(phrase[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start < utf8.endIndex { words.append(phrase[start..<utf8.endIndex]) }
        return words
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
