/// Markdown inline syntax → HTML, for the parts charters use: backslash escapes, code
/// spans, links, autolinks, emphasis (CommonMark's flanking rules, so that `_ga` and
/// `_gat` stay names), and inline HTML tags kept as they are.
enum MarkdownInline {
    static func html(_ source: String) -> String {
        var tokens: [Token] = []
        let chars = Array(source)
        let literal = nameUnderscores(chars)
        var i = 0
        var text = ""
        func flushText() {
            if !text.isEmpty { tokens.append(.text(text)) }
            text = ""
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                text += escape(chars[i + 1])
                i += 2
            } else if c == "`", let end = chars[(i + 1)...].firstIndex(of: "`") {
                flushText()
                tokens.append(.html("<code>" + String(chars[(i + 1)..<end]).map(escape).joined() + "</code>"))
                i = end + 1
            } else if c == "<", let end = chars[i...].firstIndex(of: ">"), !isPlaceholder(chars, from: i, to: end),
                let tag = tagOrAutolink(chars[i...end])
            {
                flushText()
                tokens.append(.html(tag))
                i = end + 1
            } else if c == "&", let end = chars[i...].prefix(12).firstIndex(of: ";"),
                end > i + 1, chars[(i + 1)..<end].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "#" })
            {
                text += String(chars[i...end])
                i = end + 1
            } else if c == "!" || c == "[", let link = parseLink(chars, at: c == "!" ? i + 1 : i) {
                flushText()
                let label = html(link.label)
                let linked = c != "!" && !link.destination.isEmpty
                tokens.append(.html(linked ? "<a href=\"\(escapeAttribute(link.destination))\">\(label)</a>" : label))
                i = link.end
            } else if c == "_", literal.contains(i) {
                text += "_"
                i += 1
            } else if c == "*" || c == "_" {
                flushText()
                var run = 0
                while i + run < chars.count, chars[i + run] == c { run += 1 }
                let before: Character? = i > 0 ? chars[i - 1] : nil
                let after: Character? = i + run < chars.count ? chars[i + run] : nil
                tokens.append(.delimiter(Delimiter(character: c, count: run, before: before, after: after)))
                i += run
            } else {
                text += escape(c)
                i += 1
            }
        }
        flushText()
        return resolveEmphasis(tokens)
    }

    /// The underscores inside a cookie-name-shaped word, never emphasis: one glued after
    /// a letter or digit and followed by more of the word (`_ga_<container-id>`, `_ab_cd`,
    /// `_ga_*`, `_pk_id.3`). GFM reads `_ga_<container-id>` as an emphasised "ga"; a charter
    /// means the cookie, and a markup-only change must not look like a rename. An
    /// emphasis closing before a full stop (`_word_.`) is still emphasis.
    static func nameUnderscores(_ chars: [Character]) -> Set<Int> {
        var literal = Set<Int>()
        for index in chars.indices.dropFirst() where chars[index] == "_" && index + 1 < chars.count {
            let before = chars[index - 1]
            let after = chars[index + 1]
            guard before.isLetter || before.isNumber, !after.isWhitespace, after != "_" else { continue }
            if after.isLetter || after.isNumber || "<*-[{$#".contains(after) {
                literal.insert(index)
            } else if index + 2 < chars.count, chars[index + 2].isLetter || chars[index + 2].isNumber {
                literal.insert(index)
            }
        }
        return literal
    }

    /// "_ga_<container-id>", "_hjSession_<id>": a placeholder glued to a name with an
    /// underscore, or a hyphenated one glued to a word, is text, not a tag ("SECURITY<br>"
    /// is a tag).
    static func isPlaceholder(_ chars: [Character], from start: Int, to end: Int) -> Bool {
        guard start > 0 else { return false }
        let before = chars[start - 1]
        if before == "_" { return true }
        return (before.isLetter || before.isNumber) && chars[start..<end].contains("-")
    }

    private enum Token {
        case text(String)
        case html(String)
        case delimiter(Delimiter)
    }

    private struct Delimiter {
        let character: Character
        var count: Int
        let canOpen: Bool
        let canClose: Bool

        init(character: Character, count: Int, before: Character?, after: Character?) {
            self.character = character
            self.count = count
            let beforeSpace = before.map { $0.isWhitespace } ?? true
            let afterSpace = after.map { $0.isWhitespace } ?? true
            let beforePunct = before.map { $0.isPunctuation || $0.isSymbol } ?? false
            let afterPunct = after.map { $0.isPunctuation || $0.isSymbol } ?? false
            let left = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
            let right = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
            if character == "_" {
                canOpen = left && (!right || beforePunct)
                canClose = right && (!left || afterPunct)
            } else {
                canOpen = left
                canClose = right
            }
        }
    }

    /// Pairs delimiter runs into `<strong>`/`<em>`; unpaired ones stay literal.
    private static func resolveEmphasis(_ tokens: [Token]) -> String {
        var output: [String] = tokens.map { token in
            switch token {
            case .text(let s), .html(let s): return s
            case .delimiter: return ""
            }
        }
        var delimiters: [(index: Int, delimiter: Delimiter)] = tokens.enumerated().compactMap { entry in
            if case .delimiter(let d) = entry.element { return (entry.offset, d) }
            return nil
        }
        var openers: [Int] = []  // positions in `delimiters`
        var prefix = Array(repeating: "", count: tokens.count)
        var suffix = Array(repeating: "", count: tokens.count)
        for position in delimiters.indices {
            var closer = delimiters[position].delimiter
            if closer.canClose {
                while closer.count > 0,
                    let openerSlot = openers.lastIndex(where: {
                        delimiters[$0].delimiter.character == closer.character && delimiters[$0].delimiter.count > 0
                    })
                {
                    let openerPosition = openers[openerSlot]
                    let use = min(2, closer.count, delimiters[openerPosition].delimiter.count)
                    let tag = use == 2 ? "strong" : "em"
                    delimiters[openerPosition].delimiter.count -= use
                    closer.count -= use
                    suffix[delimiters[openerPosition].index] = "<\(tag)>" + suffix[delimiters[openerPosition].index]
                    prefix[delimiters[position].index] += "</\(tag)>"
                    // Openers between the pair can no longer close anything.
                    openers.removeSubrange((openerSlot + 1)...)
                    if delimiters[openerPosition].delimiter.count == 0 { openers.remove(at: openerSlot) }
                }
                delimiters[position].delimiter = closer
            }
            if closer.canOpen, closer.count > 0 { openers.append(position) }
        }
        for (index, delimiter) in delimiters {
            let literal = String(repeating: String(delimiter.character), count: delimiter.count)
            output[index] = prefix[index] + literal + suffix[index]
        }
        return output.joined()
    }

    private struct Link {
        let label: String
        let destination: String
        let end: Int
    }

    /// `[label](destination "title")` starting at `start` (the `[`).
    private static func parseLink(_ chars: [Character], at start: Int) -> Link? {
        guard start < chars.count, chars[start] == "[" else { return nil }
        var depth = 0
        var close: Int?
        for index in start..<chars.count {
            if chars[index] == "[" { depth += 1 }
            if chars[index] == "]" {
                depth -= 1
                if depth == 0 {
                    close = index
                    break
                }
            }
        }
        guard let close, close + 1 < chars.count else { return nil }
        if chars[close + 1] == "[", let end = chars[(close + 2)...].firstIndex(of: "]"),
            !chars[(close + 2)..<end].contains(where: { $0 == "[" || $0 == "(" })
        {
            // "[text][ref]": a reference link; its definition is elsewhere, its text is here.
            return Link(label: String(chars[(start + 1)..<close]), destination: "", end: end + 1)
        }
        guard chars[close + 1] == "(", let end = chars[(close + 2)...].firstIndex(of: ")") else { return nil }
        let inside = String(chars[(close + 2)..<end]).split(separator: " ", maxSplits: 1)
        let destination = inside.first.map { String($0).trimming("<>") } ?? ""
        return Link(label: String(chars[(start + 1)..<close]), destination: destination, end: end + 1)
    }

    /// An inline HTML tag kept as is, or an autolink `<https://…>` turned into a link.
    private static func tagOrAutolink(_ slice: ArraySlice<Character>) -> String? {
        let inner = String(slice.dropFirst().dropLast())
        if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:") {
            guard !inner.contains(where: { $0.isWhitespace }) else { return nil }
            return "<a href=\"\(escapeAttribute(inner))\">\(inner.map(escape).joined())</a>"
        }
        guard let first = inner.first, first.isLetter || first == "/", !inner.contains("<") else { return nil }
        return String(slice)
    }

    static func escape(_ c: Character) -> String {
        switch c {
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "&": return "&amp;"
        case "\"": return "&quot;"
        default: return String(c)
        }
    }

    static func escapeText(_ s: String) -> String { s.map(escape).joined() }

    static func escapeAttribute(_ s: String) -> String { escapeText(s) }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// The text without the given ASCII characters at either end. Byte by byte: an
    /// ASCII byte is never part of a longer UTF-8 sequence, so the cut is always clean.
    func trimming(_ set: StaticString) -> String {
        let strip = UnsafeBufferPointer(start: set.utf8Start, count: set.utf8CodeUnitCount)
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !strip.contains($0) }),
            let last = bytes.lastIndex(where: { !strip.contains($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
