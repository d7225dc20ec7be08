internal import CharterModel
internal import Foundation

/// What the check pipeline needs of a store: one read before a check, one write after
/// it. SQLite (`CharterDatabase`) is the store charter ships; a second backend implements
/// these three and the pipeline runs on it unchanged.
public protocol CheckStore: Sendable {
    /// The series' latest version, validators and failure streak, in one read.
    func state(of source: SourceID, language: String) throws(StoreError) -> SeriesState
    /// The raw page behind a version: read again only when the extractor changed.
    func snapshot(of version: VersionID) throws(StoreError) -> StoredSnapshot?
    /// Records checks — snapshots, versions, checks, findings, report names — in one
    /// transaction: all of them, or none. A failed check never stores a version.
    func record(_ checks: [CheckInput]) throws(StoreError) -> [RecordedCheck]
}
