/// BCP 47 language tags as charter compares them.
public enum LanguageTag {
    /// Whether a text is a well-formed BCP 47 tag (RFC 5646 syntax: a primary subtag of 2 to
    /// 8 letters, or a private-use or grandfathered `x-`/`i-` tag, then subtags of 1 to 8
    /// ASCII letters and digits, joined by hyphens). A language reaches HTML attributes,
    /// XML, HTTP headers and file names: anything else is refused or dropped.
    public static func isWellFormed(_ tag: String) -> Bool {
        guard !tag.isEmpty, tag.utf8.count <= 64 else { return false }
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        func isAlnum(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || isAlpha(byte) }
        func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        guard subtags.allSatisfy({ (1...8).contains($0.utf8.count) && $0.utf8.allSatisfy(isAlnum) }) else { return false }
        let first = subtags[0]
        if first.utf8.count == 1 { return (first == "x" || first == "X" || first == "i" || first == "I") && subtags.count > 1 }
        return first.utf8.count >= 2 && first.utf8.allSatisfy(isAlpha)
    }

    /// The tag when it is well formed, else nil: for values a server sends.
    public static func wellFormed(_ tag: String?) -> String? {
        guard let tag = tag?.trimmingSpaces, isWellFormed(tag) else { return nil }
        return tag
    }

    /// The tag in its conventional case (BCP 47 §2.1.1): language lower case, script
    /// title case, region upper case ("EN" → "en", "pt-br" → "pt-BR", "ZH-HANT-tw" →
    /// "zh-Hant-TW"). Tags are compared without case; charter keys a store's series by the
    /// tag, so "EN" and "en" must be one.
    public static func canonical(_ tag: String) -> String {
        var subtags: [String] = []
        for (index, subtag) in tag.split(separator: "-", omittingEmptySubsequences: false).enumerated() {
            let lowered = subtag.lowercased()
            // After the first subtag, and before any singleton (extensions, private use).
            let afterSingleton = subtags.contains { $0.count == 1 }
            if index > 0, !afterSingleton, lowered.count == 4, lowered.allSatisfy(\.isLetter) {
                subtags.append(lowered.prefix(1).uppercased() + lowered.dropFirst())
            } else if index > 0, !afterSingleton, lowered.count == 2, lowered.allSatisfy(\.isLetter) {
                subtags.append(lowered.uppercased())
            } else {
                subtags.append(lowered)
            }
        }
        return subtags.joined(separator: "-")
    }

    /// The primary subtag, lower-cased: "fr-FR" → "fr", "en_US" → "en".
    public static func primary(_ tag: String) -> String {
        String(tag.lowercased().split { $0 == "-" || $0 == "_" }.first ?? "")
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
