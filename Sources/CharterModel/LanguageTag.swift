/// BCP 47 language tags as charter compares them.
public enum LanguageTag {
    /// The primary subtag, lower-cased: "fr-FR" → "fr", "en_US" → "en".
    public static func primary(_ tag: String) -> String {
        String(tag.lowercased().split { $0 == "-" || $0 == "_" }.first ?? "")
    }
}
