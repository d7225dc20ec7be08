import CharterCheck
import CharterDiff
import CharterExtract
import CharterFetch
import CharterModel
import CharterStore
import CharterTestSupport
import CharterWatch
import Foundation
import Testing

/// The check pipeline (issue 17): one read and one write per check, decided once by a
/// pure function; upgrades, mutes, recoveries and language findings on the same path.
@Suite(.serialized)
struct CheckPipelineTests {
    static func page(_ language: String, _ rows: [(String, String, String)]) -> String {
        let heading = language == "fr" ? "<tr><th>Nom</th><th>Finalité</th><th>Durée</th></tr>"
            : "<tr><th>Name</th><th>Purpose</th><th>Duration</th></tr>"
        let body = rows.map { "<tr><td>\($0.0)</td><td>\($0.1)</td><td>\($0.2)</td></tr>" }.joined()
        return "<html lang=\"\(language)\"><body><h1>Cookies</h1><table>\(heading)\(body)</table></body></html>"
    }

    static let french = page("fr", [("sessionid", "Session de connexion", "Session"), ("_ga", "Mesure d'audience", "13 mois")])
    static let english = page("en", [("sessionid", "Login session", "Session"), ("_ga", "Audience measurement", "13 months")])

    /// A store that counts what the pipeline asks of it.
    final class CountingStore: CheckStore, @unchecked Sendable {
        let inner: CharterDatabase
        let lock = NSLock()
        var reads = 0, writes = 0, snapshots = 0, refuse = false

        init(_ inner: CharterDatabase) { self.inner = inner }

        func state(of source: SourceID, language: String) throws(StoreError) -> SeriesState {
            lock.withLock { reads += 1 }
            return try inner.state(of: source, language: language)
        }

        func snapshot(of version: VersionID) throws(StoreError) -> StoredSnapshot? {
            lock.withLock { snapshots += 1 }
            return try inner.snapshot(of: version)
        }

        func record(_ checks: [CheckInput]) throws(StoreError) -> [RecordedCheck] {
            lock.withLock { writes += 1 }
            if lock.withLock({ refuse }) { throw .busy("refused by the test") }
            return try inner.record(checks)
        }

        func counts() -> (Int, Int, Int) { lock.withLock { (reads, writes, snapshots) } }
    }

    static func config(_ yaml: String) throws -> WatchConfig { try WatchConfig.load(yaml) }

