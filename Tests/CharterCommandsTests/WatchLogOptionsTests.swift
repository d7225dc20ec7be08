import ArgumentParser
import CharterCommands
import Foundation
import Logging
import Testing

/// `charter watch --verbose/--quiet/--log-format` (issue 17, "Logs"): the level each sets,
/// with a logger handed its own buffer, never the process-wide logging system.
struct WatchLogOptionsTests {
    final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var texts: [String] = []
        var all: [String] { lock.withLock { texts } }
        var joined: String { all.joined() }
        @Sendable func add(_ text: String) { lock.withLock { texts.append(text) } }
    }

    @Test(arguments: [
        ([String](), Logger.Level.notice, ["notice", "warning", "error"]),
        (["--verbose"], .info, ["info", "notice", "warning", "error"]),
        (["-v"], .info, ["info", "notice", "warning", "error"]),
        (["--quiet"], .warning, ["warning", "error"]),
        (["-q", "--log-format", "plain"], .warning, ["warning", "error"]),
    ])
    func eachFlagSetsTheLevel(_ arguments: [String], _ level: Logger.Level, _ written: [String]) throws {
        let options = try WatchLogOptions.parse(arguments)
        #expect(options.level == level)
        let lines = Written()
        let logger = options.logger(now: { Date(timeIntervalSince1970: 0) }, write: lines.add)
        logger.debug("debug")
        logger.info("info")
        logger.notice("notice")
        logger.warning("warning")
        logger.error("error")
        let levels = lines.all.map { line in
            options.logFormat == .plain
                ? String(line.dropFirst("charter: ".count).prefix { $0 != ":" })
                : String(line.dropFirst("ts=1970-01-01T00:00:00.000Z level=".count).prefix { $0 != " " })
        }
        #expect(levels == written)
    }

    @Test func verboseAndQuietTogetherAreRefused() {
        #expect(throws: (any Error).self) { try WatchLogOptions.parse(["--verbose", "--quiet"]) }
    }
}

/// The progress line: only after its delay, rewritten in place, log lines above it,
/// erased at the end.
@Suite(.serialized)
struct StatusLineTests {
    static let erase = "\r\u{1B}[K"

    @Test func aQuickRoundLeavesNoTrace() async throws {
        let written = WatchLogOptionsTests.Written()
        let status = StatusLine(columns: { 80 }, write: written.add)
        status.start(delay: 2)
        status.update("[1/2] portal@fr: unchanged")
        status.printAbove("ts=… level=error msg=\"x\"\n")
        status.update("[2/2] portal@en: unchanged")
        status.finish()
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(written.all == ["ts=… level=error msg=\"x\"\n"])
    }

    @Test func aLongRoundShowsTheLatestStateAfterTheDelay() async throws {
        let written = WatchLogOptionsTests.Written()
        let status = StatusLine(columns: { 80 }, write: written.add)
        status.start(delay: 0.2)
        status.update("[1/3] portal@fr: unchanged")
        status.update("[2/3] portal@en: failed")
        #expect(written.all.isEmpty)
        for _ in 0..<100 where written.all.isEmpty { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(written.all == [Self.erase + "[2/3] portal@en: failed"])
        status.printAbove("log line\n")
        status.update("[3/3] shop@fr: new-version")
        status.erase()
        status.finish()
        status.update("too late")
        #expect(
            written.all == [
                Self.erase + "[2/3] portal@en: failed",
                Self.erase + "log line\n", Self.erase + "[2/3] portal@en: failed",
                Self.erase + "[3/3] shop@fr: new-version",
                Self.erase,
            ])
    }

    @Test func aLineWiderThanTheTerminalIsCut() {
        let written = WatchLogOptionsTests.Written()
        let status = StatusLine(columns: { 20 }, write: written.add)
        status.start(delay: 0)
        status.update("[10/200] a-very-long-source-name@fr: unchanged")
        #expect(written.all == [Self.erase + "[10/200] a-very-lo…"])
        status.finish()
    }

    @Test func withoutStartNothingIsDrawn() {
        let written = WatchLogOptionsTests.Written()
        let status = StatusLine(columns: { 80 }, write: written.add)
        status.update("[1/1] portal@fr: unchanged")
        status.printAbove("line\n")
        status.finish()
        #expect(written.all == ["line\n"])
    }
}
