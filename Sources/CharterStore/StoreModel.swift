public import CharterModel
public import Foundation

/// How a check ended.
public enum CheckOutcome: String, Sendable, Hashable, Codable {
    /// The first version of this source and language.
    case firstVersion = "first-version"
    /// The content changed: a new version was stored.
    case newVersion = "new-version"
    case unchanged
    /// The server answered 304 to a conditional request.
    case notModified = "not-modified"
    /// No page was stored (network, HTTP, empty, no table, fallback…).
    case failed
}

/// The raw page of a check.
public struct SnapshotInput: Sendable {
    public var url: String
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var setCookieNames: [String]
    public var body: [UInt8]
    public var fetchedAt: Date
    /// Whether `body` is the DOM a headless browser ended with rather than the page as
    /// served.
    public var rendered: Bool
    /// The cookies the browser held after loading the page, before consent.
    public var observed: [ObservedCookie]?

    public init(
        url: String, status: Int, headers: [(name: String, value: String)], setCookieNames: [String], body: [UInt8], fetchedAt: Date,
        rendered: Bool = false, observed: [ObservedCookie]? = nil
    ) {
        self.url = url
        self.status = status
        self.headers = headers
        self.setCookieNames = setCookieNames
        self.body = body
        self.fetchedAt = fetchedAt
        self.rendered = rendered
        self.observed = observed
    }

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
}

/// A check's finding, typed (`CheckFinding` in the model): the name the store's
/// readers have always used.
public typealias StoredFinding = CheckFinding

/// Everything one check found, to be recorded in one transaction.
public struct CheckInput: Sendable {
    public var source: SourceID
    public var url: String
    public var language: String
    public var at: Date
    public var snapshot: SnapshotInput?
    /// The extracted charter, when the page is a valid version.
    public var charter: Charter?
    /// Why the check failed; nil when it did not.
    public var failure: String?
    public var notModified: Bool
    public var verdict: Verdict?
    /// The change has a finding a person must read before acting on its verdict.
    public var needsReview: Bool = false
    public var findings: [StoredFinding]
    /// The version the caller compared with; the store re-checks it inside the
    /// transaction and refuses to record a diff made against an older version.
    public var comparedWith: VersionID?
    /// The revision of the extractor that read `charter` (`CharterExtractor.revision`).
    public var extractor: String?
    /// The stored version's page as this extractor reads it, when that reading differs:
    /// stored first, as an extractor version, and `charter` is compared with it.
    public var reread: Charter?
    /// The report of the change, by its file name: recorded with the check, written by
    /// the caller once the store has said yes.
    public var report: String?
    /// The XPath the source is read with, kept for re-extraction.
    public var scope: String?
    /// `charter`'s content hash when the caller has it already: hashing means encoding the
    /// whole charter, and a check needs its hash once, not at every step.
    public var contentSHA256: String?
    /// Whether `findings` hold the round's alignment of the source's languages (carried
    /// by the source language's check, found again each round until resolved).
    public var aligned: Bool = false

    public init(
        source: SourceID, url: String, language: String, at: Date, snapshot: SnapshotInput? = nil, charter: Charter? = nil,
        failure: String? = nil, notModified: Bool = false, verdict: Verdict? = nil, findings: [StoredFinding] = [],
        comparedWith: VersionID? = nil, extractor: String? = nil, reread: Charter? = nil, report: String? = nil
    ) {
        self.extractor = extractor
        self.reread = reread
        self.report = report
        self.source = source
        self.url = url
        self.language = language
        self.at = at
        self.snapshot = snapshot
        self.charter = charter
        self.failure = failure
        self.notModified = notModified
        self.verdict = verdict
        self.findings = findings
        self.comparedWith = comparedWith
    }
}

/// What recording a check did.
public struct RecordedCheck: Sendable, Hashable {
    public var id: CheckID
    public var outcome: CheckOutcome
    public var version: VersionID?
    public var previous: VersionID?
}

