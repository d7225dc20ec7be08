import CharterModel
import CharterStore
@testable import CharterWatch
import CharterTestSupport
import Foundation
import Logging
import Testing

/// What a check says on stderr (issue 17, "Logs"): its level, its message and fields, and
/// no secret of its URL.
struct WatchLogEventTests {
    /// A check as the round hands it on; one place to change when the type grows.
    static func check(
        _ outcome: CheckOutcome, verdict: Verdict? = nil, reason: String? = nil, broken: Bool = false,
        url: String = "https://portal.example/cookies", language: String = "fr", recovered: Bool = false,
        muted: Bool = false,
        warnings: [String] = []
    ) -> WatchSummary.Check {
        var check = WatchSummary.Check(
            source: "portal", language: language, url: URLRedaction.redacted(url), outcome: outcome, reason: reason,
            verdict: verdict, cookies: outcome == .failed ? nil : 12, findings: [], broken: broken, report: nil)
        check.recovered = recovered
        check.muted = muted
        check.warnings = warnings
        return check
    }

    @Test(arguments: [
        (CheckOutcome.failed, Verdict?.none, Logger.Level.error, "fetch failed: HTTP 500"),
        (.firstVersion, nil, .notice, "first version stored"),
        (.newVersion, .inform, .notice, "changed, verdict inform"),
        (.newVersion, .reconsent, .warning, "changed, verdict reconsent"),
        (.unchanged, nil, .info, "unchanged"),
        (.notModified, nil, .info, "not modified"),
    ])
    func eachOutcomeHasItsLevel(_ outcome: CheckOutcome, _ verdict: Verdict?, _ level: Logger.Level, _ message: String)
    {
        let event = WatchLog.event(
            for: Self.check(outcome, verdict: verdict, reason: outcome == .failed ? "fetch failed: HTTP 500" : nil))
        #expect(event.level == level)
        #expect(event.message == message)
        #expect(event.metadata["source"] == "portal" && event.metadata["lang"] == "fr")
        #expect(event.metadata["outcome"] == outcome.rawValue)
        #expect(event.metadata["verdict"] == verdict?.rawValue)
    }

    @Test func aCheckThatSucceedsAfterFailuresIsARecovery() {
        let recovered = WatchLog.event(for: Self.check(.unchanged, recovered: true))
        #expect(recovered.level == .notice)
        #expect(recovered.message == "recovered; unchanged")
        #expect(recovered.metadata["recovered"] == "true")
        // A recovery that brings a re-consent stays a warning.
        let reconsent = WatchLog.event(for: Self.check(.newVersion, verdict: .reconsent, recovered: true))
        #expect(reconsent.level == .warning)
        #expect(reconsent.message == "recovered; changed, verdict reconsent")
    }

    @Test func aMutedSourcesFailureRaisesNoAlarm() {
        let event = WatchLog.event(for: Self.check(.failed, reason: "fetch failed: HTTP 500", muted: true))
        #expect(event.level == .notice)
        #expect(event.metadata["muted"] == "true")
    }

    @Test func aChecksWarningsAreWarningLines() throws {
        let lines = Lines()
        let logger = Logger(label: "test") { _ in LogfmtLogHandler(write: lines.add) }
        WatchLog.log(
            .check(Self.check(.unchanged, warnings: ["the report could not be written: disk full"])), to: logger)
        let fields = try lines.all.map { try LogfmtReader.fields(String($0.dropLast())) }
        #expect(fields.count == 1, "the unchanged check itself is info, below the default")
        let warning = try #require(fields.first)
        #expect(warning.map(\.key) == ["ts", "level", "msg", "source", "lang"])
        #expect(warning[1].value == "warning" && warning[2].value == "the report could not be written: disk full")
    }

