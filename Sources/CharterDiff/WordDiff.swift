/// One run of a word-level diff.
public struct WordRun: Sendable, Hashable, Codable {
    public enum Operation: String, Sendable, Hashable, Codable { case equal, delete, insert }
    public var operation: Operation
    public var text: String

    public init(operation: Operation, text: String) {
        self.operation = operation
        self.text = text
    }
}

/// One paragraph of a word diff: the old and new paragraphs it shows (by position),
/// and its runs. A paragraph added whole has no old one; one deleted whole, no new one.
public struct DiffParagraph: Sendable, Hashable {
    public var old: Int?
    public var new: Int?
    public var runs: [WordRun]
}

/// A word diff, whether part of it had to be shown whole, and what it cost.
public struct WordDiffResult: Sendable, Hashable {
    public var runs: [WordRun]
    /// The same runs, paragraph by paragraph.
    public var paragraphs: [DiffParagraph]
    /// A passage had more than `WordDiff.changeLimit` changed words: its old words are
    /// shown deleted and its new words inserted, not compared word by word.
    public var rewritten: Bool
    /// Diagonals visited and words and paragraphs compared or hashed. Tests read it to
    /// check that the cost grows linearly with the text, which timing could not show.
    public var work: Int

    public init(runs: [WordRun], paragraphs: [DiffParagraph] = [], rewritten: Bool, work: Int) {
        self.runs = runs
        self.paragraphs = paragraphs
        self.rewritten = rewritten
        self.work = work
    }
}

/// Word-level differences between two texts: Myers, as the standard library's
/// `CollectionDifference` computes it, within each passage that changed, merged into runs.
public enum WordDiff {
    /// The most changed words (deleted plus inserted) a passage may have and still be
    /// compared word by word. Past it the passage is shown rewritten: comparing costs
    /// the passage's length times this, and a thousand changes in one passage are a new
    /// text to read, not a redline to check. An ordinary edit (a sentence reworded, a
    /// paragraph added) stays far below it.
    public static let changeLimit = 1_000

    /// The runs alone, for callers that need no more (the purpose rules).
    public static func runs(from old: String, to new: String) -> [WordRun] { compare(old, new).runs }

    /// Two texts (a cell, a field), as one paragraph each.
    public static func compare(_ old: String, _ new: String, changeLimit: Int = WordDiff.changeLimit) -> WordDiffResult {
        compare(paragraphs: [old], [new], changeLimit: changeLimit)
    }

    /// Two versions of a section, paragraph by paragraph: unchanged paragraphs are
    /// matched first and only what lies between them is compared word by word.
    public static func compare(paragraphs old: [String], _ new: [String], changeLimit: Int = WordDiff.changeLimit) -> WordDiffResult {
        var differ = ProseDiffer(old: old, new: new, limit: max(0, changeLimit))
        return differ.result()
    }

    /// The two texts are the same but for white space ("FUNCTIONAL Conserves" and
    /// "FUNCTIONALConserves"); white space is found scalar by scalar, and the rest is
    /// compared as strings are (canonically equivalent forms are equal).
    public static func equalIgnoringWhitespace(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        func squeezed(_ text: String) -> String {
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isWhitespace($0) })
            return String(scalars)
        }
        return squeezed(a) == squeezed(b)
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// The text's words, split on Unicode white space scalar by scalar (splitting by
    /// `Character` breaks graphemes first, the larger part of a diff's time).
    static func words(_ text: String) -> [String] {
        text.unicodeScalars.split(whereSeparator: isWhitespace).map { String(String.UnicodeScalarView($0)) }
    }

    /// The words deleted and the words inserted.
    public static func changedWords(_ runs: [WordRun]) -> (deleted: [String], inserted: [String]) {
        var deleted: [String] = []
        var inserted: [String] = []
        for run in runs {
            let words = run.text.split(separator: " ").map(String.init)
            switch run.operation {
            case .delete: deleted += words
            case .insert: inserted += words
            case .equal: continue
            }
        }
        return (deleted, inserted)
    }
}
