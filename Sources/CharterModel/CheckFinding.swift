/// What a check found about a page, typed end to end: the rules' verdicts on a change,
/// the alignment of a source's languages, and the cookies the server or a browser set.
///
/// One scale per kind, never mixed: a diff finding carries a verdict (`reconsent`,
/// `inform`, `none`), a locale finding a severity (`critical`, `functional`,
/// `cosmetic`), an observed-cookie finding `critical` or `info`. The store keeps the
/// raw values and refuses a level that does not belong to its kind.
public struct CheckFinding: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A rule of the re-consent table, applied to a change.
        case diff
        /// The alignment of a source's languages.
        case locale
        /// The table held against the cookies actually set.
        case observed
    }

    public enum Level: String, Sendable, Hashable, Codable, CaseIterable {
        case reconsent, inform, none
        case critical, functional, cosmetic, info

        public init(_ verdict: Verdict) {
            switch verdict {
            case .reconsent: self = .reconsent
            case .inform: self = .inform
            case .none: self = .none
            }
        }

        /// The verdict a diff finding carries.
        public var verdict: Verdict? { Verdict(rawValue: rawValue) }

        /// Whether a finding at this level asks a person to act before the page is
        /// right again (a re-consent, a critical disagreement).
        public var isCritical: Bool { self == .reconsent || self == .critical }

        /// The levels a finding of `kind` may carry.
        public static func allowed(for kind: Kind) -> Set<Level> {
            switch kind {
            case .diff: return [.reconsent, .inform, .none]
            case .locale: return [.critical, .functional, .cosmetic]
            case .observed: return [.critical, .info]
            }
        }
    }

    public var kind: Kind
    /// The rule or check that found it (`cookie-added`, `missing`, `undeclared-cookie`…).
    public var rule: String
    public var level: Level
    public var cookie: String?
    public var message: String

    public init(kind: Kind, rule: String, level: Level, cookie: String?, message: String) {
        precondition(Level.allowed(for: kind).contains(level), "a \(kind.rawValue) finding cannot be \(level.rawValue)")
        self.kind = kind
        self.rule = rule
        self.level = level
        self.cookie = cookie
        self.message = message
    }

    /// A stored row read back; nil when its kind and level are not a known pair.
    public init?(kind: String, rule: String, level: String, cookie: String?, message: String) {
        guard let kind = Kind(rawValue: kind), let level = Level(rawValue: level), Level.allowed(for: kind).contains(level) else {
            return nil
        }
        self.init(kind: kind, rule: rule, level: level, cookie: cookie, message: message)
    }

    /// The disagreements of an observed-cookie check, as a check's findings.
    public init(_ observed: ObservedFinding) {
        self.init(
            kind: .observed, rule: observed.kind.rawValue, level: observed.level == .critical ? .critical : .info,
            cookie: observed.cookie, message: observed.message)
    }
}
