internal import CharterLocales

extension CharterExtractor {
    /// Which reading of pages this extractor gives, kept with every stored version.
    ///
    /// A watch that finds a page changed and its stored version read by another revision
    /// reads the stored page again first, and compares with that: an upgrade of charter
    /// is never reported as a change of the site. Raise the number with every change that
    /// can change a reading (rules, lexicons, markup handling). A forgotten raise costs a
    /// change report that includes the extractor's own difference — an over-call, never
    /// a missed change.
    public static let readingRevision = 17

    /// `readingRevision` as stored, with the lexicons' languages (a custom lexicon set
    /// reads differently).
    public var revision: String {
        "reading-\(Self.readingRevision)/" + lexicons.lexicons.keys.sorted().joined(separator: ",")
    }
}
