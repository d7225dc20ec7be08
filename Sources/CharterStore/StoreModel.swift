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

/// A finding kept with its check.
public struct StoredFinding: Sendable, Hashable, Codable {
    /// `diff`, `locale` or `observed`.
    public var kind: String
    public var rule: String
    /// A verdict for diff findings, a severity for locale ones.
    public var level: String
    public var cookie: String?
    public var message: String

    public init(kind: String, rule: String, level: String, cookie: String?, message: String) {
        self.kind = kind
        self.rule = rule
        self.level = level
        self.cookie = cookie
        self.message = message
    }
}

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
    public var verdict: String?
    public var findings: [StoredFinding]
    /// The content hash the caller compared with; the store re-checks it inside the
    /// transaction and refuses to record a diff made against an older version.
    public var comparedWith: VersionID?

    public init(
        source: SourceID, url: String, language: String, at: Date, snapshot: SnapshotInput? = nil, charter: Charter? = nil,
        failure: String? = nil, notModified: Bool = false, verdict: String? = nil, findings: [StoredFinding] = [],
        comparedWith: VersionID? = nil
    ) {
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
    public var version: Int64?
    public var contentSHA256: String?
    public var cookies: Int?
    public var verdict: String?
}

/// A new version or a failed check, for feeds.
public struct StoredEvent: Sendable, Hashable {
    public var check: Int64
    public var source: String
    public var language: String
    public var at: Date
    public var outcome: CheckOutcome
    public var reason: String?
    public var verdict: String?
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

    public func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
}

/// What identifies a version, without its content.
public struct VersionHeader: Sendable, Hashable {
    public var id: VersionID
    public var contentSHA256: String
    public var cookies: Int
}
