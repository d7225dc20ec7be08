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

/// Word-level differences between two texts, from the standard library's
/// `CollectionDifference` (Myers), merged into runs.
public enum WordDiff {
    public static func runs(from old: String, to new: String) -> [WordRun] {
        let oldWords = words(old)
        let newWords = words(new)
        // Only the offsets are read: moves (`inferringMoves`) would be work for nothing.
        let difference = newWords.difference(from: oldWords)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var runs: [WordRun] = []
        func append(_ operation: WordRun.Operation, _ word: String) {
            if let last = runs.last, last.operation == operation {
                runs[runs.count - 1].text += " " + word
            } else {
                runs.append(WordRun(operation: operation, text: word))
            }
        }
        var o = 0
        var n = 0
        while o < oldWords.count || n < newWords.count {
            if o < oldWords.count, removed.contains(o) {
                append(.delete, oldWords[o])
                o += 1
            } else if n < newWords.count, inserted.contains(n) {
                append(.insert, newWords[n])
                n += 1
            } else if o < oldWords.count, n < newWords.count {
                append(.equal, newWords[n])
                o += 1
                n += 1
            } else if o < oldWords.count {
                append(.delete, oldWords[o])
                o += 1
            } else {
                append(.insert, newWords[n])
                n += 1
            }
        }
        return runs
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
