import CharterLocales
import Testing

/// `LexiconText.normalize` folds Latin text itself and hands anything else to Foundation:
/// both ways must give the same text, or a page would match a lexicon word differently
/// depending on which way it went.
struct LatinFoldingTests {
    /// Every scalar the Latin path knows (and the ranges around them), in the positions a
    /// scalar takes in a word: alone, inside, after a space, after a mark, between letters.
    @Test func latinPathAgreesWithFoundationForEveryScalar() {
        let ranges: [ClosedRange<UInt32>] = [0x80...0x36F, 0x1E00...0x1EFF, 0x2000...0x20CF]
        var disagreements: [String] = []
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let s = String(scalar)
            for text in [s, "x\(s)y", "Ab \(s)", "É\(s)ß", "a \(s) b", "a.\(s)Œ", "e\u{301}\(s)1", "\(s)\(s)"] {
                let fast = LexiconText.normalize(text)
                let reference = LexiconText.normalizeWithFoundation(text)
                if fast != reference {
                    disagreements.append("U+\(String(value, radix: 16, uppercase: true)) in \(text.debugDescription): \(fast.debugDescription) ≠ \(reference.debugDescription)")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20).joined(separator: "\n"))")
    }

    @Test(arguments: [
        "Durée de conservation : 13 mois", "Gültigkeitsdauer – 2 Jahre", "Okres przechowywania: 1 rok",
        "Finalità « statistiques »", "Œuvre d’art — cœur", "Straße · Größe", "Ça\u{A0}dépend…", "«Nom du cookie»",
        "Ελληνικά cookies", "Файлы cookie", "クッキー", "a\u{200D}b", "e\u{301}te\u{301}", "½ année", "ª º µ",
    ])
    func sentencesAgreeWithFoundation(_ text: String) {
        #expect(LexiconText.normalize(text) == LexiconText.normalizeWithFoundation(text))
    }
}
