public import ArgumentParser
internal import CharterReport
internal import CharterStore
internal import CharterWatch
internal import Foundation

extension CharterCommand.Store {
    /// `charter store prune`: delete old versions, with the checks and pages only they needed.
    public struct Prune: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "prune",
            abstract: "Delete old versions of each source and language, with the checks and pages only they needed.",
            discussion: """
                A version goes only when every rule given lets it go: --keep 10 --older-than 90d \
                keeps the ten newest versions of each language and every version seen in the last \
                90 days. The latest version of a language never goes, and neither does a page a kept \
                version or check points to (re-extraction reads them). The checks older than a \
                language's oldest kept version go, with their findings. Version numbers (fr#3) never \
                change and are never given again.

                Everything is deleted in one transaction. The store's lock is taken as `charter \
                watch` takes it: while a watch runs, prune refuses to start.
                """)

        @OptionGroup public var database: StoreOptions

        @Option(name: .long, help: ArgumentHelp("Keep the newest N versions of each source and language.", valueName: "n"))
        public var keep: Int?

        @Option(name: .long, help: ArgumentHelp(
            "Delete versions last seen longer ago than this: days (90), or 90d, 12h, 2w.", valueName: "days"))
        public var olderThan: String?

        @Flag(name: .long, help: "Say what would be deleted, and delete nothing.")
        public var dryRun = false

        @Flag(name: .long, help: "Then rebuild the file to give the freed space back (VACUUM).")
        public var vacuum = false

        public init() {}

        public func validate() throws {
            guard keep != nil || olderThan != nil else {
                throw CommandFailure("say what to keep: --keep N, --older-than DAYS, or both")
            }
            if let keep, keep < 1 {
                throw CommandFailure("--keep \(keep): the latest version of each language is always kept; give 1 or more")
            }
            if let olderThan, Self.age(olderThan) == nil {
                throw CommandFailure("--older-than \(TerminalSafe.clean(olderThan)): expected a number of days (90), or 90d, 12h, 2w")
            }
        }

        /// `90` is 90 days; `90d`, `12h` and `2w` say their unit.
        static func age(_ text: String) -> TimeInterval? {
            if let days = Int(text), days >= 0, text.allSatisfy(\.isASCII) { return TimeArgument.duration("\(days)d") }
            return TimeArgument.duration(text)
        }

        public func run() async throws {
            let path = database.db
            guard FileManager.default.fileExists(atPath: path) else {
                throw CommandFailure("\(path): no such store (run `charter watch` first, or give --db)")
            }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard FileManager.default.isWritableFile(atPath: path), FileManager.default.isWritableFile(atPath: folder) else {
                throw CommandFailure(
                    "\(path) cannot be written (read-only file or folder); pruning deletes from it, so nothing was deleted")
            }
            let lock: WatchLock
            do {
                lock = try WatchLock(store: path, wait: false)
            } catch {
                throw CommandFailure("a charter watch is running on \(path); nothing was pruned: run prune again when the round ends")
            }
            defer { withExtendedLifetime(lock) {} }
            let store = try StoreAccess.open(path)
            let policy = PrunePolicy(keep: keep, olderThan: olderThan.flatMap(Self.age).map { Date().addingTimeInterval(-$0) })
            let report: PruneReport
            do {
                report = try store.prune(policy, dryRun: dryRun)
            } catch {
                throw CommandFailure(error.description)
            }
            try StandardStreams.write(Self.render(report))
            if vacuum, !dryRun {
                do {
                    let sizes = try store.vacuum()
                    try StandardStreams.write("vacuumed: \(Self.megabytes(sizes.before)) → \(Self.megabytes(sizes.after))\n")
                } catch let error as StoreError {
                    throw CommandFailure("pruned, but \(error.description)")
                }
            }
        }

        /// One line per language that loses versions, then the totals.
        static func render(_ report: PruneReport) -> String {
            let verb = report.dryRun ? "would delete" : "deleted"
            guard !report.series.isEmpty else {
                return "nothing to delete: \(report.seriesCount) series, \(report.versionsKept) versions, all kept\n"
            }
            var text = ""
            for part in report.series {
                text += "\(TerminalSafe.clean(part.series.description)): \(verb) \(count(part.deleted.count, "version"))"
                    + " (\(StoreReference.runs(part.deleted))), \(count(part.checks, "check")), \(count(part.findings, "finding")),"
                    + " \(count(part.snapshots, "page")); kept \(StoreReference.runs(part.kept))\n"
            }
            let total = { (value: KeyPath<PruneReport.Series, Int>) in report.series.reduce(0) { $0 + $1[keyPath: value] } }
            text += "total: \(verb) \(count(report.series.reduce(0) { $0 + $1.deleted.count }, "version")),"
                + " \(count(total(\.checks), "check")), \(count(total(\.findings), "finding")), \(count(total(\.snapshots), "page"))"
                + " in \(report.series.count) of \(report.seriesCount) series; \(report.versionsKept) versions kept\n"
            return text
        }

        static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }

        static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
    }
}
