public import CharterModel
public import CharterLocales
public import Foundation

/// A field's old and new value, with the word diff for text fields.
public struct FieldChange: Sendable, Hashable, Codable {
    public var old: String?
    public var new: String?
    /// Word-level runs, for text fields (purpose, service, provider…).
    public var words: [WordRun]?
    /// The runs show part of the value whole (deleted, then inserted): it had more
    /// changed words than `WordDiff.changeLimit` allows comparing word by word.
    public var rewritten: Bool

    public init(old: String?, new: String?, words: [WordRun]? = nil, rewritten: Bool = false) {
        self.old = old
        self.new = new
        self.words = words
        self.rewritten = rewritten
    }
}

/// One cookie's change between two versions.
public struct CookieChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case added, removed, modified, renamed, moved
    }

    public var kind: Kind
    /// The cookie's name (the new name for renames).
    public var cookie: String
    /// The old name, for renames.
    public var previousName: String?
    /// Why a removed and an added cookie were read as one renamed cookie.
    public var evidence: String?
    /// Field → old/new; empty for added and removed cookies.
    public var fields: [String: FieldChange]
    public var old: Cookie?
    public var new: Cookie?
    /// The ids of the rules this change triggered.
    public var rules: [String]
}

/// A vendor, partner or subprocessor added to or removed from the page's lists.
public struct PartyChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case added, removed }
    public var kind: Kind
    public var party: DisclosedParty
}

/// A change in the charter's prose, section by section.
public struct ProseChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case added, removed, modified }
    public var kind: Kind
    public var heading: String?
    /// The section's runs in one sequence.
    public var words: [WordRun]
    /// Part of the section is shown whole (deleted, then inserted): a passage had more
    /// changed words than `WordDiff.changeLimit` allows comparing word by word.
    public var rewritten: Bool = false
    /// The same runs paragraph by paragraph, each with what it is on the page (a list
    /// item, the bold line heading it): what a report lays out. Empty in reports written
    /// before paragraphs were kept.
    public var paragraphs: [ProseParagraph] = []
}

/// One paragraph of a prose change: its kind on the page and its runs.
public struct ProseParagraph: Sendable, Hashable, Codable {
    public var kind: ParagraphKind
    public var words: [WordRun]

    public init(kind: ParagraphKind, words: [WordRun]) {
        self.kind = kind
        self.words = words
    }

    /// No word of it changed.
    public var isUnchanged: Bool { words.allSatisfy { $0.operation == .equal } }
}

/// A rule's conclusion about one change (or one cookie).
public struct Finding: Sendable, Hashable, Codable {
    public var rule: String
    public var verdict: Verdict
    public var cookie: String?
    /// What happened, in one sentence.
    public var message: String
    /// Why the rule says so, in one sentence.
    public var explanation: String
    /// The authority the rule rests on.
    public var source: String
    /// A person must read this change: the diff alone cannot tell what it means.
    public var needsReview: Bool
    /// Why, when the reading the verdict rests on is not the page's own statement (no
    /// category given, a category the catalogue contradicts, a party not named).
    public var reviewReason: String?
    /// An audit finding about the new version itself (not caused by the change);
    /// reported, but it does not set the verdict.
    public var audit: Bool
}

/// The whole comparison of two versions of a charter.
public struct VersionDiffResult: Sendable, Hashable, Codable {
    public var verdict: Verdict
    public var profile: ConsentProfile
    public var old: VersionSummary
    public var new: VersionSummary
    public var changes: [CookieChange]
    /// Parties listed apart from cookies, added or removed.
    public var parties: [PartyChange]
    public var findings: [Finding]
    public var prose: [ProseChange]
    /// Whether a person must read the diff before acting on its verdict.
    public var needsReview: Bool
    /// Why: one line per finding that needs review ("_gcl_au: declared necessary; known as …").
    public var reviewReasons: [String]
    /// Who made the report, with which rules, and when: set by the caller (a command, the
    /// watch), never read from the clock by a renderer; `nil` in a bare diff.
    public var report: ReportIdentity? = nil
    /// Both versions' cookies, in page order, for the side-by-side table; not in the JSON
    /// (which has each side's content hash).
    public var oldCookies: [Cookie] = []
    public var newCookies: [Cookie] = []

    /// Whether the two versions say the same thing.
    public var isUnchanged: Bool { changes.isEmpty && parties.isEmpty && prose.isEmpty }
}

/// What identifies one side of a diff in a report.
public struct VersionSummary: Sendable, Hashable, Codable {
    public var input: String
    public var title: String?
    public var language: String?
    public var cookies: Int
    public var contentSHA256: String
    public var sha256: String
    /// The final URL the page was read from (nil for a file).
    public var url: String? = nil
    /// When the page was fetched (nil for a file).
    public var fetchedAt: Date? = nil
    /// The stored version this side is, when it came from the store (`portal@fr#3`).
    public var stored: StoredVersionReference? = nil

    /// How many cookies the side lists, as a report says it ("11 cookies").
    public func cookieCount(_ strings: ReportStrings) -> String {
        strings.format(cookies == 1 ? "identity.cookieCount.one" : "identity.cookieCount", ["count": String(cookies)])
    }
}

/// A stored version a diff side came from: its number in its language and its row id.
public struct StoredVersionReference: Sendable, Hashable, Codable {
    public var source: String
    public var language: String
    /// The version's number in its language (`#3`).
    public var number: Int
    /// The version's row id in the store, which review decisions point to; nil for a
    /// version the report names before the store has written it (a watch's report is
    /// written in the same transaction as the version it shows).
    public var id: Int64?
    /// The latest decision on record for this version (`charter review`), if any.
    public var decision: RecordedDecision?

    public init(source: String, language: String, number: Int, id: Int64?, decision: RecordedDecision? = nil) {
        self.source = source
        self.language = language
        self.number = number
        self.id = id
        self.decision = decision
    }

    /// `portal@fr#3`.
    public var reference: String { "\(source)@\(language)#\(number)" }
}

/// A reviewer's decision on a stored version, as a report shows it.
public struct RecordedDecision: Sendable, Hashable, Codable {
    /// `approved`, `rejected`, `reconsent-launched` or `not-applicable`.
    public var decision: String
    public var reviewer: String
    /// When, as stored (`2026-12-07T00:00:00Z`).
    public var at: String

    public init(decision: String, reviewer: String, at: String) {
        self.decision = decision
        self.reviewer = reviewer
        self.at = at
    }
}

/// What a report says about its own making: charter's version, the rules' version, when it
/// was generated (an injected clock), and whether two languages were compared on purpose.
public struct ReportIdentity: Sendable, Hashable, Codable {
    /// charter's release, as `charter --version` prints it and every report names it.
    public static let charterRelease = "1.0.0"

    public var charterVersion: String
    public var rulesVersion: String
    public var generatedAt: Date
    /// The two sides are in different languages and the user asked for it (`--across-languages`).
    public var acrossLanguages: Bool

    public init(charterVersion: String, rulesVersion: String = ConsentRules.version, generatedAt: Date, acrossLanguages: Bool = false) {
        self.charterVersion = charterVersion
        self.rulesVersion = rulesVersion
        self.generatedAt = generatedAt
        self.acrossLanguages = acrossLanguages
    }
}
