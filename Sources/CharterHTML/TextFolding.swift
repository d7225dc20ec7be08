internal import Foundation

/// Text as charter compares it: invisible characters removed, every kind of space and
/// `&nbsp;` folded to one space, trimmed, in Unicode NFC.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        var text = text
        var alreadyNFC = true
        let folded = text.withUTF8 { bytes in
            // The folded text is never longer than the text: spaces replace spaces.
            String(unsafeUninitializedCapacity: bytes.count) { out in
                fold(bytes, into: out, alreadyNFC: &alreadyNFC)
            }
        }
        // Foundation's normalisation costs more than everything else here together:
        // skip it when every scalar is one that NFC leaves alone in any context.
        return alreadyNFC ? folded : folded.precomposedStringWithCanonicalMapping
    }

    /// Folds valid UTF-8 (a `String`'s own bytes) byte by byte, decoding only the
    /// scalars that need a decision; returns how many bytes it wrote.
    private static func fold(
        _ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, alreadyNFC: inout Bool
    ) -> Int {
        var count = 0
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let value: UInt32
            switch length {
            case 1: value = UInt32(lead)
            case 2: value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            case 3:
                value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            default:
                value = UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                    | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
            }
            switch value {
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD:
                break
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
                0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                pendingSpace = count > 0
            case 0x00...0x1F, 0x7F...0x9F:
                // Control characters never belong in charter text, and some of them
                // (ESC) would reach a terminal as commands.
                break
            default:
                if pendingSpace {
                    out[count] = 0x20
                    count += 1
                    pendingSpace = false
                }
                if alreadyNFC, value > 0x2FF, !isNFCStable(value) { alreadyNFC = false }
                for offset in 0..<length { out[count + offset] = bytes[index + offset] }
                count += length
            }
            index += length
        }
        return count
    }

    /// Whether folding leaves nothing: the text is only spaces, invisible and control
    /// characters. Cheaper than `fold(text).isEmpty`, which builds the folded string.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x00...0x20, 0x7F...0xA0, 0x00AD, 0x1680, 0x2000...0x200D, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060,
                0x3000, 0xFEFF:
                return true
            default:
                return false
            }
        }
    }

    /// Whether a scalar is NFC_Quick_Check=Yes with canonical combining class 0: no
    /// string made only of such scalars changes under NFC. Ranges cover the scripts of
    /// the locales charter reads (Latin, Greek, Cyrillic, CJK, kana, Hangul, common
    /// punctuation); anything else takes the full normalisation.
    static func isNFCStable(_ value: UInt32) -> Bool {
        switch value {
        case 0x00...0x2FF,  // Latin, Latin-1, Latin Extended A/B, IPA, spacing modifiers
            0x0388...0x03FF,  // Greek letters (U+0374, U+037E, U+0387 are singletons)
            0x0400...0x0482, 0x048A...0x052F,  // Cyrillic, without its combining marks
            0x1E00...0x1EFF,  // Latin Extended Additional (Vietnamese)
            0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0,  // punctuation, currency
            0x3001...0x3098, 0x309B...0x30FF,  // CJK punctuation, kana without the voicing marks
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xAC00...0xD7A3,  // Hangul syllables (precomposed)
            0xFF01...0xFFEF:  // half- and full-width forms
            return true
        default:
            return false
        }
    }
}
