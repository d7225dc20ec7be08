internal import Foundation

/// How lexicon words and page text are made comparable: lower case, no diacritics,
/// punctuation as spaces, one space between words.
package enum LexiconText {
    package static func normalize(_ text: String) -> String {
        // Most headers and lexicon words are ASCII: fold those without Foundation.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var pendingSpace = false
            for byte in text.utf8 {
                let lowered = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                if (lowered >= 0x61 && lowered <= 0x7A) || (lowered >= 0x30 && lowered <= 0x39) {
                    if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
                    pendingSpace = false
                    bytes.append(lowered)
                } else {
                    pendingSpace = true
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var out = ""
        out.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for character in folded {
            if character.isLetter || character.isNumber {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(character)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// `normalize` with each word's plural `s` dropped, so "Cookies" matches "cookie".
    package static func singular(_ text: String) -> String {
        normalize(text).split(separator: " ").map { word in
            word.count > 3 && word.hasSuffix("s") ? String(word.dropLast()) : String(word)
        }.joined(separator: " ")
    }

    /// Word tokens, lower-cased, diacritics kept (stop words are written with them).
    ///
    /// Read scalar by scalar, not by `Character`: grapheme breaking over a whole page
    /// costs more than everything else language detection does.
    package static func words(_ text: String) -> [Substring] {
        words(lowercased: text.lowercased())
    }

    /// `words` of a text already lower-cased (lower-casing a page is not free).
    package static func words(lowercased lowered: String) -> [Substring] {
        let scalars = lowered.unicodeScalars
        var words: [Substring] = []
        var start: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if isWordScalar(scalars[index]) {
                if start == nil { start = index }
            } else if let first = start {
                words.append(Substring(scalars[first..<index]))
                start = nil
            }
            scalars.formIndex(after: &index)
        }
        if let first = start { words.append(Substring(scalars[first...])) }
        return words
    }

    /// A letter, an apostrophe, or a mark that belongs to the letter before it.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x61...0x7A, 0x41...0x5A, 0x27: return true
        case 0x00...0x7F: return false
        default:
            if scalar.properties.isAlphabetic { return true }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return false
            }
        }
    }
}
