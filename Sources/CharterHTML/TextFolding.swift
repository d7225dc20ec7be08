internal import Foundation

/// Text as charter compares it: invisible characters removed, every kind of space and
/// `&nbsp;` folded to one space, trimmed, in Unicode NFC.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var isASCII = true
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
                if scalar.value > 0x7F { isASCII = false }
                out.append(scalar)
            }
        }
        let folded = String(out)
        return isASCII ? folded : folded.precomposedStringWithCanonicalMapping
    }
}
