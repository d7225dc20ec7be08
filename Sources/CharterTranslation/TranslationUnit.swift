public import CharterModel

/// One translatable text of a charter, with its translation and where it stands.
public struct TranslationUnit: Sendable, Hashable {
    /// XLIFF 2.0's segment states; PO has `fuzzy` for `initial` with a target.
    public enum State: String, Sendable, Hashable, CaseIterable {
        case initial, translated, reviewed, final
    }

    /// Stable across versions: derived from the cookie key and the field
    /// (`cookie.sessionid.purpose`), or the section's position for prose.
    public var id: String
    /// What the text is, for the translator ("purpose of sessionid").
    public var context: String
    public var source: String
    public var target: String?
    public var state: State
    /// Why a unit is `initial` although it has a target: untranslated or stale.
    public var notes: [String]
}

/// What an exported file carries besides its units: the languages and the source
/// charter itself, so that an import rebuilds the whole target charter.
public struct TranslationFile: Sendable {
    public var sourceLanguage: String
    public var targetLanguage: String
    public var units: [TranslationUnit]
    /// The source charter, which gives everything that is not translated.
    public var skeleton: Charter

    public init(sourceLanguage: String, targetLanguage: String, units: [TranslationUnit], skeleton: Charter) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.units = units
        self.skeleton = skeleton
    }
}

/// Why a translation file could not be read back.
public enum TranslationError: Error, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): return reason
        }
    }
}
