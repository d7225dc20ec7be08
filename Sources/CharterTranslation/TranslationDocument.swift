/// An exported translation file, with what it could not hold as it was: the command
/// writes `text` and shows `warnings` (nothing is changed silently).
public struct TranslationDocument: Sendable {
    public let text: String
    /// Characters the format cannot hold (C0 controls but tab, line feed and carriage
    /// return; U+FFFE, U+FFFF) that were written as U+FFFD.
    public let replacedCharacters: Int
    /// Where such characters could not go: "a PO file", "an XLIFF attribute or note".
    let place: String

    init(text: String, replacedCharacters: Int, place: String) {
        self.text = text
        self.replacedCharacters = replacedCharacters
        self.place = place
    }

    public var warnings: [String] {
        guard replacedCharacters > 0 else { return [] }
        let count = replacedCharacters == 1 ? "1 character" : "\(replacedCharacters) characters"
        return ["\(count) that \(place) cannot hold (control characters, U+FFFE, U+FFFF): written as U+FFFD"]
    }
}
