public import CharterDiff
public import CharterModel
internal import Foundation
internal import Crypto

/// Builds the units of a charter pair, and applies translated units back.
public enum TranslationUnits {
    /// The fields of a cookie a translator translates.
    static let cookieFields = ["purpose", "service", "location", "categoryLabel"]

    /// Units for every translatable text of `source`, with the targets `target` already
    /// has; texts the locale report calls untranslated or stale stay `initial`, with a note.
    public static func make(source: Charter, target: Charter?, report: LocaleReport?, targetLanguage: String) -> [TranslationUnit] {
        let flagged = Dictionary(
            (report?.findings ?? []).filter { $0.language == targetLanguage && ($0.kind == .untranslated || $0.kind == .stale) }
                .map { ("\($0.cookie ?? "")|\($0.field ?? "")", $0.kind) }, uniquingKeysWith: { a, _ in a })
        var units: [TranslationUnit] = []
        let targetCookies = target.map { keyed($0.cookies) } ?? [:]
        for (key, cookie) in keyedList(source.cookies) {
            let translated = targetCookies[key]
            for field in cookieFields {
                guard let text = value(field, of: cookie), !text.isEmpty else { continue }
                let targetText = translated.flatMap { value(field, of: $0) }
                var unit = TranslationUnit(
                    id: "cookie.\(identifier(key)).\(field)", context: "\(label(field)) of cookie \(cookie.name)",
                    source: text, target: targetText, state: targetText == nil ? .initial : .translated, notes: [])
                switch flagged["\(cookie.name)|\(field)"] {
                case .untranslated?:
                    unit.state = .initial
                    unit.notes.append("untranslated: the published text is still the source language's")
                case .stale?:
                    unit.state = .initial
                    unit.notes.append("stale: the source text changed after this translation")
                default: break
                }
                units.append(unit)
            }
        }
        for (index, section) in source.sections.enumerated() {
            let translated = target.flatMap { index < $0.sections.count ? $0.sections[index] : nil }
            if let heading = section.heading {
                units.append(TranslationUnit(
                    id: "section.\(index).heading", context: "heading of section \(index + 1)", source: heading,
                    target: translated?.heading, state: translated?.heading == nil ? .initial : .translated, notes: []))
            }
            for (position, paragraph) in section.paragraphs.enumerated() {
                let targetText = translated.flatMap { position < $0.paragraphs.count ? $0.paragraphs[position] : nil }
                var unit = TranslationUnit(
                    id: "section.\(index).p\(position)", context: "paragraph \(position + 1) of “\(section.heading ?? "—")”",
                    source: paragraph, target: targetText, state: targetText == nil ? .initial : .translated, notes: [])
                if targetText == paragraph, source.language != target?.language {
                    unit.state = .initial
                    unit.notes.append("untranslated: the published text is still the source language's")
                }
                units.append(unit)
            }
        }
        return units
    }

    /// The target charter: the skeleton with every translated text put in its place.
    public static func apply(_ file: TranslationFile, input: String) -> Charter {
        var charter = file.skeleton
        charter.language = file.targetLanguage
        charter.source = CharterSource(
            input: input, format: .json, requestedLanguage: file.targetLanguage,
            sha256: file.skeleton.source.sha256)
        charter.warnings = []
        let units = Dictionary(file.units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var missing = 0
        for (index, (key, _)) in keyedList(charter.cookies).enumerated() {
            for field in cookieFields where value(field, of: charter.cookies[index]) != nil {
                if let target = units["cookie.\(identifier(key)).\(field)"]?.target, !target.isEmpty {
                    set(field, of: &charter.cookies[index], to: target)
                } else {
                    missing += 1
                }
            }
        }
        for index in charter.sections.indices {
            if charter.sections[index].heading != nil {
                if let target = units["section.\(index).heading"]?.target, !target.isEmpty {
                    charter.sections[index].heading = target
                } else {
                    missing += 1
                }
            }
            for position in charter.sections[index].paragraphs.indices {
                if let target = units["section.\(index).p\(position)"]?.target, !target.isEmpty {
                    charter.sections[index].paragraphs[position] = target
                } else {
                    missing += 1
                }
            }
        }
        if missing > 0 { charter.warnings.append("\(missing) texts have no translation; the source text was kept") }
        return charter
    }

    /// Cookie key: the name, with its occurrence for names listed more than once.
    static func keyedList(_ cookies: [Cookie]) -> [(String, Cookie)] {
        var seen: [String: Int] = [:]
        return cookies.map { cookie in
            let count = seen[cookie.name, default: 0]
            seen[cookie.name] = count + 1
            return (count == 0 ? cookie.name : "\(cookie.name)#\(count + 1)", cookie)
        }
    }

    static func keyed(_ cookies: [Cookie]) -> [String: Cookie] {
        Dictionary(keyedList(cookies), uniquingKeysWith: { a, _ in a })
    }

    /// An XML NMTOKEN from a cookie key; names with other characters (`_ga_*`) get a
    /// short hash so that two names never share an id.
    static func identifier(_ key: String) -> String {
        let allowed = key.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" }
        let cleaned = String(allowed)
        guard cleaned != key else { return key }
        let digest = SHA256.hash(data: Data(key.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
        return cleaned + "-" + digest
    }

    static func label(_ field: String) -> String { field == "categoryLabel" ? "category label" : field }

    static func value(_ field: String, of cookie: Cookie) -> String? {
        switch field {
        case "purpose": return cookie.purpose
        case "service": return cookie.service
        case "location": return cookie.location
        case "categoryLabel": return cookie.categoryLabel
        default: return nil
        }
    }

    static func set(_ field: String, of cookie: inout Cookie, to text: String) {
        switch field {
        case "purpose": cookie.purpose = text
        case "service": cookie.service = text
        case "location": cookie.location = text
        case "categoryLabel": cookie.categoryLabel = text
        default: break
        }
    }
}
