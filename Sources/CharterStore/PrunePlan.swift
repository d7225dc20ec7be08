public import Foundation

/// The versions of one source in one language: `portal@fr`.
public struct VersionSeries: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var source: SourceID
    public var language: String

    public init(source: SourceID, language: String) {
        self.source = source
        self.language = language
    }

    public var description: String { "\(source)@\(language)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.source.rawValue, lhs.language) < (rhs.source.rawValue, rhs.language)
    }
}

/// What pruning needs to know of a stored version.
public struct PrunableVersion: Sendable, Hashable, Codable {
    public var id: VersionID
    /// Its number in its series (`#3`).
    public var number: Int
    /// The last check that saw it.
    public var lastSeenAt: Date

    public init(id: VersionID, number: Int, lastSeenAt: Date) {
        self.id = id
        self.number = number
        self.lastSeenAt = lastSeenAt
    }
}

/// Which versions may go.
///
/// A version goes only when every rule given lets it go, and the latest version of a
/// series never goes.
public struct PrunePolicy: Sendable, Hashable, Codable {
    /// Keep the newest `keep` versions of each series.
    public var keep: Int?
    /// Keep every version seen at or after this moment.
    public var olderThan: Date?

    public init(keep: Int? = nil, olderThan: Date? = nil) {
        self.keep = keep
        self.olderThan = olderThan
    }
}

/// Which versions of each series pruning deletes and which it keeps.
///
/// Decided from the versions alone, before anything is written.
public struct PrunePlan: Sendable, Hashable {
    /// One series' share of the plan, both lists oldest first.
    public struct Series: Sendable, Hashable {
        public var series: VersionSeries
        public var deleted: [PrunableVersion]
        public var kept: [PrunableVersion]
    }

    /// Every series given, in (source, language) order.
    public var series: [Series]

    /// - Parameter protected: versions that must stay (a review decision points to them):
    ///   nothing from the first of them on goes, so the series keeps no holes.
    public init(_ versions: [VersionSeries: [PrunableVersion]], policy: PrunePolicy, protected: Set<VersionID> = []) {
        series = versions.keys.sorted().map { key in
            let ordered = (versions[key] ?? []).sorted { $0.number < $1.number }
            var cut = Self.firstKept(ordered, policy: policy)
            if let first = ordered.firstIndex(where: { protected.contains($0.id) }) { cut = min(cut, first) }
            return Series(series: key, deleted: Array(ordered[..<cut]), kept: Array(ordered[cut...]))
        }
    }

    /// Where a series' kept versions begin, in versions sorted by number.
    ///
    /// Only versions older than every version a rule keeps go, so what stays is the
    /// series' recent history without holes, and its latest version is always in it. No
    /// rule at all keeps everything.
    public static func firstKept(_ ordered: [PrunableVersion], policy: PrunePolicy) -> Int {
        guard policy.keep != nil || policy.olderThan != nil else { return 0 }
        var cut = max(ordered.count - 1, 0)
        if let keep = policy.keep {
            cut = min(cut, max(ordered.count - max(keep, 1), 0))
        }
        if let olderThan = policy.olderThan, let recent = ordered.firstIndex(where: { $0.lastSeenAt >= olderThan }) {
            cut = min(cut, recent)
        }
        return cut
    }
}

/// What pruning deleted, or in a dry run would delete.
public struct PruneReport: Sendable, Hashable {
    /// One series that lost versions.
    public struct Series: Sendable, Hashable {
        public var series: VersionSeries
        /// The numbers of the versions deleted, oldest first.
        public var deleted: [Int]
        /// The numbers of the versions kept, oldest first.
        public var kept: [Int]
        /// Checks older than the oldest kept version.
        public var checks: Int
        /// Findings of those checks.
        public var findings: Int
        /// Raw pages no kept version or check points to any more.
        public var snapshots: Int
    }

    /// The series that lost versions, in (source, language) order.
    public var series: [Series]
    /// Whether nothing was written: the transaction was rolled back.
    public var dryRun: Bool
    /// Every series in the store, pruned or not.
    public var seriesCount: Int
    /// Every version the store holds after pruning (in a dry run: would hold).
    public var versionsKept: Int
}
