public import CharterModel
internal import CharterHTML
internal import Foundation

/// GNU gettext PO: one entry per unit, `msgctxt` = the unit id, `fuzzy` for stale and
/// untranslated texts, the source charter in a header field (base64 JSON).
public enum POFormat {
    /// The file's text alone: `document(for:)` also counts what was replaced.
    public static func write(_ file: TranslationFile) -> String {
        document(for: file).text
    }

    /// gettext tools read control characters raw, but editors, diff tools and terminals
    /// do not (and U+0000 ends a C string): all that XML cannot hold becomes U+FFFD, the
    /// same set, so that a text is changed the same way in XLIFF attributes and in PO.
    public static func document(for file: TranslationFile) -> TranslationDocument {
        var replaced = 0
        func quoted(_ text: String) -> String { "\"" + escape(text, replaced: &replaced) + "\"" }
        func comment(_ text: String) -> String { commentLine(text, replaced: &replaced) }
        let skeleton = Data(CharterJSON.encode(file.skeleton, pretty: false).utf8).base64EncodedString()
        var out =
            "# " + comment("Cookie charter \(file.sourceLanguage) → \(file.targetLanguage), exported by charter.")
            + "\n"
        out += "msgid \"\"\nmsgstr \"\"\n"
        for header in [
            "Project-Id-Version: charter", "PO-Revision-Date: \(revisionDate(file.skeleton.source.fetchedAt))",
            "Last-Translator: ", "Language-Team: \(file.targetLanguage)", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit", "Language: \(file.targetLanguage)",
            "X-Charter-Source-Language: \(file.sourceLanguage)", "X-Charter-Skeleton: \(skeleton)",
        ] {
            out += quoted(header + "\n") + "\n"
        }
        for unit in file.units {
            out += "\n#. \(comment(unit.context))\n"
            for note in unit.notes { out += "#. \(comment(note))\n" }
            if unit.state == .initial, unit.target != nil { out += "#, fuzzy\n" }
            out += "msgctxt \(quoted(unit.id))\n"
            out += "msgid \(quoted(unit.source))\n"
            out += "msgstr \(quoted(unit.target ?? ""))\n"
        }
        return TranslationDocument(text: out, replacedCharacters: replaced, place: "a PO file")
    }

    public static func read(_ bytes: [UInt8]) throws -> TranslationFile {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw TranslationError.invalid("the PO file is not UTF-8")
        }
        var entries: [(context: String?, id: String, string: String, fuzzy: Bool, notes: [String])] = []
        var fuzzy = false
        var notes: [String] = []
        var field: WritableKeyPath<PORecord, String?>?
        // The current field's quoted pieces, joined once when the field ends: appending
        // each continuation line to the field's string copied it every time (a value of
        // 800,000 continuation lines took 16 s).
        var pieces: [String] = []
        var pending = false  // pieces added since the field was last written
        var record = PORecord()
        func commit() {
            guard pending, let field else { return }
            let value = pieces.joined()
            record[keyPath: field] = value
            pieces = [value]
            pending = false
        }
        func start(_ next: WritableKeyPath<PORecord, String?>, _ first: String) {
            field = next
            pieces = [first]
            pending = true
        }
        func flush() {
            commit()
            if let msgid = record.id {
                entries.append((record.context, msgid, record.string ?? "", fuzzy, notes))
            }
            record = PORecord()
            pieces = []
            pending = false
            fuzzy = false
            notes = []
            field = nil
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("\""), field != nil {
                pieces.append(try unquote(line[...]))
                pending = true
                continue
            }
            commit()
            if line.hasPrefix("#,") {
                if record.id != nil { flush() }
                fuzzy = line.contains("fuzzy")
            } else if line.hasPrefix("#.") {
                if record.id != nil { flush() }
                notes.append(String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces))
            } else if line.hasPrefix("#") {
                continue
            } else if line.hasPrefix("msgctxt ") {
                if record.id != nil { flush() }
                start(\.context, try unquote(line.dropFirst(8)))
            } else if line.hasPrefix("msgid ") {
                if record.id != nil, record.string != nil { flush() }
                start(\.id, try unquote(line.dropFirst(6)))
            } else if line.hasPrefix("msgstr ") {
                start(\.string, try unquote(line.dropFirst(7)))
            } else {
                throw TranslationError.invalid("unexpected PO line: \(line.prefix(60))")
            }
        }
        flush()
        guard let header = entries.first(where: { $0.id.isEmpty && $0.context == nil }) else {
            throw TranslationError.invalid("the PO file has no header entry")
        }
        var headers: [String: String] = [:]
        for line in header.string.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let target = headers["Language"], let source = headers["X-Charter-Source-Language"],
            let encoded = headers["X-Charter-Skeleton"], let data = Data(base64Encoded: encoded)
        else {
            throw TranslationError.invalid("the PO header lacks Language, X-Charter-Source-Language or X-Charter-Skeleton: export it with `charter po export`")
        }
        for tag in [target, source] where !LanguageTag.isWellFormed(tag) {
            throw TranslationError.invalid("the PO header's Language or X-Charter-Source-Language is not a BCP 47 language tag")
        }
        let skeleton: Charter
        do {
            skeleton = try CharterJSON.decode(data)
        } catch {
            throw TranslationError.invalid("the PO skeleton is not a charter: \(error)")
        }
        let units = entries.filter { $0.context != nil }.map { entry in
            TranslationUnit(
                id: entry.context ?? "", context: entry.notes.first ?? "", source: entry.id,
                target: entry.string.isEmpty ? nil : entry.string, state: entry.fuzzy || entry.string.isEmpty ? .initial : .translated,
                notes: Array(entry.notes.dropFirst()))
        }
        return TranslationFile(sourceLanguage: source, targetLanguage: target, units: units, skeleton: skeleton)
    }

    /// The page's fetch time, or the epoch for files: exports stay reproducible.
    static func revisionDate(_ date: Date?) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mmZ"
        return formatter.string(from: date ?? Date(timeIntervalSince1970: 0))
    }

    struct PORecord {
        var context: String?
        var id: String?
        var string: String?
    }

    /// The inside of a PO string, escaped.
    ///
    /// By scalars, not characters: "\r\n" is one character, and written raw it would end
    /// the line.
    static func escape(_ text: String, replaced: inout Int) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(holdable(scalar, replaced: &replaced))
            }
        }
        return out
    }

    /// A comment's text on one line: line breaks as spaces.
    static func commentLine(_ text: String, replaced: inout Int) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            out.unicodeScalars.append(scalar == "\n" || scalar == "\r" ? " " : holdable(scalar, replaced: &replaced))
        }
        return out
    }

    static func holdable(_ scalar: Unicode.Scalar, replaced: inout Int) -> Unicode.Scalar {
        if XMLWriter.canHold(scalar) { return scalar }
        replaced += 1
        return "\u{FFFD}"
    }

    static func unquote(_ text: Substring) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else {
            throw TranslationError.invalid("a PO string is not quoted: \(trimmed.prefix(60))")
        }
        var out = ""
        var escaped = false
        for c in trimmed.dropFirst().dropLast() {
            if escaped {
                switch c {
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
