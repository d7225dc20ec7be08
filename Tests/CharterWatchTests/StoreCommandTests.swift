import CharterModel
import CharterStore
import CharterTestSupport
import CharterWatch
import Foundation
import Testing

/// `history`, `show`, `diff --db` and `store prune` on a store (issue 17): version numbers
/// per language, `SOURCE@LANG#N`, and pruning with its refusals.
struct StoreCommandTests {
    static let binary = TestPaths.charterBinary

    /// A folder with a store: portal@fr #1–#3 and portal@en #1–#2, one check a day from
    /// 2026-01-01 (fr, en, fr, fr unchanged, en, fr).
    static func filledStore() throws -> (folder: URL, db: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-storecmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("charter.sqlite").path
        let store = try CharterDatabase(path: db)
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        let checks: [(String, [String])] = [
            ("fr", ["a"]), ("en", ["a"]), ("fr", ["a", "b"]), ("fr", ["a", "b"]), ("en", ["a", "b"]), ("fr", ["a", "b", "c"]),
        ]
        for (day, (language, names)) in checks.enumerated() {
            let at = start.addingTimeInterval(Double(day) * 86_400)
            let latest = try store.latestVersionHeader(SourceID("portal"), language: language)
            _ = try store.record(CheckInput(
                source: SourceID("portal"), url: "https://example.org/cookies", language: language, at: at,
                snapshot: SnapshotInput(
                    url: "https://example.org/cookies", status: 200, headers: [], setCookieNames: [], body: Array("\(names)".utf8),
                    fetchedAt: at),
                charter: Charter(
                    source: CharterSource(input: "x", format: .html, sha256: "0"), language: language,
                    cookies: names.map { Cookie(name: $0, category: .necessary) }),
                comparedWith: latest?.id))
        }
        return (folder, db)
    }

    @Test func historyNumbersTheVersionsOfEachLanguage() throws {
        let (folder, db) = try Self.filledStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try run(Self.binary, ["history", "portal", "--db", db])
        #expect(text.status == 0, "\(text.stderr)")
        let labels = text.stdout.split(separator: "\n").map { line in
            line.split(separator: " ").first { $0.contains("#") }.map(String.init)
        }
        #expect(labels == ["fr#1", "en#1", "fr#2", "fr#2", "en#2", "fr#3"])
        #expect(!text.stdout.contains("  v"))

        let json = try run(Self.binary, ["history", "portal", "--db", db, "--lang", "fr", "--format", "json"])
        guard case .array(let entries)? = try? JSONValue.parse(Data(json.stdout.utf8)) else {
            Issue.record("not a JSON array: \(json.stdout)")
            return
        }
        #expect(entries.map { $0["number"] } == [.number(1), .number(2), .number(2), .number(3)])
        #expect(entries.allSatisfy { $0["version"] == nil })
    }

    @Test func historyTakesTheChecksSinceADateAndTheLastOnes() throws {
        let (folder, db) = try Self.filledStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let since = try run(Self.binary, ["history", "portal", "--db", db, "--since", "2026-01-04"])
        #expect(since.stdout.split(separator: "\n").count == 3, "\(since.stdout)")
        #expect(since.stdout.hasPrefix("2026-01-04T00:00:00Z"))
        let time = try run(Self.binary, ["history", "portal", "--db", db, "--since", "2026-01-05T01:00:00+02:00"])
        #expect(time.stdout.split(separator: "\n").count == 2, "\(time.stdout)")
        let last = try run(Self.binary, ["history", "portal", "--db", db, "--lang", "fr", "--limit", "2"])
        #expect(last.stdout.split(separator: "\n").map { $0.contains("fr#2") || $0.contains("fr#3") } == [true, true])
        #expect(last.stdout.hasPrefix("2026-01-04"))
        let recent = try run(Self.binary, ["history", "portal", "--db", db, "--since", "7d"])
        #expect(recent.status == 0)
        #expect(recent.stdout.isEmpty)
    }

