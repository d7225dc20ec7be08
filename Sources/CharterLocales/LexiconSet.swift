public import CharterModel
public import Foundation

/// All loaded lexicons, merged for matching.
///
/// Headers, categories, parties and durations are matched against every language at
/// once: pages mix languages (a French table keeps "Cookie name"), and a word of one
/// language is rarely a header of another. Stop words stay per language, for detection.
public struct LexiconSet: Sendable {
    public let lexicons: [String: Lexicon]
    /// Whole header text → the field it names: one lookup, not a scan of every phrase
    /// of fifteen languages for each cell that might be a label.
    let exactHeaders: [String: CookieField]
    let headerIndex: PhraseIndex<CookieField>
    let categoryIndex: PhraseIndex<CookieCategory>
    /// One-word category names of five letters or more, to find them at either end of a
    /// compound ("webstatistieken", "Statistikcookies", "analysekakor").
    let compoundParts: [Substring: CookieCategory]
    /// Words that deny the category word after them.
    let negations: Set<Substring>
    /// Labels that ask for consent without naming a purpose.
    let consentLabelIndex: PhraseIndex<Bool>
    /// Words and stems that name a category in a purpose text.
    let purposeIndex: StemIndex<CookieCategory>
    /// "yes" / "no" words → true / false.
    let answerWords: [Substring: Bool]
    let partyIndex: PhraseIndex<Party>
    let durations: DurationVocabulary
    let stopwords: [String: Set<String>]
    /// Stop word → the languages that have it: one lookup a word when detecting.
    let stopwordLanguages: [String: [String]]

    public init(_ lexicons: [Lexicon]) {
        var byLanguage: [String: Lexicon] = [:]
        for lexicon in lexicons { byLanguage[lexicon.language] = lexicon }
        self.lexicons = byLanguage
        let ordered = byLanguage.keys.sorted().compactMap { byLanguage[$0] }

        var headers: [(CookieField, String, Bool)] = []
        var categories: [(CookieCategory, String)] = []
        var parties: [(Party, String)] = []
        var negations: Set<Substring> = []
        var consentLabels: [(Bool, String)] = []
        var purposeWords: [(CookieCategory, String)] = []
        var answers: [Substring: Bool] = [:]
        for lexicon in ordered {
            for (key, words) in lexicon.answers ?? [:] where key == "yes" || key == "no" {
                for word in words { answers[Substring(LexiconText.normalize(word))] = key == "yes" }
            }
            for (key, words) in lexicon.purposeWords ?? [:] {
                guard let category = CookieCategory(rawValue: key) else { continue }
                purposeWords += words.map { (category, $0) }
            }
            for word in lexicon.negations ?? [] { negations.insert(Substring(LexiconText.singular(word))) }
            consentLabels += (lexicon.consentLabels ?? []).map { (true, LexiconText.singular($0)) }
            for (key, phrases) in lexicon.headers {
                guard let field = CookieField(rawValue: key) else { continue }
                for phrase in phrases {
                    let exact = phrase.hasPrefix("=")
                    headers.append((field, LexiconText.singular(exact ? String(phrase.dropFirst()) : phrase), exact))
                }
            }
            for (key, phrases) in lexicon.categories {
                guard let category = CookieCategory(rawValue: key) else { continue }
                categories += phrases.map { (category, LexiconText.singular($0)) }
            }
            for (key, phrases) in lexicon.parties {
                guard let party = Party(rawValue: key) else { continue }
                parties += phrases.map { (party, LexiconText.singular($0)) }
            }
        }
        var exactHeaders: [String: CookieField] = [:]
        for (field, phrase, _) in headers where !phrase.isEmpty && exactHeaders[phrase] == nil { exactHeaders[phrase] = field }
        self.exactHeaders = exactHeaders
        self.headerIndex = PhraseIndex(headers.filter { !$0.1.isEmpty && !$0.2 }.map { ($0.0, $0.1) })
        self.categoryIndex = PhraseIndex(categories.filter { !$0.1.isEmpty })
        var compoundParts: [Substring: CookieCategory] = [:]
        for (category, phrase) in categories where phrase.count >= 5 && !phrase.contains(" ") && compoundParts[Substring(phrase)] == nil {
            compoundParts[Substring(phrase)] = category
        }
        self.compoundParts = compoundParts
        self.negations = negations.filter { !$0.isEmpty }
        self.consentLabelIndex = PhraseIndex(consentLabels.filter { !$0.1.isEmpty })
        self.purposeIndex = StemIndex(purposeWords)
        self.answerWords = answers
        self.partyIndex = PhraseIndex(parties.filter { !$0.1.isEmpty })
        self.durations = DurationVocabulary(ordered)
        let stopwords = byLanguage.mapValues { Set($0.stopwords.map { $0.lowercased() }) }
        self.stopwords = stopwords
        var stopwordLanguages: [String: [String]] = [:]
        for language in stopwords.keys.sorted() {
            for word in stopwords[language] ?? [] { stopwordLanguages[word, default: []].append(language) }
        }
        self.stopwordLanguages = stopwordLanguages
    }

    /// The lexicons compiled into the binary from `Locales/`.
    public static let embedded = LexiconSet(Lexicon.embedded)

    /// The embedded lexicons with those of `directory` (`*.json`) added or replacing
    /// the languages they name.
    public static func loading(overrides directory: URL) throws(LocaleError) -> LexiconSet {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
        } catch {
            throw .unreadableDirectory(directory.path)
        }
        var merged = embedded.lexicons
        for file in files {
            do {
                let lexicon = try JSONDecoder().decode(Lexicon.self, from: Data(contentsOf: file))
                merged[lexicon.language] = lexicon
            } catch {
                throw .invalidLexicon(file.path, String(describing: error))
            }
        }
        return LexiconSet(Array(merged.values))
    }
}

/// Why a locale folder could not be used.
public enum LocaleError: Error, Sendable, CustomStringConvertible {
    case unreadableDirectory(String)
    case invalidLexicon(String, String)

    public var description: String {
        switch self {
        case .unreadableDirectory(let path): return "cannot read the locales folder \(path)"
        case .invalidLexicon(let path, let reason): return "the lexicon \(path) is not valid: \(reason)"
        }
    }
}
