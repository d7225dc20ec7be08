/// Reading cookie names out of a name cell.
enum CookieNames {
    /// The names a cell lists: one per line, and lines split on commas, semicolons and
    /// slashes (none of which a cookie name may contain, RFC 6265), or on spaces when
    /// every piece is an identifier ("_ga _gid"). "Sign in with Apple" stays whole: some
    /// charters list SDKs and tools by name.
    static func split(_ lines: [String]) -> [String] {
        var names: [String] = []
        for line in lines where !isLabelledValue(line) {
            for piece in splitOutsideBrackets(line, separators: ",;/|") {
                let cleaned = clean(piece)
                guard !cleaned.isEmpty, !isPlaceholder(cleaned) else { continue }
                let words = cleaned.split(separator: " ").map(String.init)
                if words.count > 1, words.allSatisfy(looksLikeIdentifier) {
                    names += words
                } else if words.count <= 6 {
                    names.append(cleaned)
                }
            }
        }
        return names
    }

    /// "Domain: google.com": a label and a value, not a cookie name.
    static func isLabelledValue(_ line: String) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        let label = line[..<colon]
        let rest = line[line.index(after: colon)...]
        return !label.isEmpty && label.count <= 24 && label.allSatisfy { $0.isLetter || $0 == " " }
            && rest.first == " " && rest.count > 1
    }

    static func isPlaceholder(_ text: String) -> Bool {
        ["-", "–", "—", "n/a", "na", "none", "/", "*", "…", "..."].contains(text.lowercased())
    }

    /// Strips quotes, backticks and list bullets around a name.
    static func clean(_ text: String) -> String {
        let strip: Set<Character> = ["\"", "'", "`", "“", "”", "‘", "’", "«", "»", "•", "·", " "]
        var slice = Substring(text)
        while let first = slice.first, strip.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, strip.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }

    /// A strong identifier: no spaces, and something no prose word has (`_`, `-`, a
    /// digit, a dot, a wildcard, an inner capital, or all capitals).
    static func looksLikeIdentifier(_ text: String) -> Bool {
        guard !text.isEmpty, !text.contains(" "), text.count <= 80 else { return false }
        if text.contains(where: { "_-.*<>[]{}$".contains($0) || $0.isNumber }) {
            return text.contains { $0.isLetter }
        }
        let letters = text.filter(\.isLetter)
        if letters.count >= 2, letters.allSatisfy(\.isUppercase) { return true }
        return text.dropFirst().contains { $0.isUppercase } && text.contains { $0.isLowercase }
    }

    /// How much a cell looks like a cookie name: 1 for an identifier, ½ for a plain
    /// lower-case word ("country", "locale"), 0 otherwise.
    static func nameLikeness(_ text: String) -> Double {
        let lowered = text.lowercased()
        if lowered.contains("://") || lowered.hasPrefix("www.") || lowered.contains("@") { return 0 }
        if looksLikeIdentifier(text) { return 1 }
        if !text.contains(" "), text.count <= 40, text.allSatisfy({ $0.isLowercase || $0.isNumber }) { return 0.5 }
        return 0
    }

    static func splitOutsideBrackets(_ text: String, separators: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for c in text {
            if "<[{(".contains(c) { depth += 1 }
            if ">]})".contains(c) { depth = max(0, depth - 1) }
            if depth == 0, separators.contains(c) {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts.map { $0.trimming(" ") }
    }
}