    @Test func aBrokenSourceSaysSo() {
        let event = WatchLog.event(
            for: Self.check(.failed, reason: "fetch failed: timed out (3 failures in a row: broken)", broken: true))
        #expect(event.metadata["broken"] == "true")
        #expect(event.metadata["url"] == "https://portal.example/cookies")
    }

    @Test func secretsOfTheURLAreNeverLogged() throws {
        let url = "https://robot:hunter2@portal.example/cookies?api_key=s3cret&lang=fr"
        let check = Self.check(.failed, reason: "fetch failed: \(url) answered 401", url: url)
        let lines = Lines()
        let logger = Logger(label: "test") { _ in LogfmtLogHandler(write: lines.add) }
        WatchLog.log(.check(check), to: logger)
        let line = try #require(lines.all.first)
        #expect(!line.contains("hunter2") && !line.contains("s3cret"), "\(line)")
        let fields = try LogfmtReader.fields(String(line.dropLast()))
        #expect(fields.first { $0.key == "url" }?.value == "https://***@portal.example/cookies?api_key=***&lang=***")
        #expect(
            fields.first { $0.key == "msg" }?.value
                == "fetch failed: https://***@portal.example/cookies?api_key=***&lang=*** answered 401")
    }

    @Test func theQuietSummaryKeepsChangesFailuresAndLanguages() {
        for outcome in [CheckOutcome.unchanged, .notModified] {
            #expect(WatchTextRenderer.render(.check(Self.check(outcome)), quiet: true).isEmpty)
            #expect(!WatchTextRenderer.render(.check(Self.check(outcome)), quiet: false).isEmpty)
        }
        for outcome in [CheckOutcome.failed, .firstVersion, .newVersion] {
            let check = Self.check(outcome, reason: outcome == .failed ? "x" : nil)
            #expect(WatchTextRenderer.render(.check(check), quiet: true) == WatchTextRenderer.render(.check(check)))
        }
    }
}

