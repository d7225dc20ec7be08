internal import Foundation

/// The words of reports (headings, verdicts, rule explanations) in the reader's
/// language, falling back to English for a language or key the lexicons lack.
public struct ReportStrings: Sendable {
    public let language: String
    /// The language asked for, even when reports are written in English for want of
    /// its words: the published table's few strings may still be there.
    public let requested: String
    private let strings: [String: String]
    private let fallback: [String: String]
    private let own: [String: String]

    public init(lexicons: LexiconSet, language: String) {
        let primary = String(language.lowercased().prefix { $0.isLetter })
        let own = lexicons.lexicons[primary]?.report ?? [:]
        // Reports need the whole set; a lexicon with only the table's strings is not enough.
        let chosen = own["heading.title"] != nil ? primary : "en"
        self.language = chosen
        self.requested = primary
        self.own = own
        self.strings = lexicons.lexicons[chosen]?.report ?? [:]
        self.fallback = lexicons.lexicons["en"]?.report ?? [:]
    }

    /// A string in the language asked for itself, nil when its lexicon lacks it: for
    /// text published to that language's readers, where English is not a fallback.
    public func own(_ key: String) -> String? { own[key] }

    /// A string for the published table: the asked language's, else English's.
    public func published(_ key: String) -> String { own[key] ?? fallback[key] ?? key }

    /// The language to report in: `LC_ALL`, `LC_MESSAGES` or `LANG` ("fr_FR.UTF-8" →
    /// "fr"), else English.
    public static func environmentLanguage(_ environment: [String: String]) -> String {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty, value != "C", value != "POSIX" {
                return String(value.prefix { $0.isLetter }).lowercased()
            }
        }
        return "en"
    }

    public subscript(key: String) -> String { strings[key] ?? fallback[key] ?? key }

    /// A field's name in the reader's language ("purpose" → "finalité"); extra columns
    /// keep their header text.
    public func fieldLabel(_ field: String) -> String {
        let key = "field." + field
        return strings[key] ?? fallback[key] ?? (field.hasPrefix("extra.") ? String(field.dropFirst(6)) : field)
    }

    /// A template with `{name}` placeholders filled in.
    ///
    /// One pass over the template: a value is never searched for placeholders in turn
    /// (a cookie named `{old}` stays as it is), and no Foundation search runs per value.
    public func format(_ key: String, _ values: [String: String]) -> String {
        let template = self[key]
        var out = ""
        out.reserveCapacity(template.utf8.count + 64)
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}"), let value = values[String(rest[afterOpen..<close])] else {
                out += "{"
                rest = rest[afterOpen...]
                continue
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }
}