    @Test(arguments: [
        (["--since", "yesterday"], "--since yesterday: expected a date"),
        (["--since", "2026-02-30"], "--since 2026-02-30: expected a date"),
        (["--limit", "0"], "--limit 0: expected a number of checks"),
    ])
    func badValuesAreRefusedInOneLine(_ arguments: [String], _ message: String) throws {
        let (folder, db) = try Self.filledStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(Self.binary, ["history", "portal", "--db", db] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: " + message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func aNumberAddressesAVersionBesideCountingBack() throws {
        let (folder, db) = try Self.filledStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let second = try run(Self.binary, ["show", "--db", db, "portal@fr#2"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == (try run(Self.binary, ["show", "--db", db, "portal@fr~1"])).stdout)
        #expect(second.stdout.contains("\"b\"") && !second.stdout.contains("\"c\""))
        let english = try run(Self.binary, ["show", "--db", db, "portal@en#2"])
        #expect(english.stdout == (try run(Self.binary, ["show", "--db", db, "portal@en"])).stdout)

        let missing = try run(Self.binary, ["show", "--db", db, "portal@fr#7"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "charter: no version portal@fr#7 in the store (it has #1–#3)\n")
        let tooFar = try run(Self.binary, ["show", "--db", db, "portal@en~5"])
        #expect(tooFar.stderr == "charter: no version portal@en~5 in the store (it has ~0 to ~1 (#1–#2))\n")
        let none = try run(Self.binary, ["show", "--db", db, "portal@de#1"])
        #expect(none.stderr == "charter: no version portal@de#1 in the store (it has no version in this language)\n")
        let zero = try run(Self.binary, ["show", "--db", db, "portal@fr#0"])
        #expect(zero.status == 2)
        #expect(zero.stderr.contains("expected SOURCE@LANG, SOURCE@LANG#N or SOURCE@LANG~N"))

        let diff = try run(Self.binary, ["diff", "--db", db, "--format", "json", "portal@fr#1", "portal@fr#3"])
        #expect([1, 3].contains(diff.status), "a change: \(diff.stderr)")
        #expect(diff.stdout.contains("\"c\""))
    }

    @Test func pruneSaysWhatWouldGoThenDeletesIt() throws {
        let (folder, db) = try Self.filledStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dry = try run(Self.binary, ["store", "prune", "--db", db, "--keep", "1", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout == """
            portal@en: would delete 1 version (#1), 1 check, 0 findings, 1 page; kept #2
            portal@fr: would delete 2 versions (#1–#2), 3 checks, 0 findings, 3 pages; kept #3
            total: would delete 3 versions, 4 checks, 0 findings, 4 pages in 2 of 2 series; 2 versions kept

            """)
        #expect(try run(Self.binary, ["show", "--db", db, "portal@fr#1"]).status == 0)

        let real = try run(Self.binary, ["store", "prune", "--db", db, "--keep", "1", "--vacuum"])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(real.stdout.hasPrefix(dry.stdout.replacingOccurrences(of: "would delete", with: "deleted")))
        #expect(real.stdout.contains("vacuumed: "))
        #expect(try run(Self.binary, ["show", "--db", db, "portal@fr#3"]).status == 0)
        let gone = try run(Self.binary, ["show", "--db", db, "portal@fr#1"])
        #expect(gone.stderr == "charter: no version portal@fr#1 in the store (it has #3)\n")
        let history = try run(Self.binary, ["history", "portal", "--db", db])
        #expect(history.stdout.split(separator: "\n").count == 2)

        let again = try run(Self.binary, ["store", "prune", "--db", db, "--older-than", "1"])
        #expect(again.stdout == "nothing to delete: 2 series, 2 versions, all kept\n")
    }

    @Test func pruneRefusesAStoreAWatchIsWorkingOn() throws {
        let (folder, db) = try Self.filledStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lock = try WatchLock(store: db, wait: false)
        let result = try run(Self.binary, ["store", "prune", "--db", db, "--keep", "1"])
        withExtendedLifetime(lock) {}
        #expect(result.status == 2)
        #expect(result.stderr == "charter: a charter watch is running on \(db); nothing was pruned: run prune again when the round ends\n")
        #expect(result.stdout.isEmpty)
        #expect(try CharterDatabase(path: db, readOnly: true).versionNumbers(SourceID("portal"), language: "fr") == [1, 2, 3])
    }

    @Test(arguments: [
        ([String](), "say what to keep: --keep N, --older-than DAYS, or both"),
        (["--keep", "0"], "--keep 0: the latest version of each language is always kept"),
        (["--older-than", "soon"], "--older-than soon: expected a number of days"),
    ])
    func pruneRefusesBadValuesInOneLine(_ arguments: [String], _ message: String) throws {
        let (folder, db) = try Self.filledStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(Self.binary, ["store", "prune", "--db", db] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: " + message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test(.enabled(if: getuid() != 0, "as root, file permissions do not make a store read-only"))
    func pruneRefusesAStoreItCannotWrite() throws {
        let (folder, db) = try Self.filledStore()
        defer {
            chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        chmod(db, 0o444)
        chmod(folder.path, 0o555)
        let result = try run(Self.binary, ["store", "prune", "--db", db, "--keep", "1"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot be written"))
    }
}
