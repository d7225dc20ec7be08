/// Case and diacritic folding of Latin text without Foundation.
///
/// `String.folding(options:locale:)` costs about 7 µs a call, more than the rest of
/// normalising a header, and pages in French, German or Polish fold thousands of cells.
/// Text made only of ASCII, Latin letters (U+00C0–U+024F), combining diacritics and
/// punctuation is folded here, to the same result; anything else goes to Foundation.
/// `LatinFoldingTests` checks every scalar this type claims against Foundation.
enum LatinFolding {
    /// What a scalar folds to in the normalised text of `LexiconText`.
    enum Fold: Equatable {
        /// Letters to append to the current word.
        case letters(String)
        /// Ends the current word (punctuation, spaces, symbols).
        case separator
        /// Dropped: a combining diacritic, removed by diacritic-insensitive folding.
        case nothing
    }

    /// The fold of a scalar above ASCII, or nil when only Foundation can tell.
    static func fold(_ scalar: Unicode.Scalar) -> Fold? {
        let value = scalar.value
        switch value {
        case 0xC0...0x24F:
            return latin[Int(value - 0xC0)].map(Fold.letters) ?? .separator
        case 0x300...0x344, 0x346...0x362:
            // Not U+0345 (folds to a Greek iota) nor U+0363… (Latin letters written above).
            return .nothing
        case 0x80...0xBF, 0x2000...0x206F:
            // Punctuation, spaces and symbols; not letters, digits or format characters
            // (a zero-width joiner belongs to the letter before it).
            let properties = scalar.properties
            guard !properties.isAlphabetic, properties.numericType == nil else { return nil }
            switch properties.generalCategory {
            case .spaceSeparator, .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol,
                .modifierSymbol, .otherSymbol:
                return .separator
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// U+00C0…U+024F folded by Foundation (`[.caseInsensitive, .diacriticInsensitive]`);
    /// nil for the two that are not letters (× and ÷). `Scripts/latin-folding-table.sh`
    /// prints it.
    private static let latin: [String?] = [
        "a", "a", "a", "a", "a", "a", "æ", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "ð", "n", "o", "o", "o", "o", "o", nil, "ø", "u", "u", "u", "u", "y", "þ", "ss",
        "a", "a", "a", "a", "a", "a", "æ", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "ð", "n", "o", "o", "o", "o", "o", nil, "ø", "u", "u", "u", "u", "y", "þ", "y",
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
        "đ", "đ", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
        "g", "g", "g", "g", "h", "h", "ħ", "ħ", "i", "i", "i", "i", "i", "i", "i", "i",
        "i", "ı", "ĳ", "ĳ", "j", "j", "k", "k", "ĸ", "l", "l", "l", "l", "l", "l", "ŀ",
        "ŀ", "ł", "ł", "n", "n", "n", "n", "n", "n", "ʼn", "ŋ", "ŋ", "o", "o", "o", "o",
        "o", "o", "œ", "œ", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
        "s", "s", "t", "t", "t", "t", "ŧ", "ŧ", "u", "u", "u", "u", "u", "u", "u", "u",
        "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
        "ƀ", "ɓ", "ƃ", "ƃ", "ƅ", "ƅ", "ɔ", "ƈ", "ƈ", "ɖ", "ɗ", "ƌ", "ƌ", "ƍ", "ǝ", "ə",
        "ɛ", "ƒ", "ƒ", "ɠ", "ɣ", "ƕ", "ɩ", "ɨ", "ƙ", "ƙ", "ƚ", "ƛ", "ɯ", "ɲ", "ƞ", "ɵ",
        "o", "o", "ƣ", "ƣ", "ƥ", "ƥ", "ʀ", "ƨ", "ƨ", "ʃ", "ƪ", "ƫ", "ƭ", "ƭ", "ʈ", "u",
        "u", "ʊ", "ʋ", "ƴ", "ƴ", "ƶ", "ƶ", "ʒ", "ƹ", "ƹ", "ƺ", "ƻ", "ƽ", "ƽ", "ƾ", "ƿ",
        "ǀ", "ǁ", "ǂ", "ǃ", "ǆ", "ǆ", "ǆ", "ǉ", "ǉ", "ǉ", "ǌ", "ǌ", "ǌ", "a", "a", "i",
        "i", "o", "o", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "ǝ", "a", "a",
        "a", "a", "æ", "æ", "ǥ", "ǥ", "g", "g", "k", "k", "o", "o", "o", "o", "ʒ", "ʒ",
        "j", "ǳ", "ǳ", "ǳ", "g", "g", "ƕ", "ƿ", "n", "n", "a", "a", "æ", "æ", "ø", "ø",
        "a", "a", "a", "a", "e", "e", "e", "e", "i", "i", "i", "i", "o", "o", "o", "o",
        "r", "r", "r", "r", "u", "u", "u", "u", "s", "s", "t", "t", "ȝ", "ȝ", "h", "h",
        "ƞ", "ȡ", "ȣ", "ȣ", "ȥ", "ȥ", "a", "a", "e", "e", "o", "o", "o", "o", "o", "o",
        "o", "o", "y", "y", "ȴ", "ȵ", "ȶ", "ȷ", "ȸ", "ȹ", "ⱥ", "ȼ", "ȼ", "ƚ", "ⱦ", "ȿ",
        "ɀ", "ɂ", "ɂ", "ƀ", "ʉ", "ʌ", "ɇ", "ɇ", "ɉ", "ɉ", "ɋ", "ɋ", "ɍ", "ɍ", "ɏ", "ɏ",
    ]
}
