internal import Foundation

/// How lexicon words and page text are made comparable: lower case, no diacritics,
/// punctuation as spaces, one space between words.
package enum LexiconText {
    package static func normalize(_ text: String) -> String {
        if isNormalizedASCII(text) { return text }
        // Most headers, cells and lexicon words are ASCII or Latin: fold those without
        // Foundation, byte by byte.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            var letters: String?
            if value < 0x80 {
                let byte = UInt8(value)
                let lowered = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                guard (lowered >= 0x61 && lowered <= 0x7A) || (lowered >= 0x30 && lowered <= 0x39) else {
                    pendingSpace = true
                    continue
                }
                if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(lowered)
                continue
            }
            switch LatinFolding.fold(scalar) {
            case .letters(let folded): letters = folded
            case .separator: pendingSpace = true
            case .nothing: break
            case nil: return normalizeWithFoundation(text)
            }
            if let letters {
                if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(contentsOf: letters.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The words of a text `normalize` (or `singular`) returned, found on its UTF-8
    /// bytes: it has single spaces between words, and `split` on a `String` would break
    /// it into characters first.
    package static func words(normalized text: String) -> [Substring] {
        var words: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == 0x20 {
                if start < index { words.append(text[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start < utf8.endIndex { words.append(text[start..<utf8.endIndex]) }
        return words
    }

    /// Lower-case ASCII letters and digits, one space between words, none around: what
    /// `normalize` returns, and what lexicon words mostly are already.
    private static func isNormalizedASCII(_ text: String) -> Bool {
        var previousIsSpace = true
        for byte in text.utf8 {
            if byte == 0x20 {
                if previousIsSpace { return false }
                previousIsSpace = true
            } else if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                previousIsSpace = false
            } else {
                return false
            }
        }
        return !previousIsSpace || text.isEmpty
    }

    /// `normalize` for any script: Foundation folds, `Character` tells letters.
    package static func normalizeWithFoundation(_ text: String) -> String {
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
        var normalized = normalize(text)
        // Byte by byte: `normalize` leaves single spaces between words and none around.
        // Most words keep their last letter: the text is copied only when one does not.
        let singular: [UInt8]? = normalized.withUTF8 { bytes in
            var out: [UInt8]?
            var wordStart = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x20 {
                let word = UnsafeBufferPointer(rebasing: bytes[wordStart..<index])
                if word.count > 3, word.last == UInt8(ascii: "s"),
                    word.allSatisfy({ $0 < 0x80 }) || String(decoding: word, as: UTF8.self).count > 3
                {
                    if out == nil { out = Array(bytes[..<wordStart]) }
                    out?.append(contentsOf: word.dropLast())
                } else {
                    out?.append(contentsOf: word)
                }
                if index < bytes.count { out?.append(0x20) }
                wordStart = index + 1
            }
            return out
        }
        return singular.map { String(decoding: $0, as: UTF8.self) } ?? normalized
    }

    /// Word tokens, lower-cased, diacritics kept (stop words are written with them).
    ///
    /// Read scalar by scalar, not by `Character`: grapheme breaking over a whole page
    /// costs more than everything else language detection does.
    package static func words(_ text: String) -> [Substring] {
        words(lowercased: lowercase(text))
    }

    /// Whether `needle`'s UTF-8 bytes occur in `haystack`'s: `memchr` to each
    /// candidate first byte, `memcmp` for the rest. Byte equality is what charter's
    /// folded, normalised text needs, and `String.contains` compares characters.
    package static func containsBytes(of needle: String, in haystack: String) -> Bool {
        var needle = needle
        var haystack = haystack
        return needle.withUTF8 { needle in
            haystack.withUTF8 { haystack in
                guard let first = needle.first, let base = haystack.baseAddress, let rest = needle.baseAddress,
                    needle.count <= haystack.count
                else { return needle.isEmpty }
                var offset = 0
                let lastStart = haystack.count - needle.count
                while offset <= lastStart {
                    guard let hit = memchr(base + offset, Int32(first), lastStart - offset + 1) else { return false }
                    let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, rest, needle.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }

    /// `String.lowercased()` without its cost on non-ASCII text (a `String` built
    /// for every scalar): UTF-8 bytes are copied as they are unless the scalar they
    /// encode changes when lower-cased.
    package static func lowercase(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    out.append(lead >= 0x41 && lead <= 0x5A ? lead + 0x20 : lead)
                    index += 1
                    continue
                }
                let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                let end = min(index + length, bytes.count)
                let encoded = UnsafeBufferPointer(rebasing: bytes[index..<end])
                var decoder = UTF8()
                var iterator = encoded.makeIterator()
                if case .scalarValue(let scalar) = decoder.decode(&iterator), scalar.properties.changesWhenLowercased {
                    out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    out.append(contentsOf: encoded)
                }
                index = end
            }
            return String(decoding: out, as: UTF8.self)
        }
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
