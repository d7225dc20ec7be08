public import CharterModel

/// One translatable text of a charter, with its translation and where it stands.
public struct TranslationUnit: Sendable, Hashable {
    /// XLIFF 2.0's segment states; PO has `fuzzy` for `initial` with a target.
    public enum State: String, Sendable, Hashable, CaseIterable {
        case initial, translated, reviewed, final
    }

    /// Stable across versions and exports, never a position: the cookie name and field
    /// (`cookie.sessionid.purpose`), a prose text's content as it was when first seen
    /// (`prose.3f2a…`, kept while the text is edited), or the shared text's content for a
    /// text found in several places (`shared.…`).
    public var id: String
    /// What the text is, for the translator ("purpose of sessionid").
    public var context: String
    public var source: String
    public var target: String?
    public var state: State
    /// Why a unit is `initial` although it has a target: untranslated or stale; where a
    /// shared text appears; where a pre-filled target came from.
    public var notes: [String]
    /// The source text this unit's target translated, when the source changed since
    /// (PO `#|` previous msgid, an XLIFF note).
    public var previousSource: String?
    /// False for texts kept as they are (cookie names): XLIFF `translate="no"`, not in PO.
    public var translatable: Bool
    /// Every place the source text appears (one for most texts).
    public var places: [String]

    public init(
        id: String, context: String, source: String, target: String?, state: State, notes: [String] = [],
        previousSource: String? = nil, translatable: Bool = true, places: [String] = []
    ) {
        self.id = id
        self.context = context
        self.source = source
        self.target = target
        self.state = state
        self.notes = notes
        self.previousSource = previousSource
        self.translatable = translatable
        self.places = places
    }

    /// Whether the target may be published as it is: translated, reviewed or final.
    public var isDone: Bool { state != .initial && !(target ?? "").isEmpty }
}

/// What an exported file carries besides its units: the languages and the source
/// charter itself, so that an import rebuilds the whole target charter.
public struct TranslationFile: Sendable {
    public var sourceLanguage: String
    /// Empty in a PO template (POT).
    public var targetLanguage: String
    public var units: [TranslationUnit]
    /// The source charter, which gives everything that is not translated.
    public var skeleton: Charter
    /// The content hash of the source charter the file was exported from, as the file
    /// records it (nil for files written before it was recorded).
    public var sourceHash: String?

    public init(
        sourceLanguage: String, targetLanguage: String, units: [TranslationUnit], skeleton: Charter,
        sourceHash: String? = nil
    ) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.units = units
        self.skeleton = skeleton
        self.sourceHash = sourceHash ?? skeleton.contentSHA256
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
