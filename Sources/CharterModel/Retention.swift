/// How long a cookie lives, as written and, where the text allows, as a duration.
public struct Retention: Sendable, Hashable, Codable {
    /// The text as the page gives it ("13 mois", "end of session").
    public var text: String
    /// The duration in seconds, when the text states one.
    public var seconds: Int64?
    /// Whether the cookie ends with the browsing session.
    public var session: Bool

    public init(text: String, seconds: Int64? = nil, session: Bool = false) {
        self.text = text
        self.seconds = seconds
        self.session = session
    }

    /// Whether two retentions say the same thing, whatever the language: equal
    /// durations, or both session cookies, or (when neither parses) the same text.
    public func isEquivalent(to other: Retention) -> Bool {
        if session || other.session { return session == other.session && seconds == other.seconds }
        if let seconds, let otherSeconds = other.seconds { return seconds == otherSeconds }
        return text.lowercased() == other.text.lowercased()
    }
}
