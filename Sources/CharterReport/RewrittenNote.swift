internal import CharterDiff
internal import CharterLocales

/// The sentence a report puts under a change shown rewritten (`ProseChange.rewritten`,
/// `FieldChange.rewritten`), so that a reader knows the redline is not word by word.
enum RewrittenNote {
    static let key = "note.rewritten"

    /// The report language's wording (`Locales/*.json`, key `note.rewritten`), with the
    /// bound written as that language groups digits.
    static func text(_ strings: ReportStrings) -> String {
        let separator = strings.language == "fr" ? "\u{202F}" : ","
        return strings[key].replacingLimit(with: grouped(WordDiff.changeLimit, separator: separator))
    }

    /// 1000 → "1,000" (English) or "1 000" (French, narrow no-break space).
    static func grouped(_ number: Int, separator: String) -> String {
        let digits = Array(String(number))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += separator }
            out.append(digit)
        }
        return out
    }
}

extension String {
    fileprivate func replacingLimit(with value: String) -> String {
        split(separator: "{limit}", omittingEmptySubsequences: false).joined(separator: value)
    }
}
