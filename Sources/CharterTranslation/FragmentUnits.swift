public import CharterModel
internal import CharterLocales

/// The words of the published table that charter writes itself — the title, the column
/// headers, the category headings a page does not give — as units of an exported file:
/// pre-filled with charter's own words for the target language when it has them, so that
/// a language charter has no words for gets them from its translator.
public enum FragmentUnits {
    /// The report-string keys of the published table (`CharterHTMLTableRenderer`).
    public static let keys =
        ["table.title"] + ["name", "service", "provider", "purpose", "retention"].map { "table.header.\($0)" }
        + CookieCategory.allCases.map { "table.category.\($0.rawValue)" }

    static let prefix = "fragment."

    public static func isFragment(_ unit: TranslationUnit) -> Bool { unit.id.hasPrefix(prefix) }

    /// One unit per key: its source the source language's word, its target the target
    /// language's own word when charter has one and `prefill` (not for a template or a
    /// fallback page).
    public static func make(sourceLanguage: String, targetLanguage: String, prefill: Bool) -> [TranslationUnit] {
        let source = ReportStrings(lexicons: .embedded, language: sourceLanguage)
        let target = ReportStrings(lexicons: .embedded, language: targetLanguage)
        return keys.map { key in
            let own = prefill ? target.own(key) : nil
            return TranslationUnit(
                id: prefix + key, context: "a word of the published cookie table (\(key))", source: source.published(key),
                target: own, state: own == nil ? .initial : .translated)
        }
    }

    /// The finished translations of a file's table words, by key; the others are listed
    /// in `skipped` (the table then keeps charter's own word).
    static func labels(_ file: TranslationFile, acceptFuzzy: Bool, skipped: inout [String]) -> [String: String] {
        var labels: [String: String] = [:]
        for unit in file.units where isFragment(unit) {
            if let target = unit.target, !target.isEmpty, unit.isDone || acceptFuzzy {
                labels[String(unit.id.dropFirst(prefix.count))] = target
            } else {
                skipped.append("\(unit.id): no finished translation: the table keeps charter's word «\(unit.source)»")
            }
        }
        return labels
    }
}
