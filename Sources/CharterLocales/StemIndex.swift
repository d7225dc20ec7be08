/// Phrases whose words may be stems (`analy*` matches "analyser", "analytics",
/// "Analyse"), for purpose texts, where verbs and compounds ("Werbeanzeigen") carry the
/// meaning that category labels carry as nouns.
struct StemIndex<Value: Sendable>: Sendable {
    struct Word: Sendable {
        let text: Substring
        let isStem: Bool

        func matches(_ word: Substring) -> Bool { isStem ? word.utf8.starts(with: text.utf8) : word == text }
    }

    struct Entry: Sendable {
        let value: Value
        let words: [Word]
    }

    private var entries: [Entry] = []
    /// The first three scalars of a phrase's first word → indices in `entries`: a text word
    /// is looked up by its own first three, so a stem is never scanned for words it cannot
    /// start.
    private var byKey: [Substring: [Int]] = [:]

    /// Lexicon phrases as written: words are normalized here (`LexiconText.normalize`,
    /// as texts will be), and a trailing `*` makes a word a stem of three letters or more.
    init(_ phrases: [(Value, String)]) {
        for (value, phrase) in phrases {
            var words: [Word] = []
            for raw in phrase.split(separator: " ") {
                let isStem = raw.hasSuffix("*")
                let parts = LexiconText.words(normalized: LexiconText.normalize(String(isStem ? raw.dropLast() : raw)))
                for (index, part) in parts.enumerated() {
                    words.append(Word(text: part, isStem: isStem && index == parts.count - 1))
                }
            }
            guard let first = words.first, !first.isStem || first.text.unicodeScalars.count >= 3 else { continue }
            byKey[Self.key(first.text), default: []].append(entries.count)
            entries.append(Entry(value: value, words: words))
        }
    }

    /// The first three scalars (not bytes: a cut inside a scalar of a Greek or Japanese
    /// word would not be text).
    static func key(_ word: Substring) -> Substring {
        Substring(word.unicodeScalars.prefix(3))
    }

    /// Every phrase found in `words`, with the position where it starts and its length
    /// in words.
    func matches(in words: [Substring]) -> [(value: Value, position: Int, length: Int)] {
        var found: [(Value, Int, Int)] = []
        for (position, word) in words.enumerated() {
            guard let candidates = byKey[Self.key(word)] else { continue }
            for candidate in candidates {
                let entry = entries[candidate]
                guard position + entry.words.count <= words.count else { continue }
                if zip(entry.words, words[position...]).allSatisfy({ $0.matches($1) }) { found.append((entry.value, position, entry.words.count)) }
            }
        }
        return found
    }
}
