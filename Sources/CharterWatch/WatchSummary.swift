public import CharterModel
public import CharterDiff
public import CharterStore
public import Foundation

/// What one watch round found, for the terminal, the JSON summary, the webhook and the
/// exit code.
public struct WatchSummary: Sendable, Codable {
    /// What a round hands on as it goes: a check, or the alignment of a source's
    /// languages right after that source's checks.
    public enum Entry: Sendable {
        case check(Check)
        case locales(Locales)
    }

    public struct Check: Sendable, Codable {
        public var source: String
        public var language: String
        public var url: String
        public var outcome: CheckOutcome
        public var reason: String?
        public var verdict: Verdict?
        public var cookies: Int?
        public var findings: [StoredFinding]
        /// Consecutive failed checks reached the configured limit.
        public var broken: Bool
        /// The HTML report of the diff, for new versions.
        public var report: String?
        /// The source is muted (`muted: until DATE`): its failures raise no alarm.
        public var muted: Bool = false
        /// The check succeeded after failed ones.
        public var recovered: Bool = false
        /// What went wrong around the check without failing it (a report not written).
        public var warnings: [String] = []
        /// Where the series stands with its reviewers after the check (`charter review`): a
        /// change awaiting a decision since `#N`, or the decision on its latest page
        /// version; nil when neither (left out of the JSON).
        public var review: ReviewState? = nil
    }

    public struct Locales: Sendable, Codable {
        public var source: String
        public var report: LocaleReport
    }

    public var startedAt: Date
    public var finishedAt: Date
    public var checks: [Check]
    public var locales: [Locales]

    /// 3 if any re-consent, else 2 if any failed check, else 1 if any change, else 0.
    public var exitCode: Int32 { WatchTally(self).exitCode }

    public var broken: [String] { WatchTally(self).broken }

    /// What a reader of the summary (a webhook's receiver) needs first: the round's
    /// counts, exit code and strongest verdict, beside the checks.
    public struct Counts: Sendable, Codable, Equatable {
        public var checks: Int
        public var changed: Int
        public var failed: Int
    }

    enum EncodingKeys: String, CodingKey { case checks, counts, exitCode, finishedAt, locales, startedAt, verdict }

    public func encode(to encoder: any Encoder) throws {
        let tally = WatchTally(self)
        var c = encoder.container(keyedBy: EncodingKeys.self)
        try c.encode(checks, forKey: .checks)
        try c.encode(Counts(checks: tally.checks, changed: tally.changed, failed: tally.failed), forKey: .counts)
        try c.encode(tally.exitCode, forKey: .exitCode)
        try c.encode(finishedAt, forKey: .finishedAt)
        try c.encode(locales, forKey: .locales)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(tally.verdict, forKey: .verdict)
    }
}
