/// The words of one language that charter needs to read a charter: header synonyms per
/// field, category and party words, duration units, and stop words for detecting the
/// language. One `Locales/<language>.json` file each.
public struct Lexicon: Sendable, Hashable, Decodable {
    public struct Durations: Sendable, Hashable, Decodable {
        /// Unit name (`second`…`year`) → the words for it.
        public var units: [String: [String]]
        /// Words and phrases that mean "ends with the session".
        public var session: [String]
        /// Number words ("two", "deux") → value.
        public var numbers: [String: Int]
    }

    public var language: String
    public var name: String
    /// Field name (`CookieField` raw value) → header texts. A leading `=` means the
    /// header must be exactly that text (`=cookie`), not merely contain it.
    public var headers: [String: [String]]
    /// Category (`CookieCategory` raw value) → words in headings and cells.
    public var categories: [String: [String]]
    /// Words that, one or two words before a category word, deny it ("non essentiels",
    /// "nicht notwendig", "not strictly necessary"): such a label never names the category.
    public var negations: [String]?
    /// Labels that say a cookie needs consent without naming its purpose ("optional",
    /// "soumis à consentement", "Drittanbieter-Cookies"): the purpose text decides.
    public var consentLabels: [String]?
    /// Category (`CookieCategory` raw value) → words and stems (`analy*`) that name it in
    /// a cookie's purpose text, for cookies whose label names no category.
    public var purposeWords: [String: [String]]?
    /// `yes` / `no` → words: a party column headed "Third party" answers "Yes – Google".
    public var answers: [String: [String]]?
    /// `first` / `third` → words.
    public var parties: [String: [String]]
    public var durations: Durations
    public var stopwords: [String]
    /// Words that name a purpose needing consent (profiling, sharing, advertising…),
    /// beyond the category words: used to tell a broadened purpose from a reworded one.
    public var consentPurposes: [String]?
    /// The report's words in this language: headings, verdicts, rule explanations and
    /// messages, keyed `heading.*`, `verdict.*`, `rule.<ID>`, `message.*`.
    public var report: [String: String]?
}
