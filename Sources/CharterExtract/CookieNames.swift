/// Reading cookie names out of a name cell.
enum CookieNames {
    /// The names a cell lists: one per line, and lines split on commas, semicolons and
    /// slashes (none of which a cookie name may contain, RFC 6265), or on spaces when
    /// every piece is an identifier ("_ga _gid"). "Sign in with Apple" stays whole: some
    /// charters list SDKs and tools by name.
    static func split(_ lines: [String]) -> [String] {
        var names: [String] = []
        for line in lines where !isLabelledValue(line) {
            // "amp-store:https://example.se" (a storage key named by its origin) keeps its slashes.
            // "crisp-client/session/*" (a pattern of nested names) too.
            let separators: StaticString = keepsSlashes(line) ? ",;|" : ",;/|"
            for piece in splitOutsideBrackets(line, separators: separators) {
                let cleaned = clean(piece)
                guard !cleaned.isEmpty, !isPlaceholder(cleaned) else { continue }
                let words = cleaned.split(separator: " ").map(String.init)
                // "_ga [x2]", "IDE (3)": a consent manager's count of the domains setting it.
                if words.count == 2, isCountSuffix(words[1]) {
                    names.append(words[0])
                    continue
                }
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

    /// Whether a line holds "://" or "/*", on bytes (`String.contains` of a string is a
    /// generic search, and every name cell of every table comes here).
    static func keepsSlashes(_ line: String) -> Bool {
        var previous: UInt8 = 0
        for byte in line.utf8 {
            if previous == UInt8(ascii: ":"), byte == UInt8(ascii: "/") { return true }
            if previous == UInt8(ascii: "/"), byte == UInt8(ascii: "*") { return true }
            previous = byte
        }
        return false
    }

    /// "[x2]", "(3)", "[3]": a count after a name, never part of it (a name has no space).
    static func isCountSuffix(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard bytes.count >= 3, let open = bytes.first, let close = bytes.last,
            (open == UInt8(ascii: "[") && close == UInt8(ascii: "]")) || (open == UInt8(ascii: "(") && close == UInt8(ascii: ")"))
        else { return false }
        var inner = bytes.dropFirst().dropLast()
        if inner.first == UInt8(ascii: "x") { inner = inner.dropFirst() }
        return !inner.isEmpty && inner.count <= 3 && inner.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    static func isPlaceholder(_ text: String) -> Bool {
        text.utf8.count <= 4 && placeholders.contains(text.lowercased())
    }

    private static let placeholders: Set<String> = ["-", "–", "—", "n/a", "na", "none", "/", "*", "…", "..."]

    /// Strips quotes, backticks and list bullets around a name.
    static func clean(_ text: String) -> String {
        var slice = Substring(text).unicodeScalars
        while let first = slice.first, wrappers.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, wrappers.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }

    /// Quotes and bullets around a name; each is one scalar, so the scalar view can
    /// strip them.
    private static let wrappers: Set<Unicode.Scalar> = ["\"", "'", "`", "“", "”", "‘", "’", "«", "»", "•", "·", " "]

    /// A strong identifier: no spaces, and something no prose word has (`_`, `-`, a
    /// digit, a dot, a wildcard, an inner capital, or all capitals). Read by scalar:
    /// cookie names are ASCII, and grapheme breaking is the cost here.
    static func looksLikeIdentifier(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard !text.isEmpty, text.utf8.count <= 320, !scalars.contains(" "), scalars.count <= 80 else { return false }
        if scalars.contains(where: { "_-.*<>[]{}$".unicodeScalars.contains($0) || $0.properties.numericType != nil }) {
            return scalars.contains { $0.properties.isAlphabetic }
        }
        let letters = scalars.filter { $0.properties.isAlphabetic }
        if letters.count >= 2, letters.allSatisfy(\.properties.isUppercase) { return true }
        return scalars.dropFirst().contains { $0.properties.isUppercase } && scalars.contains { $0.properties.isLowercase }
    }

    /// How much a cell looks like it names cookies: the mean likeness of the names it
    /// lists ("IDE, test_cookie"; one per line), 0 when it lists none.
    static func cellLikeness(_ lines: [String]) -> Double {
        let names = split(lines)
        guard !names.isEmpty, names.count <= 40 else { return 0 }
        return names.map(nameLikeness).reduce(0, +) / Double(names.count)
    }

    /// How much a cell looks like a cookie name: 1 for an identifier, ½ for a plain
    /// lower-case word ("country", "locale"), ¼ for a host name (a domain column beside a
    /// name column must lose to it), 0 otherwise.
    static func nameLikeness(_ text: String) -> Double {
        let lowered = text.lowercased()
        if lowered.contains("://") || lowered.hasPrefix("www.") || lowered.contains("@") { return 0 }
        if looksLikeHostName(lowered) { return 0.25 }
        if looksLikeIdentifier(text) { return 1 }
        if !text.contains(" "), text.count <= 40, text.allSatisfy({ $0.isLowercase || $0.isNumber }) { return 0.5 }
        return 0
    }

    /// ".doubleclick.net", "maison-vigne.fr": dot-separated labels of letters, digits and
    /// hyphens ending in a top-level domain of letters. Cookie names with dots have an
    /// underscore or a digit-led label ("_pk_id.3.9c2e").
    static func looksLikeHostName(_ lowered: String) -> Bool {
        let labels = lowered.split(separator: ".", omittingEmptySubsequences: false).dropFirst(lowered.hasPrefix(".") ? 1 : 0)
        guard labels.count >= 2, let last = labels.last, (2...6).contains(last.count),
            last.allSatisfy({ $0 >= "a" && $0 <= "z" })
        else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
        }
    }

    /// Splits on ASCII separators outside brackets, byte by byte (brackets and
    /// separators are ASCII, so no cut falls inside a character).
    static func splitOutsideBrackets(_ text: String, separators: StaticString) -> [String] {
        let cuts = UnsafeBufferPointer(start: separators.utf8Start, count: separators.utf8CodeUnitCount)
        var parts: [String] = []
        var depth = 0
        let bytes = text.utf8
        var start = bytes.startIndex
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "<"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ">"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ")"): depth = max(0, depth - 1)
            case let byte where depth == 0 && cuts.contains(byte):
                parts.append(text[start..<index].trimming(" "))
                start = bytes.index(after: index)
            default: break
            }
        }
        parts.append(text[start...].trimming(" "))
        return parts
    }
}
