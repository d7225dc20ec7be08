public import ArgumentParser
internal import CharterWatch
package import Foundation
package import Logging

/// `--verbose`, `--quiet` and `--log-format` of `charter watch`: what the round logs on
/// stderr (levelled, timestamped lines, logfmt by default) while its summary goes to stdout.
public struct WatchLogOptions: ParsableArguments, Sendable {
    public enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable { case logfmt, plain }

    @Flag(name: .shortAndLong, help: "Also log each check that found nothing new, and the round's counts (level info).")
    public var verbose = false

    @Flag(
        name: .shortAndLong,
        help: "Log only warnings and errors, show no progress line, and leave unchanged checks out of the text summary."
    )
    public var quiet = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Log lines on stderr: logfmt (ts=… level=… msg=\"…\" source=… lang=…, for journald and grep) or plain.",
            valueName: "format"))
    public var logFormat: LogFormat = .logfmt

    public init() {}

    public func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together.") }
    }

    /// `notice` by default (changes, failures, recoveries); `info` with --verbose;
    /// `warning` with --quiet.
    package var level: Logger.Level { quiet ? .warning : verbose ? .info : .notice }

    /// A logger at this level that writes each line to `write`.
    ///
    /// `write` is stderr for the command, a buffer in tests. Never through `LoggingSystem.bootstrap`, which a process may call
    /// only once.
    package func logger(now: @escaping @Sendable () -> Date = { Date() }, write: @escaping @Sendable (String) -> Void)
        -> Logger
    {
        let format: LogfmtLogHandler.Format = logFormat == .plain ? .plain : .logfmt
        let level = level
        return Logger(label: "charter.watch") { _ in
            LogfmtLogHandler(format: format, level: level, now: now, write: write)
        }
    }
}

extension CharterCommand.Watch {
    /// The round's logger: stderr, above the progress line when one is showing.
    var log: Logger { logging.logger { StatusLine.standardError.printAbove($0) } }
}
