public import CharterModel
internal import CharterHTML
public import Foundation

/// GNU gettext PO: one entry per unit, `msgctxt` = the unit id, `fuzzy` for stale and
/// untranslated texts, the source charter in a header field (base64 JSON).
public enum POFormat {
    /// The file's text alone: `document(for:)` also counts what was replaced.
    public static func write(
        _ file: TranslationFile, template: Bool = false, now: Date = Date(timeIntervalSince1970: 0)
    ) -> String {
        document(for: file, template: template, now: now).text
    }

    /// gettext's placeholder for a file no translator has revised yet.
    static let unrevised = "YEAR-MO-DA HO:MI+ZONE"

    /// gettext tools read control characters raw, but editors, diff tools and terminals
    /// do not (and U+0000 ends a C string): all that XML cannot hold becomes U+FFFD, the
    /// same set, so that a text is changed the same way in XLIFF attributes and in PO.
    ///
    /// `template` writes a POT (no targets, no language, a fuzzy header as xgettext
    /// writes it); `now` is the POT-Creation-Date. `PO-Revision-Date` keeps gettext's
    /// placeholder: charter exports, a translator revises.
    public static func document(
        for file: TranslationFile, template: Bool = false, now: Date = Date(timeIntervalSince1970: 0)
    ) -> TranslationDocument {
        var replaced = 0
        func quoted(_ text: String) -> String { "\"" + escape(text, replaced: &replaced) + "\"" }
        func comment(_ text: String) -> String { commentLine(text, replaced: &replaced) }
        let skeleton = Data(CharterJSON.encode(file.skeleton, pretty: false).utf8).base64EncodedString()
        let target = template ? "" : file.targetLanguage
        var out =
            "# "
            + comment("Cookie charter \(file.sourceLanguage) → \(template ? "LANGUAGE" : target), exported by charter.")
            + "\n"
        if template { out += "#, fuzzy\n" }
        out += "msgid \"\"\nmsgstr \"\"\n"
        for header in [
            "Project-Id-Version: charter", "Report-Msgid-Bugs-To: ", "POT-Creation-Date: \(date(now))",
            "PO-Revision-Date: \(unrevised)", "Last-Translator: FULL NAME <EMAIL@ADDRESS>",
            "Language-Team: \(template ? "LANGUAGE <LL@li.org>" : target)", "Language: \(target)", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
            "X-Charter-Source-Language: \(file.sourceLanguage)",
            "X-Charter-Source-SHA256: \(file.sourceHash ?? file.skeleton.contentSHA256)",
            "X-Charter-Skeleton: \(skeleton)",
        ] {
            out += quoted(header + "\n") + "\n"
        }
        for unit in file.units where unit.translatable {
            out += "\n#. \(comment(unit.context))\n"
            for note in unit.notes { out += "#. \(comment(note))\n" }
            let stringTarget = template ? nil : unit.target
            if !template, unit.state == .initial, stringTarget != nil { out += "#, fuzzy\n" }
            if !template, let previous = unit.previousSource {
                out += "#| msgctxt \(quoted(unit.id))\n"
                out += "#| msgid \(quoted(previous))\n"
            }
            out += "msgctxt \(quoted(unit.id))\n"
            out += "msgid \(quoted(unit.source))\n"
            out += "msgstr \(quoted(stringTarget ?? ""))\n"
        }
        return TranslationDocument(text: out, replacedCharacters: replaced, place: "a PO file")
    }

    public static func read(_ bytes: [UInt8]) throws -> TranslationFile {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw TranslationError.invalid("the PO file is not UTF-8")
        }
        var entries: [(context: String?, id: String, string: String, fuzzy: Bool, notes: [String], previous: String?)] =
            []
        var fuzzy = false
        var notes: [String] = []
        var previous: [String] = []  // `#| msgid` and its continuation lines
        var inPrevious = false
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
                entries.append(
                    (
                        record.context, msgid, record.string ?? "", fuzzy, notes,
                        previous.isEmpty ? nil : previous.joined()
                    ))
            }
            previous = []
            inPrevious = false
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
            if line.hasPrefix("#|") {
                if record.id != nil { flush() }
                let rest = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix("msgid ") {
                    previous = [try unquote(rest.dropFirst(6))]
                    inPrevious = true
                } else if rest.hasPrefix("\""), inPrevious {
                    previous.append(try unquote(rest[...]))
                } else {
                    inPrevious = false
                }
                continue
            }
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
        guard let target = headers["Language"], !target.isEmpty else {
            throw TranslationError.invalid(
                "the PO header's Language is empty: a template (POT) must be given a language first (msginit, or your translation tool)"
            )
        }
        guard let source = headers["X-Charter-Source-Language"],
            let encoded = headers["X-Charter-Skeleton"], let data = Data(base64Encoded: encoded)
        else {
            throw TranslationError.invalid(
                "the PO header lacks Language, X-Charter-Source-Language or X-Charter-Skeleton: export it with `charter po export`"
            )
        }
        for tag in [target, source] where !LanguageTag.isWellFormed(tag) {
            throw TranslationError.invalid(
                "the PO header's Language or X-Charter-Source-Language is not a BCP 47 language tag")
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
                target: entry.string.isEmpty ? nil : entry.string,
                state: entry.fuzzy || entry.string.isEmpty ? .initial : .translated,
                notes: Array(entry.notes.dropFirst()), previousSource: entry.previous)
        }
        return TranslationFile(
            sourceLanguage: source, targetLanguage: target, units: units, skeleton: skeleton,
            sourceHash: headers["X-Charter-Source-SHA256"])
    }

    /// A gettext header date (`2026-12-06 23:00+0000`).
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mmZ"
        return formatter.string(from: date)
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
