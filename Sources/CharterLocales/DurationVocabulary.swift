public import CharterModel

/// Duration units, session words and number words of every lexicon, for reading
/// retention texts such as "13 mois", "2 years", "24 heures", "end of session".
struct DurationVocabulary: Sendable {
    static let unitSeconds: [String: Int64] = [
        "second": 1, "minute": 60, "hour": 3_600, "day": 86_400, "week": 604_800,
        // A month is a twelfth of a year, so that "12 months" equals "1 year".
        "month": 2_628_000, "year": 31_536_000,
    ]

    var units: [String: Int64] = [:]
    /// Session phrases with a space either side, to be found as whole words.
    var sessionPhrases: [String] = []
    var numbers: [String: Int] = [:]

    init(_ lexicons: [Lexicon]) {
        for lexicon in lexicons {
            for (unit, words) in lexicon.durations.units {
                guard let seconds = Self.unitSeconds[unit] else { continue }
                for word in words { units[LexiconText.normalize(word)] = seconds }
            }
            sessionPhrases += lexicon.durations.session.map { " " + LexiconText.normalize($0) + " " }
            for (word, value) in lexicon.durations.numbers { numbers[LexiconText.normalize(word)] = value }
        }
    }
}

extension LexiconSet {
    /// Reads a retention text: every "number unit" pair is added up ("1 year and 6
    /// months"); a session word with no duration makes a session cookie.
    public func retention(_ text: String) -> Retention {
        let normalized = LexiconText.normalize(text)
        var tokens: [Substring] = []
        for word in LexiconText.words(normalized: normalized) {
            // "24h", "13months": split a number glued to its unit.
            if let first = word.first, first.isNumber, let split = word.firstIndex(where: { $0.isLetter }) {
                tokens.append(word[..<split])
                tokens.append(word[split...])
            } else {
                tokens.append(word)
            }
        }
        var total: Int64 = 0
        var found = false
        var pairs: [(amount: Int64, unit: Int64)] = []
        // "666666666666666666 years" is text a page may hold, not a duration: past
        // Int64 the retention states no number of seconds (found by fuzzing).
        var overflowed = false
        var index = 0
        while index + 1 < tokens.count {
            let token = tokens[index]
            let value = Int64(token) ?? durations.numbers[String(token)].map(Int64.init)
            if let value, let unit = durations.units[String(tokens[index + 1])] {
                let (seconds, tooLong) = value.multipliedReportingOverflow(by: unit)
                let (sum, tooMuch) = total.addingReportingOverflow(seconds)
                overflowed = overflowed || tooLong || tooMuch
                total = sum
                found = true
                pairs.append((value, unit))
                index += 2
            } else {
                index += 1
            }
        }
        let padded = " " + normalized + " "
        let session = !found && durations.sessionPhrases.contains { LexiconText.containsBytes(of: $0, in: padded) }
        let seconds = found && !overflowed && !Self.isNegative(text) ? total : nil
        // One amount of one unit ("13 mois"), kept as stated; "1 year 6 months" has none.
        let single = seconds != nil && pairs.count == 1 ? pairs[0] : nil
        return Retention(
            text: text, seconds: seconds, session: session, amount: single?.amount,
            unit: single.flatMap { pair in DurationVocabulary.unitSeconds.first { $0.value == pair.unit }?.key })
    }

    /// "-5 years", "−5 Jahre": a sign that normalizing would drop. No lifetime is negative,
    /// so such a text states no number of seconds (a range, "1-2 years", is not a sign).
    static func isNegative(_ text: String) -> Bool {
        var previous: Unicode.Scalar = " "
        var sign = false
        for scalar in text.unicodeScalars {
            if sign, scalar.properties.numericType != nil { return true }
            sign = (scalar == "-" || scalar == "\u{2212}") && (previous == " " || previous == "\u{A0}" || previous == "(")
            previous = scalar
        }
        return false
    }
}
