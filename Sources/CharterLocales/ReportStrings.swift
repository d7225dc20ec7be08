internal import Foundation

/// The words of reports (headings, verdicts, rule explanations) in the reader's
/// language, falling back to English for a language or key the lexicons lack.
public struct ReportStrings: Sendable {
    public let language: String
    private let strings: [String: String]
    private let fallback: [String: String]

    public init(lexicons: LexiconSet, language: String) {
        let primary = String(language.lowercased().prefix { $0.isLetter })
        let chosen = lexicons.lexicons[primary]?.report != nil ? primary : "en"
        self.language = chosen
        self.strings = lexicons.lexicons[chosen]?.report ?? [:]
        self.fallback = lexicons.lexicons["en"]?.report ?? [:]
    }

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
