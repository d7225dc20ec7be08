import CharterModel
import CharterStore
import Foundation
import Testing

/// Keeping the store small (issue 17): which versions go is decided by `PrunePlan` alone;
/// the store then deletes them with the checks and pages only they needed.
struct PruneTests {
    static let day: TimeInterval = 86_400
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Versions #first…#last of a series, #n last seen `ages[n]` days before `now`.
    static func versions(_ numbers: ClosedRange<Int>, ages: [Int: Double] = [:]) -> [PrunableVersion] {
        numbers.map { number in
            PrunableVersion(
                id: VersionID(rawValue: Int64(number * 10)), number: number,
                lastSeenAt: now.addingTimeInterval(-(ages[number] ?? Double(numbers.upperBound - number) * 30) * day))
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let versions: [PrunableVersion]
        let policy: PrunePolicy
        let deleted: [Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "keep 2 of 5", versions: versions(1...5), policy: PrunePolicy(keep: 2), deleted: [1, 2, 3]),
        Case(name: "keep more than there are", versions: versions(1...3), policy: PrunePolicy(keep: 10), deleted: []),
        Case(name: "keep 0 still keeps the latest", versions: versions(1...3), policy: PrunePolicy(keep: 0), deleted: [1, 2]),
        Case(name: "a lone version stays", versions: versions(1...1), policy: PrunePolicy(keep: 1), deleted: []),
        Case(
            name: "the latest stays however old", versions: versions(1...3, ages: [1: 300, 2: 200, 3: 100]),
            policy: PrunePolicy(olderThan: now.addingTimeInterval(-10 * day)), deleted: [1, 2]),
        // Last seen 0, 30, 60, 90, 120 days ago (#5 … #1).
        Case(
            name: "older than 45 days", versions: versions(1...5), policy: PrunePolicy(olderThan: now.addingTimeInterval(-45 * day)),
            deleted: [1, 2, 3]),
        Case(
            name: "both rules must let a version go: keep wins", versions: versions(1...5),
            policy: PrunePolicy(keep: 4, olderThan: now.addingTimeInterval(-45 * day)), deleted: [1]),
        Case(
            name: "both rules must let a version go: age wins", versions: versions(1...5),
            policy: PrunePolicy(keep: 1, olderThan: now.addingTimeInterval(-45 * day)), deleted: [1, 2, 3]),
        // #2 was seen recently (an old page came back, say): it stays, and so does all after it.
        Case(
            name: "what stays has no holes", versions: versions(1...4, ages: [1: 100, 2: 1, 3: 100, 4: 100]),
            policy: PrunePolicy(olderThan: now.addingTimeInterval(-10 * day)), deleted: [1]),
        Case(name: "numbers with gaps", versions: versions(7...9) + versions(3...3), policy: PrunePolicy(keep: 2), deleted: [3, 7]),
        Case(name: "no rule deletes nothing", versions: versions(1...5), policy: PrunePolicy(), deleted: []),
        Case(name: "an empty series", versions: [], policy: PrunePolicy(keep: 1), deleted: []),
    ]

    @Test(arguments: cases)
    func theSelectionIsAPureFunctionOfTheVersions(_ example: Case) {
        let series = VersionSeries(source: SourceID("portal"), language: "fr")
        let plan = PrunePlan([series: example.versions.shuffled()], policy: example.policy)
        #expect(plan.series.map(\.series) == [series])
        #expect(plan.series[0].deleted.map(\.number) == example.deleted)
        #expect(Set(plan.series[0].kept.map(\.number)).isDisjoint(with: example.deleted))
        #expect(plan.series[0].kept.count + example.deleted.count == example.versions.count)
        if let latest = example.versions.map(\.number).max() { #expect(plan.series[0].kept.last?.number == latest) }
    }

    @Test func eachSeriesIsPlannedOnItsOwn() {
        let fr = VersionSeries(source: SourceID("portal"), language: "fr")
        let en = VersionSeries(source: SourceID("portal"), language: "en")
        let shop = VersionSeries(source: SourceID("shop"), language: "de")
        let plan = PrunePlan(
            [fr: Self.versions(1...4), en: Self.versions(1...1), shop: Self.versions(2...3)], policy: PrunePolicy(keep: 1))
        #expect(plan.series.map(\.series) == [en, fr, shop])
        #expect(plan.series.map { $0.deleted.map(\.number) } == [[], [1, 2, 3], [2]])
    }

    // MARK: The store

    /// A store with portal@fr #1–#4 (a failed check and a finding along the way) and
    /// portal@en #1, every page fetched.
    static func filledStore() throws -> CharterDatabase {
        let store = try CharterDatabase()
        var minute = 0.0
        func check(_ language: String, _ names: [String], failure: String? = nil, findings: [StoredFinding] = []) throws {
            minute += 1
            let at = now.addingTimeInterval(-(100 - minute) * day)
            let latest = try store.latestVersionHeader(SourceID("portal"), language: language)
            _ = try store.record(CheckInput(
                source: SourceID("portal"), url: "u", language: language, at: at,
                snapshot: SnapshotInput(
                    url: "u", status: 200, headers: [], setCookieNames: [], body: Array("\(names)".utf8), fetchedAt: at),
                charter: VersionNumberTests.charter(names, language), failure: failure, findings: findings, comparedWith: latest?.id))
        }
        try check("fr", ["a"])
        try check("fr", ["a"])
        try check("en", ["a"])
        let finding = StoredFinding(kind: .diff, rule: "RC-NEW-PURPOSE", level: .reconsent, cookie: "b", message: "b")
        try check("fr", ["a", "b"], findings: [finding])
        try check("fr", [], failure: "HTTP 500")
        try check("fr", ["a", "b", "c"])
        try check("fr", ["a", "b", "c"])
        try check("fr", ["a", "b", "c", "d"])
        return store
    }

    @Test func pruningDeletesOldVersionsWithTheChecksAndPagesOnlyTheyNeeded() throws {
        let store = try Self.filledStore()
        let report = try store.prune(PrunePolicy(keep: 2))
        #expect(report.dryRun == false)
        #expect(report.seriesCount == 2)
        #expect(report.versionsKept == 3)
        let fr = try #require(report.series.first)
        #expect(report.series.count == 1)
        #expect(fr.series == VersionSeries(source: SourceID("portal"), language: "fr"))
        #expect(fr.deleted == [1, 2])
        #expect(fr.kept == [3, 4])
        // Before #3: the checks that stored #1, saw it again, stored #2 (with its finding), failed.
        #expect(fr.checks == 4)
        #expect(fr.findings == 1)
        #expect(fr.snapshots == 4)
        let history = try store.history(SourceID("portal"), language: "fr", since: nil, limit: nil)
        #expect(history.map(\.number) == [3, 3, 4])
        #expect(try store.versionNumbers(SourceID("portal"), language: "en") == [1])
        // The pages behind the kept versions are still there for re-extraction.
        #expect(try store.latestSnapshots().count == 2)
        #expect(try store.version(SourceID("portal"), language: "fr", number: 3)?.charter.cookies.count == 3)
        #expect(try store.integrityCheck() == "ok")
        // Pruning again finds nothing more to delete.
        #expect(try store.prune(PrunePolicy(keep: 2)).series.isEmpty)
    }

    @Test func aDryRunSaysWhatWouldGoAndDeletesNothing() throws {
        let store = try Self.filledStore()
        let before = try store.history(SourceID("portal"), language: nil, since: nil, limit: nil)
        let dry = try store.prune(PrunePolicy(olderThan: Self.now.addingTimeInterval(-93.5 * Self.day)), dryRun: true)
        #expect(dry.dryRun)
        #expect(try store.history(SourceID("portal"), language: nil, since: nil, limit: nil) == before)
        #expect(try store.versionNumbers(SourceID("portal"), language: "fr") == [1, 2, 3, 4])
        let real = try store.prune(PrunePolicy(olderThan: Self.now.addingTimeInterval(-93.5 * Self.day)))
        #expect(real.series == dry.series)
        #expect(real.series.map(\.deleted) == [[1, 2]])
    }

    @Test func aStoreOpenedForReadingOnlyIsNotPruned() throws {
        let path = VersionNumberTests.temporaryPath()
        defer { VersionNumberTests.remove(path) }
        do {
            let store = try CharterDatabase(path: path)
            for count in 1...3 { try VersionNumberTests.check(store, "fr", (0..<count).map { "c\($0)" }, minutes: Double(count)) }
        }
        let reader = try CharterDatabase(path: path, readOnly: true)
        #expect {
            _ = try reader.prune(PrunePolicy(keep: 1))
        } throws: { error in
            "\(error)".contains("opened for reading only") && "\(error)".contains("nothing was deleted")
        }
        #expect(try reader.versionNumbers(VersionNumberTests.source, language: "fr") == [1, 2, 3])
    }

    @Test func vacuumGivesTheSpaceBack() throws {
        let path = VersionNumberTests.temporaryPath()
        defer { VersionNumberTests.remove(path) }
        let store = try CharterDatabase(path: path)
        for count in 1...40 {
            let names = (0..<count).map { "cookie-\($0)-" + String(repeating: "x", count: 200) }
            try VersionNumberTests.check(store, "fr", names, minutes: Double(count))
        }
        let report = try store.prune(PrunePolicy(keep: 1))
        #expect(report.series.first?.deleted.count == 39)
        let sizes = try store.vacuum()
        #expect(sizes.after < sizes.before)
        #expect(try store.integrityCheck() == "ok")
    }
}
