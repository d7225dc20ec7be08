internal import Foundation

/// Text as charter compares it: invisible characters removed, every kind of space and
/// `&nbsp;` folded to one space, trimmed, in Unicode NFC.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // Most charter text is ASCII: fold it byte by byte, without decoding scalars.
            bytes.allSatisfy { $0 < 0x80 } ? foldASCII(bytes) : foldUnicode(String(decoding: bytes, as: UTF8.self))
        }
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

    private static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                switch byte {
                case 0x09...0x0D, 0x20:
                    pendingSpace = count > 0
                case 0x00...0x1F, 0x7F:
                    continue
                default:
                    if pendingSpace {
                        out[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    out[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    private static func foldUnicode(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var alreadyNFC = true
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD:
                continue
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
                0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                pendingSpace = !out.isEmpty
            case 0x00...0x1F, 0x7F...0x9F:
                // Control characters never belong in charter text, and some of them
                // (ESC) would reach a terminal as commands.
                continue
            default:
                if pendingSpace {
                    out.append(" ")
                    pendingSpace = false
                }
                if alreadyNFC, !isNFCStable(scalar.value) { alreadyNFC = false }
                out.append(scalar)
            }
        }
        let folded = String(out)
        // Foundation's normalisation costs more than everything else here together:
        // skip it when every scalar is one that NFC leaves alone in any context.
        return alreadyNFC ? folded : folded.precomposedStringWithCanonicalMapping
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
