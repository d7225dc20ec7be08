/// How long a cookie lives, as written and, where the text allows, as a duration.
public struct Retention: Sendable, Hashable, Codable {
    /// The text as the page gives it ("13 mois", "end of session").
    public var text: String
    /// The duration in seconds, when the text states one.
    public var seconds: Int64?
    /// Whether the cookie ends with the browsing session.
    public var session: Bool
    /// The amount and unit the text states ("13 mois" → 13 and `month`), when it states
    /// one of each: what a reader compares across languages without rounding months to
    /// seconds. Derived from `text`, so left out of equality and of the content hash.
    public var amount: Int64?
    /// `second`, `minute`, `hour`, `day`, `week`, `month` or `year`.
    public var unit: String?

    public init(text: String, seconds: Int64? = nil, session: Bool = false, amount: Int64? = nil, unit: String? = nil) {
        self.text = text
        self.seconds = seconds
        self.session = session
        self.amount = amount
        self.unit = unit
    }

    public static func == (lhs: Retention, rhs: Retention) -> Bool {
        lhs.text == rhs.text && lhs.seconds == rhs.seconds && lhs.session == rhs.session
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(seconds)
        hasher.combine(session)
    }

    /// Whether two retentions say the same thing, whatever the language: equal
    /// durations, or both session cookies, or (when neither parses) the same text.
    public func isEquivalent(to other: Retention) -> Bool {
        if session || other.session { return session == other.session && seconds == other.seconds }
        if let seconds, let otherSeconds = other.seconds { return seconds == otherSeconds }
        return text.lowercased() == other.text.lowercased()
    }
}
