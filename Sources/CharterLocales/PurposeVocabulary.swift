/// The lexicon words that tell a reworded purpose from a broadened one: consent-purpose
/// phrases, stop words and category synonyms in every language.
///
/// Only diffs read them, so they are built by whoever diffs, once, rather than with
/// every `LexiconSet`: that was a fifth of the lexicons' share of every start.
public struct PurposeVocabulary: Sendable {
    let consentPurposeIndex: PhraseIndex<Bool>
    /// Every language's stop words, normalized (no diacritics).
    package let normalizedStopwords: Set<String>
    /// Each category's word list, normalized: words of one list are synonyms.
    package let synonymSets: [Set<String>]

    public init(_ lexicons: LexiconSet) {
        let ordered = lexicons.lexicons.keys.sorted().compactMap { lexicons.lexicons[$0] }
        var purposes = ordered.flatMap { $0.consentPurposes ?? [] }
        for lexicon in ordered {
            for (category, words) in lexicon.categories where category != "necessary" && category != "preferences" {
                purposes += words
            }
        }
        consentPurposeIndex = PhraseIndex(
            Set(purposes.map(LexiconText.singular)).filter { !$0.isEmpty }.sorted().map { (true, $0) })
        normalizedStopwords = Set(ordered.flatMap(\.stopwords).map(LexiconText.normalize))
        synonymSets = ordered.flatMap { $0.categories.values.map { Set($0.map(LexiconText.singular)) } }
    }

    /// The consent-purpose words (profiling, sharing, advertising…) and the category
    /// words of consent categories that a text uses.
    public func consentPurposeWords(in text: String) -> Set<String> {
        Set(consentPurposeIndex.matches(in: LexiconText.words(normalized: LexiconText.singular(text))).map(\.entry.phrase))
    }
}
