internal import Foundation
internal import GRDB

/// One row per watched source.
struct SourceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "source"
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let url = Column(CodingKeys.url)
    }
    var id: String
    var url: String
    var createdAt: Date
    var scope: String?
}

/// A page as fetched: compressed bytes, status, headers and the cookies the server set.
struct SnapshotRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "snapshot"
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sourceId = Column(CodingKeys.sourceId)
        static let language = Column(CodingKeys.language)
    }
    var id: Int64?
    var sourceId: String
    var language: String
    var fetchedAt: Date
    var url: String
    var status: Int
    var headers: String
    var setCookieNames: String
    var etag: String?
    var lastModified: String?
    var sha256: String
    var size: Int
    var body: Data
    var rendered: Bool
    /// JSON of the observed cookies, when the page was rendered.
    var observedCookies: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A canonical version: stored when the content differs from the latest one.
struct VersionRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "version"
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sourceId = Column(CodingKeys.sourceId)
        static let language = Column(CodingKeys.language)
        static let lastSeenAt = Column(CodingKeys.lastSeenAt)
        static let number = Column(CodingKeys.number)
    }
    var id: Int64?
    var sourceId: String
    var language: String
    var contentSHA256: String
    var charter: String
    var cookies: Int
    var snapshotId: Int64?
    var firstSeenAt: Date
    var lastSeenAt: Date
    /// "page" for a change of the page; "extractor" for a change caused by re-extraction.
    var cause: String
    /// The extractor revision that read it (nil before revisions were kept).
    var extractor: String?
    /// Its place in its series (`portal@fr#3`): one more than the highest number the series
    /// ever had (`CharterDatabase.nextVersionNumber`), never given again once pruned.
    var number: Int

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Every attempt, failures included.
struct CheckRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "check"
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sourceId = Column(CodingKeys.sourceId)
        static let language = Column(CodingKeys.language)
        static let at = Column(CodingKeys.at)
    }
    var id: Int64?
    var sourceId: String
    var language: String
    var at: Date
    var outcome: String
    var reason: String?
    var status: Int?
    var snapshotId: Int64?
    var versionId: Int64?
    var previousVersionId: Int64?
    var verdict: String?
    /// The change has a finding a person must read (`VersionDiffResult.needsReview`);
    /// nil for checks stored before it was kept, and for checks that stored no change.
    var needsReview: Bool?
    /// The file name of the change's report, when one was written.
    var report: String?
    var aligned: Bool = false

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What the rules and the locale alignment said about a check.
struct FindingRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "finding"
    var id: Int64?
    var checkId: Int64
    var kind: String
    var rule: String
    var level: String
    var cookie: String?
    var message: String
}
