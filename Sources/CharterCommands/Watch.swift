public import ArgumentParser
internal import CharterExtract
internal import CharterFetch
internal import CharterLocales
internal import CharterModel
internal import CharterStore
internal import CharterWatch
internal import Foundation

extension CharterCommand {
    /// `charter watch`: one round over the configured sources (cron or a systemd timer
    /// calls it).
    public struct Watch: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Check every watched charter once: store new versions, judge changes, align languages, notify.",
            discussion: """
                The configuration (YAML) lists sources: {id, url, languages: [fr, en], method: \
                cookie|header|flg|template, scope: XPATH, render: auto|always|never}, and timeout \
                (seconds), concurrency, per_host, broken_after, render_concurrency, browser: PATH, \
                notify: {webhook: URL, atom: PATH, always: BOOL}.

                A failed check (network error, HTTP error, empty body, no cookie table, a \
                language fallback) is recorded and reported, never stored as a version.

                Exit codes, the first that applies: 3 any re-consent; 4 a notification (webhook, \
                Atom feed) could not be delivered; 2 any failed check, or the configuration or \
                the store cannot be used; 1 any change; 0 nothing changed. 75 (EX_TEMPFAIL): \
                another watch holds the store, this round did not start (--wait waits for it).
                """)

        public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case text, json }

        @Option(name: .long, help: ArgumentHelp("The watch configuration.", valueName: "file"))
        public var config = "charter.yml"

        @OptionGroup public var database: StoreOptions

        @Option(name: .long, help: ArgumentHelp("Folder for the HTML reports of changes (default: next to the store).", valueName: "dir"))
        public var reports: String?

        @Option(name: .long, help: "Summary format: text or json.")
        public var format: Format = .text

        @Option(name: .long, help: ArgumentHelp("Language of reports and explanations (en, fr); default from LANG.", valueName: "lang"))
        public var reportLang: String?

        @Flag(name: .long, help: "Wait for another running watch on the same store instead of exiting.")
        public var wait = false

        @Flag(name: .long, help: "Also watch file:///path sources (pages a CMS exports to disk); only http(s) otherwise.")
        public var allowFiles = false

        @Option(name: .long, help: ArgumentHelp(
            "Write the round's metrics in Prometheus' text format to this file (for node_exporter's textfile collector).",
            valueName: "file"))
        public var metrics: String?

        @Flag(name: .long, help: "Only check the configuration (keys, URLs, languages) and say what it watches; fetch nothing.")
        public var checkConfig = false

        public init() {}

        /// Another watch holds the store: EX_TEMPFAIL, which a monitor tells from a failed check.
        public static let lockedExitCode: Int32 = 75
        /// A notification could not be delivered.
        public static let undeliveredExitCode: Int32 = 4

        public func run() async throws {
            let configuration: WatchConfig
            do {
                let text = try String(contentsOfFile: config, encoding: .utf8)
                configuration = try WatchConfig.load(text, allowFiles: allowFiles)
            } catch let error as WatchError {
                throw CommandFailure("\(config): \(error.description)")
            } catch {
                throw CommandFailure("\(config): cannot be read (\(error.localizedDescription))")
            }
            if checkConfig {
                let checks = configuration.sources.reduce(0) { $0 + max(1, $1.languages.count) }
                StandardStreams.out("\(config): valid; \(configuration.sources.count) sources, \(checks) checks a round\n")
                return
            }
            let lock: WatchLock
            let store: CharterDatabase
            do {
                lock = try WatchLock(store: database.db, wait: wait)
                store = try CharterDatabase(path: database.db)
            } catch let error as WatchError {
                if case .locked = error {
                    StandardStreams.err(error.description)
                    throw ExitCode(Self.lockedExitCode)
                }
                throw CommandFailure(error.description)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            let reportsFolder = URL(fileURLWithPath: reports ?? (database.db + ".reports"))
            let fetcher = PageFetcher()
            let language = reportLang ?? ReportLanguage.fromEnvironment()
            let watcher = Watcher(
                config: configuration, store: store, fetcher: fetcher, reportLanguage: language, reports: reportsFolder)
            let onTerminal = isatty(STDERR_FILENO) != 0
            let progress: (@Sendable (String) -> Void)? = onTerminal ? Self.showProgress : nil
            // Each check is written out as the round hands it on (text to stdout, JSON to a
            // file for stdout or the webhook): the round never holds its whole summary.
            let json = format == .json || configuration.notify?.webhook != nil ? try Self.summaryWriter() : nil
            let text = format == .text
            // Each line first clears the progress line when both share the terminal.
            let clearProgress = onTerminal && StandardStreams.stdoutIsTerminal ? "\r\u{1B}[K" : ""
            let tally = await watcher.round(progress: progress) { entry in
                json?.add(entry)
                guard text else { return }
                let lines = WatchTextRenderer.render(entry)
                if lines.isEmpty { return }
                StandardStreams.out(clearProgress + lines)
            }
            if onTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            await fetcher.shutdown()

            var document: URL?
            if let json {
                do {
                    try json.finish(tally)
                    document = json.document
                } catch {
                    StandardStreams.err("the JSON summary could not be written: \(error.localizedDescription)")
                }
            }
            switch format {
            case .json: if let document { Self.copyToStandardOutput(document) }
            case .text: StandardStreams.out(WatchTextRenderer.closing(tally))
            }
            let delivered = await notify(configuration, tally: tally, document: document, store: store, reports: reportsFolder)
            withExtendedLifetime((lock, json)) {}
            // 3 > 4 > 2 > 1 > 0: re-consent first, then an alert that never left.
            let exitCode: Int32 = tally.exitCode == 3 ? 3 : !delivered ? Self.undeliveredExitCode
                : tally.exitCode != 0 ? tally.exitCode : json != nil && document == nil ? 2 : 0
            if let metrics {
                let previous = try? String(contentsOfFile: metrics, encoding: .utf8)
                do {
                    try ReportOutput.write(Data(WatchMetrics.text(tally, exitCode: exitCode, previous: previous).utf8), to: metrics)
                } catch {
                    StandardStreams.err("the metrics: \(error)")
                }
            }
            if exitCode != 0 { throw ExitCode(exitCode) }
        }

        static func summaryWriter() throws -> WatchJSONWriter {
            do { return try WatchJSONWriter() } catch {
                throw CommandFailure("no room for the JSON summary in the temporary folder: \(error.localizedDescription)")
            }
        }

        static func copyToStandardOutput(_ file: URL) {
            guard let handle = try? FileHandle(forReadingFrom: file) else { return }
            defer { try? handle.close() }
            while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { FileHandle.standardOutput.write(chunk) }
            StandardStreams.out("\n")
        }

        /// Rewrites one status line on a terminal.
        @Sendable static func showProgress(_ line: String) {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        }

        /// Writes the Atom feed and posts the webhook; false when either could not be
        /// delivered (said on stderr): an alert that fails must not fail silently.
        func notify(_ configuration: WatchConfig, tally: WatchTally, document: URL?, store: CharterDatabase, reports: URL) async -> Bool {
            var delivered = true
            let finishedAt = tally.finishedAt
            if let atom = configuration.notify?.atom {
                let events = ((try? store.recentEvents(limit: 50)) ?? []).map { event in
                    let report = reports.appendingPathComponent(
                        "\(event.source)-\(event.language.isEmpty ? "page" : event.language)-\(Int(event.at.timeIntervalSince1970)).html")
                    return WatchEvent(
                        check: event.check, at: event.at,
                        title: "\(event.source)@\(event.language): " + (event.outcome == .failed ? "check failed" : "changed, verdict \(event.verdict ?? "none")"),
                        summary: event.reason ?? "a new version was stored",
                        report: FileManager.default.fileExists(atPath: report.path) ? report.path : nil)
                }
                do {
                    let feed = try Notifier.atomFeed(events, title: "charter watch", updated: finishedAt)
                    if let warning = feed.warning { StandardStreams.err("the Atom feed: \(warning)") }
                    try ReportOutput.write(Data(feed.xml.utf8), to: atom)
                } catch {
                    StandardStreams.err("cannot write the Atom feed: \(error)")
                    delivered = false
                }
            }
            // A quiet round posts nothing, unless `always: true`: a receiver paged every
            // night for nothing learns to ignore the page.
            let worthPosting = configuration.notify?.always == true || tally.changed + tally.failed + tally.firstVersions > 0
            if worthPosting, let webhook = configuration.notify?.webhook, let document,
                let problem = await Notifier.webhook(webhook, document: document, timeout: configuration.timeout)
            {
                StandardStreams.err(problem)
                delivered = false
            }
            return delivered
        }
    }
}