    @Test func oneReadAndOneWritePerCheck() async throws {
        let changed = ServerSwitch()
        let server = try await TestHTTPServer.start { request in
            let french = changed.value ? Self.page("fr", [("sessionid", "Session", "Session"), ("_fbp", "Publicité ciblée", "3 mois")]) : Self.french
            return request.path.hasPrefix("/en") ? .html(Self.english, headers: [("Content-Language", "en")])
                : .html(french, headers: [("Content-Language", "fr")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let store = CountingStore(try CharterDatabase(path: place.db))
        let config = try Self.config("""
            sources:
              - id: portal
                url: \(server.baseURL)/{lang}/cookies
                languages: [fr, en]
              - id: shop
                url: \(server.baseURL)/fr/shop
            """)
        let fetcher = PageFetcher()
        defer { Task { await fetcher.shutdown() } }
        let watcher = Watcher(config: config, checkStore: store, fetcher: fetcher, reports: place.folder.appendingPathComponent("reports"))

        let first = await watcher.round()
        #expect(first.checks.map(\.outcome) == [.firstVersion, .firstVersion, .firstVersion], "\(first.checks.map(\.reason))")
        #expect(store.counts() == (3, 2, 0), "a read per check, a write per source (its languages in one transaction)")

        let second = await watcher.round()
        #expect(second.checks.map(\.outcome) == [.unchanged, .unchanged, .unchanged])
        #expect(store.counts() == (6, 4, 0))

        changed.value = true
        let third = await watcher.round()
        #expect(third.checks.map(\.outcome) == [.newVersion, .unchanged, .newVersion])
        #expect(third.checks[0].verdict == .reconsent, "an advertising cookie added")
        #expect(store.counts() == (9, 6, 0), "the same extractor made the stored versions: nothing read again")
        let report = try #require(third.checks[0].report)
        #expect(FileManager.default.fileExists(atPath: report))
        // The report's name is the check's, in the store.
        #expect(third.locales.map(\.source) == ["portal"], "the source of several languages with a new version is aligned")
    }

    @Test func aRefusedWriteLeavesNoReportBehind() async throws {
        let changed = ServerSwitch()
        let server = try await TestHTTPServer.start { _ in
            .html(changed.value ? Self.page("fr", [("_fbp", "Publicité", "3 mois")]) : Self.french, headers: [("Content-Language", "fr")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let store = CountingStore(try CharterDatabase(path: place.db))
        let reports = place.folder.appendingPathComponent("reports")
        let config = try Self.config("sources:\n  - id: portal\n    url: \(server.baseURL)/cookies\n    languages: [fr]\n")
        let fetcher = PageFetcher()
        defer { Task { await fetcher.shutdown() } }
        let watcher = Watcher(config: config, checkStore: store, fetcher: fetcher, reports: reports)
        _ = await watcher.round()
        changed.value = true
        store.lock.withLock { store.refuse = true }
        let refused = await watcher.round()
        #expect(refused.checks.first?.outcome == .failed)
        #expect(refused.checks.first?.reason?.contains("not recorded") == true)
        #expect(refused.checks.first?.report == nil)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? []
        #expect(left.isEmpty, "no orphan report: \(left)")
        store.lock.withLock { store.refuse = false }
        let recorded = await watcher.round()
        #expect(recorded.checks.first?.outcome == .newVersion)
        let written = try FileManager.default.contentsOfDirectory(atPath: reports.path)
        #expect(written.count == 1 && written[0].hasSuffix(".html"), "\(written)")
    }

    @Test func aRecoveryIsSaidAndAMutedSourceRaisesNoAlarm() async throws {
        let down = ServerSwitch()
        let server = try await TestHTTPServer.start { _ in
            down.value ? TestResponse(status: 404) : .html(Self.french, headers: [("Content-Language", "fr")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let store = try CharterDatabase(path: place.db)
        let fetcher = PageFetcher()
        defer { Task { await fetcher.shutdown() } }
        func watcher(_ muted: String?) throws -> Watcher {
            let mute = muted.map { "\n    muted: \($0)" } ?? ""
            let config = try Self.config("timeout: 60\nsources:\n  - id: portal\n    url: \(server.baseURL)/cookies\n    languages: [fr]\(mute)\n")
            return Watcher(config: config, store: store, fetcher: fetcher)
        }
        _ = try await watcher(nil).round()
        down.value = true
        let muted = try await watcher("until 2999-01-01").round()
        #expect(muted.checks.first?.outcome == .failed)
        #expect(muted.checks.first?.muted == true)
        #expect(muted.exitCode == 0, "a muted source's failure is known: no alarm")
        let expired = try await watcher("until 2000-01-01").round()
        #expect(expired.checks.first?.muted == false)
        #expect(expired.exitCode == 2)
        down.value = false
        let back = try await watcher(nil).round()
        #expect(back.checks.first?.outcome == .unchanged)
        #expect(back.checks.first?.recovered == true)
        let again = try await watcher(nil).round()
        #expect(again.checks.first?.recovered == false)
    }

    @Test func aBadMuteIsRefusedWithItsLine() {
        #expect(throws: WatchError.self) {
            try Self.config("sources:\n  - id: portal\n    url: https://example.org/\n    muted: someday\n")
        }
    }

    @Test func aCriticalLanguageFindingIsSaidEveryRoundUntilResolved() async throws {
        let fixed = ServerSwitch()
        let server = try await TestHTTPServer.start { request in
            let english = fixed.value ? Self.english : Self.page("en", [("sessionid", "Login session", "Session")])
            return request.path.hasPrefix("/en") ? .html(english, headers: [("Content-Language", "en")])
                : .html(Self.french, headers: [("Content-Language", "fr")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let store = try CharterDatabase(path: place.db)
        let fetcher = PageFetcher()
        defer { Task { await fetcher.shutdown() } }
        let config = try Self.config("sources:\n  - id: portal\n    url: \(server.baseURL)/{lang}/cookies\n    languages: [fr, en]\n")
        let watcher = Watcher(config: config, store: store, fetcher: fetcher)
        let first = await watcher.round()
        #expect(first.locales.first?.report.findings.contains { $0.kind == .missing && $0.cookie == "_ga" } == true)
        let second = await watcher.round()
        #expect(second.locales.isEmpty, "nothing changed: no new alignment")
        #expect(second.checks[0].findings.contains { $0.kind == .locale && $0.cookie == "_ga" && $0.level == .critical },
            "still missing in en, still said: \(second.checks[0].findings)")
        fixed.value = true
        let third = await watcher.round()
        #expect(third.locales.first?.report.findings.contains { $0.cookie == "_ga" && $0.severity == .critical } == false)
        let fourth = await watcher.round()
        #expect(!fourth.checks[0].findings.contains { $0.kind == .locale }, "resolved: no longer said")
    }
}

/// The decision alone: no server, no store.
struct CheckJudgeTests {
    static let extractor = CharterExtractor()
    static let judge = CheckJudge(differ: CharterDiffer(lexicons: extractor.lexicons))
    static let target = CheckTarget(source: SourceID("portal"), url: "https://example.org/", language: "fr", method: .cookie)

    static func read(_ html: String, served: String = "fr") throws -> Charter {
        try extractor.extract(ExtractionInput(
            bytes: Array(html.utf8), name: "page.html", contentType: "text/html; charset=utf-8", contentLanguage: served,
            requestedLanguage: "fr"))
    }

    static func latest(_ charter: Charter) -> SeriesState.Latest {
        SeriesState.Latest(
            id: VersionID(rawValue: 1), contentSHA256: charter.contentSHA256, cookies: charter.cookies.count, extractor: nil,
            charterJSON: CharterJSON.encode(charter, pretty: false))
    }

    @Test func aLanguageFallbackIsAFailureNotAVersion() throws {
        let english = try Self.read(CheckPipelineTests.english, served: "en")
        guard case .failed(let reason) = Self.judge.decide(.read(english), target: Self.target, latest: nil, baseline: nil) else {
            Issue.record("a fallback was stored")
            return
        }
        #expect(reason.contains("language fallback"))
    }

    @Test func aPageWithoutTableSaysWhatTheLastVersionHad() throws {
        let before = try Self.read(CheckPipelineTests.french)
        let empty = try Self.read("<html lang=\"fr\"><body><p>Nous utilisons des cookies pour améliorer le site.</p></body></html>")
        guard case .failed(let reason) = Self.judge.decide(.read(empty), target: Self.target, latest: Self.latest(before), baseline: nil)
        else {
            Issue.record("no table, yet a version")
            return
        }
        #expect(reason == "no cookie table (the previous version had 2 cookies)")
    }

    @Test func aChangeIsNeverTakenForUnchangedWhenTheStoredVersionCannotBeRead() throws {
        let before = try Self.read(CheckPipelineTests.french)
        let after = try Self.read(CheckPipelineTests.page("fr", [("_fbp", "Publicité ciblée", "3 mois")]))
        let decision = Self.judge.decide(.read(after), target: Self.target, latest: Self.latest(before), baseline: nil)
        #expect(decision.outcome == .failed, "without a baseline there is no verdict, and no silent 'unchanged'")
        let judged = Self.judge.decide(.read(after), target: Self.target, latest: Self.latest(before), baseline: before)
        guard case .changed(_, let diff, let findings) = judged else {
            Issue.record("not a change: \(judged.outcome)")
            return
        }
        #expect(diff.verdict == .reconsent)
        #expect(findings.allSatisfy { $0.kind != .diff || CheckFinding.Level.allowed(for: .diff).contains($0.level) })
    }

    @Test func theStoredPageReadAgainTheSameIsUnchanged() throws {
        let today = try Self.read(CheckPipelineTests.french)
        var older = today
        older.cookies[0].purpose = "an older reading"
        let decision = Self.judge.decide(.read(today), target: Self.target, latest: Self.latest(older), baseline: today)
        #expect(decision.outcome == .unchanged, "only the extractor changed")
    }

    @Test func findingsKeepOneScalePerKind() {
        #expect(CheckFinding(kind: "observed", rule: "undeclared-cookie", level: "inform", cookie: "x", message: "m") == nil)
        #expect(CheckFinding(kind: "diff", rule: "r", level: "info", cookie: nil, message: "m") == nil)
        #expect(CheckFinding(kind: "locale", rule: "missing", level: "critical", cookie: "x", message: "m") != nil)
    }
}

/// `charter store reextract` reads a stored page as the watch read it: with the source's
/// scope (it used to read the whole page and record a false "extractor" version).
@Suite(.serialized)
struct ScopedReextractionTests {
    @Test func reextractionKeepsTheSourcesScope() async throws {
        let other = CheckPipelineTests.page("fr", [("_fbp", "Publicité", "3 mois"), ("_gcl_au", "Publicité", "3 mois")])
        let html = "<html lang=\"fr\"><body><div id=\"cookies\">\(CheckPipelineTests.french)</div><div id=\"partners\">\(other)</div></body></html>"
        let server = try await TestHTTPServer.start { _ in .html(html, headers: [("Content-Language", "fr")]) }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let yaml = "sources:\n  - id: portal\n    url: \(server.baseURL)/cookies\n    languages: [fr]\n    scope: \"//div[@id='cookies']\"\n"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: place.config))
        let round = try run(TestPaths.charterBinary, ["watch", "--config", place.config, "--db", place.db], timeout: 120)
        #expect(round.status == 0, "a first version: \(round.stdout) \(round.stderr)")
        let store = try CharterDatabase(path: place.db)
        #expect(try store.latestVersion(SourceID("portal"), language: "fr")?.charter.cookies.map(\.name) == ["sessionid", "_ga"])
        let again = try run(TestPaths.charterBinary, ["store", "reextract", "--db", place.db], timeout: 120)
        #expect(again.status == 0, "\(again.stdout) \(again.stderr)")
        #expect(again.stdout.contains("portal@fr: unchanged"), "\(again.stdout)")
        #expect(try store.latestVersion(SourceID("portal"), language: "fr")?.cause == "page")
    }
}