/// A stored canonical version.
public struct StoredVersion: Sendable {
    public var id: VersionID
    public var source: SourceID
    public var language: String
    public var charter: Charter
    public var firstSeenAt: Date
    public var lastSeenAt: Date
    /// "page" or "extractor" (a re-extraction of stored snapshots).
    public var cause: String
}

/// One line of a source's history: a check, in time order.
public struct HistoryEntry: Sendable, Hashable, Codable {
    public var at: Date
    public var language: String
    public var outcome: CheckOutcome
    public var reason: String?
    public var status: Int?
    /// The row of the version the check saw: an id inside the store, left out of the JSON.
    public var version: Int64?
    /// The number of that version in its language (`portal@fr#3`), as `history` shows it.
    public var number: Int?
    public var contentSHA256: String?
    public var cookies: Int?
    public var verdict: Verdict?

    /// The JSON keys: the version's `number`, not its row id, which no command takes.
    enum CodingKeys: String, CodingKey {
        case at, language, outcome, reason, status, number, contentSHA256, cookies, verdict
    }
}

/// The raw page behind a stored version.
public struct StoredSnapshot: Sendable {
    public var version: VersionID
    public var source: SourceID
    public var language: String
    public var contentSHA256: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var setCookieNames: [String]
    public var fetchedAt: Date
    public var body: [UInt8]
    /// Whether `body` is a rendered DOM (UTF-8, whatever the headers say).
    public var rendered: Bool
    public var observed: [ObservedCookie]?
    /// The XPath the source was read with when it was last checked.
    public var scope: String? = nil

    public func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
}

/// What a check needs to know of its series before it fetches, read in one go: the
/// latest version (its charter still encoded: most checks find the page unchanged and
/// never decode it), the validators of its page, and the failures in a row.
public struct SeriesState: Sendable {
    public struct Latest: Sendable {
        public var id: VersionID
        public var contentSHA256: String
        public var cookies: Int
        /// The extractor revision that read it; nil for versions stored before revisions
        /// were kept.
        public var extractor: String?
        /// The canonical JSON of its charter.
        public var charterJSON: String
        /// Its number in its language (`portal@fr#3`); 0 when unknown.
        public var number: Int
        /// The latest whole-change decision on this very version (`charter review`), if any.
        public var decision: ReviewState?

        public init(
            id: VersionID, contentSHA256: String, cookies: Int, extractor: String?, charterJSON: String, number: Int = 0,
            decision: ReviewState? = nil
        ) {
            self.id = id
            self.contentSHA256 = contentSHA256
            self.cookies = cookies
            self.extractor = extractor
            self.charterJSON = charterJSON
            self.number = number
            self.decision = decision
        }

        public func charter() throws(StoreError) -> Charter {
            do {
                return try CharterJSON.decode(Data(charterJSON.utf8))
            } catch {
                throw .corrupt("version \(id.rawValue) does not decode: \(error)")
            }
        }
    }

    public var latest: Latest?
    public var etag: String?
    public var lastModified: String?
    /// Checks in a row, most recent first, that failed.
    public var failuresInARow: Int
    /// The critical findings of the series' latest alignment of languages: still true
    /// until a later alignment says otherwise.
    public var openLocaleFindings: [CheckFinding] = []
    /// The number the series' next version gets (`MAX(number) + 1`), as the store gives it
    /// when the check is recorded in the same state.
    public var nextNumber: Int
    /// Where the series stands with its reviewers before the check (`ReviewState`): nil
    /// when nothing waits for a decision and no decision covers its latest page version.
    public var review: ReviewState?

    public init(
        latest: Latest? = nil, etag: String? = nil, lastModified: String? = nil, failuresInARow: Int = 0,
        nextNumber: Int? = nil, review: ReviewState? = nil
    ) {
        self.latest = latest
        self.etag = etag
        self.lastModified = lastModified
        self.failuresInARow = failuresInARow
        self.nextNumber = nextNumber ?? ((latest?.number ?? 0) + 1)
        self.review = review
    }
}

/// What identifies a version, without its content.
public struct VersionHeader: Sendable, Hashable {
    public var id: VersionID
    public var contentSHA256: String
    public var cookies: Int
}