/// `charter watch` end to end: the summary alone on stdout, levelled logfmt lines on
/// stderr, `--verbose` and `--quiet`, recoveries, and no progress line off a terminal.
@Suite(.serialized)
struct WatchLogTests {
    static let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Every line of stderr, read as logfmt; a line that is not one fails the test.
    static func events(_ stderr: String) throws -> [[String: String]] {
        try stderr.split(separator: "\n").map { line in
            let fields = try LogfmtReader.fields(String(line))
            #expect(fields.prefix(3).map(\.key) == ["ts", "level", "msg"], "\(line)")
            #expect(levels.contains(fields[1].value), "\(line)")
            return Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// What each unindented line of a text summary begins with, up to its first colon.
    static func summaryHeads(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { String($0.prefix { $0 != ":" }) }
    }

    static func watch(_ place: WatchPlace, _ options: [String] = []) throws -> ProcessResult {
        try run(TestPaths.charterBinary, ["watch", "--config", place.config, "--db", place.db] + options, timeout: 120)
    }

    /// A portal in French, and a source that always answers 500 (its URL has a secret).
    static func start(failing: ServerSwitch = ServerSwitch()) async throws -> (TestHTTPServer, WatchPlace) {
        let server = try await TestHTTPServer.start { request in
            if request.path.hasPrefix("/down") || failing.value { return TestResponse(status: 500) }
            return .html(WatchAlertingTests.page, headers: [("Content-Language", "fr")])
        }
        let place = try WatchPlace()
        let yaml = """
            timeout: 5
            sources:
              - id: portal
                url: \(server.baseURL)/cookies
                languages: [fr]
              - id: down
                url: \(server.baseURL)/down?token=s3cret
            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: place.config))
        return (server, place)
    }

    @Test func failuresAreLogfmtOnStderrAndStdoutHoldsOnlyTheSummary() async throws {
        let (server, place) = try await Self.start()
        defer { Task { await server.stop() } }
        defer { place.remove() }
        let round = try Self.watch(place)
        #expect(round.status == 2, "stderr: \(round.stderr)")
        #expect(Self.summaryHeads(round.stdout) == ["portal@fr", "down@-", "2 checks"])
        let events = try Self.events(round.stderr)
        let failure = try #require(events.first { $0["source"] == "down" })
        #expect(failure["level"] == "error")
        #expect(failure["outcome"] == "failed")
        #expect(
            failure["msg"]?.hasPrefix("fetch failed") == true || failure["msg"]?.contains("500") == true, "\(failure)")
        #expect(failure["url"]?.hasSuffix("/down?token=***") == true)
        #expect(!round.stderr.contains("s3cret") && !round.stdout.contains("s3cret"))
        let first = try #require(events.first { $0["source"] == "portal" })
        #expect(first["level"] == "notice" && first["msg"] == "first version stored" && first["lang"] == "fr")
        // notice is the default: no info line, and no progress line off a terminal.
        #expect(!events.contains { $0["level"] == "info" })
        #expect(!round.stderr.contains("\u{1B}") && !round.stderr.contains("\r"))
    }

    @Test func verboseAddsEachCheckAndQuietKeepsWarningsAndChanges() async throws {
        let (server, place) = try await Self.start()
        defer { Task { await server.stop() } }
        defer { place.remove() }
        _ = try Self.watch(place)

        let verbose = try Self.watch(place, ["--verbose"])
        let loud = try Self.events(verbose.stderr)
        let unchanged = try #require(loud.first { $0["source"] == "portal" })
        #expect(unchanged["level"] == "info" && unchanged["outcome"] == "unchanged", "\(unchanged)")
        #expect(
            loud.contains {
                $0["msg"] == "round finished" && $0["checks"] == "2" && $0["failed"] == "1" && $0["exit_code"] == "2"
            })
        #expect(verbose.stdout.contains("portal@fr: unchanged"))

        let quiet = try Self.watch(place, ["-q"])
        #expect(quiet.status == 2)
        let said = try Self.events(quiet.stderr)
        #expect(said.map { $0["source"] } == ["down"], "\(quiet.stderr)")
        #expect(said.allSatisfy { ["warning", "error", "critical"].contains($0["level"] ?? "") })
        // The unchanged check leaves the summary; the failure and the closing line stay.
        #expect(
            Self.summaryHeads(quiet.stdout) == ["down@-", "broken", "2 checks"], "the third failure in a row: broken")

        let both = try Self.watch(place, ["--verbose", "--quiet"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--verbose and --quiet cannot be used together"))
    }

    @Test func aSourceThatComesBackIsARecovery() async throws {
        let failing = ServerSwitch()
        let (server, place) = try await Self.start(failing: failing)
        defer { Task { await server.stop() } }
        defer { place.remove() }
        _ = try Self.watch(place)
        failing.value = true
        let down = try Self.events(try Self.watch(place).stderr)
        #expect(down.first { $0["source"] == "portal" }?["level"] == "error")
        failing.value = false
        let back = try Self.events(try Self.watch(place).stderr)
        let recovered = try #require(back.first { $0["source"] == "portal" })
        #expect(recovered["level"] == "notice")
        #expect(recovered["msg"] == "recovered; unchanged", "\(recovered)")
        #expect(recovered["recovered"] == "true")
    }

    @Test func thePlainFormatIsOneLinePerEvent() async throws {
        let (server, place) = try await Self.start()
        defer { Task { await server.stop() } }
        defer { place.remove() }
        let round = try Self.watch(place, ["--log-format", "plain"])
        let lines = round.stderr.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("charter: error: ") && $0.contains("source=down") }, "\(round.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("charter: ") })
    }

    @Test func theHelpSaysWhereLogsGo() throws {
        let help = try run(TestPaths.charterBinary, ["watch", "--help"])
        for flag in ["--verbose", "--quiet", "--log-format", "logfmt"] {
            #expect(help.stdout.contains(flag), "\(flag)")
        }
    }
}
