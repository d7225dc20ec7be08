public import ArgumentParser
internal import CharterExtract
internal import CharterFetch
internal import CharterLocales
internal import CharterModel
internal import CharterStore
internal import CharterWatch
internal import Foundation
internal import Logging

extension CharterCommand {
    /// `charter watch`: one round over the configured sources (cron or a systemd timer
    /// calls it).
    public struct Watch: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Check every watched charter once: store new versions, judge changes, align languages, notify.",
            discussion: """
                The configuration (YAML) lists sources: {id, url, languages: [fr, en], method: \
                cookie|header|flg|template, scope: XPATH, render: auto|always|never, muted: until YYYY-MM-DD — failures raise no alarm, changes are still reported}, and timeout \
                (seconds), concurrency, per_host, broken_after, render_concurrency, browser: PATH, \
                notify: {webhook: URL, atom: PATH, always: BOOL, report_base_url: URL, feed_url: \
                URL, secret: KEY | secret_file: PATH, apprise: [URL] | apprise_file: PATH, \
                apprise_command: PATH}.

                Alerts: the webhook gets the round's JSON summary, signed with \
                X-Charter-Signature: sha256=HMAC-SHA256(secret, body) and X-Charter-Timestamp \
                when a secret is set; the Atom feed has one entry per new version, one when a \
                page breaks and one when it recovers (never one per failed round); Apprise \
                (the apprise command, URLs passed in a private file, never on its command line) \
                gets a title with the counts and a line per changed or failed check. With \
                report_base_url, reports are linked as URL/<report file name>. --test-notify \
                sends one test notification per route and exits 4 if any was not delivered.

                A failed check (network error, HTTP error, empty body, no cookie table, a \
                language fallback) is recorded and reported, never stored as a version.

                The summary goes to stdout; stderr gets one log line per event (logfmt: \
                ts=… level=… msg="…" source=… lang=…): error for a failed check or an \
                undelivered notification, warning for a re-consent, notice for other changes and \
                recoveries, info (--verbose) for the rest. On a terminal, a round longer than 2 \
                seconds shows a progress line on stderr.

                Exit codes, the first that applies: 3 any re-consent; 4 a notification (webhook, \
                Atom feed, Apprise) could not be delivered; 2 any failed check, or the configuration or \
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

        @Flag(name: .long, help: ArgumentHelp(
            "Send one test notification on every configured route (webhook, Apprise; the Atom feed is only checked for writing) and say how each went; exit 4 if any was not delivered. No round is run."))
        public var testNotify = false

        @OptionGroup(title: "Logs (stderr)") public var logging: WatchLogOptions

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
            if testNotify {
                // Before the lock: a test notification never waits for a running round.
                let results = await Notifier.test(configuration.notify, timeout: configuration.timeout)
                if results.isEmpty { StandardStreams.out("no notification route is configured (notify: webhook, apprise, atom)\n") }
                for result in results { StandardStreams.out(WatchLog.redactingURLs(result.line) + "\n") }
                if results.isEmpty || results.contains(where: { $0.problem != nil }) { throw ExitCode(Self.undeliveredExitCode) }
                return
            }
            let lock: WatchLock
            let store: CharterDatabase
            do {
                lock = try WatchLock(store: database.db, wait: wait)
                store = try CharterDatabase(path: database.db)
            } catch let error as WatchError {
                if case .locked = error {
                    // A warning, so that --quiet still says why the round did not run.
                    log.warning("\(error.description)", metadata: ["db": "\(database.db)"])
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
            let log = log
            // A progress line only on a terminal, only once a round has lasted 2 s, never
            // with --quiet; log lines are printed above it.
            let status = StatusLine.standardError
            let showsProgress = isatty(STDERR_FILENO) != 0 && !logging.quiet
            if showsProgress { status.start(delay: 2) }
            let progress: (@Sendable (String) -> Void)? = showsProgress ? { @Sendable line in status.update(line) } : nil
            // Each check is written out as the round hands it on (text to stdout, JSON to a
            // file for stdout or the webhook): the round never holds its whole summary.
            let json = format == .json || configuration.notify?.webhook != nil ? try Self.summaryWriter() : nil
            let text = format == .text
            // A summary line first erases the progress line when both share the terminal.
            let sharesTerminal = showsProgress && StandardStreams.stdoutIsTerminal
            let tally = await watcher.round(progress: progress) { entry in
                json?.add(entry)
                WatchLog.log(entry, to: log)
                guard text else { return }
                let lines = WatchTextRenderer.render(entry, quiet: logging.quiet)
                if lines.isEmpty { return }
                if sharesTerminal { status.erase() }
                StandardStreams.out(lines)
            }
            status.finish()
            await fetcher.shutdown()

            var document: URL?
            if let json {
                do {
                    try json.finish(tally)
                    document = json.document
                } catch {
                    log.error("the JSON summary could not be written: \(error.localizedDescription)")
                }
            }
            switch format {
            case .json: if let document { Self.copyToStandardOutput(document) }
            case .text: StandardStreams.out(WatchTextRenderer.closing(tally))
            }
            let delivered = await notify(configuration, tally: tally, document: document, store: store)
            withExtendedLifetime((lock, json)) {}
            // 3 > 4 > 2 > 1 > 0: re-consent first, then an alert that never left.
            let exitCode: Int32 = tally.exitCode == 3 ? 3 : !delivered ? Self.undeliveredExitCode
                : tally.exitCode != 0 ? tally.exitCode : json != nil && document == nil ? 2 : 0
            if let metrics {
                let previous = try? String(contentsOfFile: metrics, encoding: .utf8)
                do {
                    try ReportOutput.write(Data(WatchMetrics.text(tally, exitCode: exitCode, previous: previous).utf8), to: metrics)
                } catch {
                    log.warning("the metrics could not be written: \(error)", metadata: ["file": "\(metrics)"])
                }
            }
            WatchLog.roundFinished(tally, exitCode: exitCode, to: log)
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

        /// Writes the Atom feed, posts the webhook and hands Apprise its message; false when
        /// any could not be delivered (said on stderr): an alert that fails must not fail
        /// silently.
        func notify(_ configuration: WatchConfig, tally: WatchTally, document: URL?, store: CharterDatabase) async -> Bool {
            var delivered = true
            let notify = configuration.notify
            if let atom = notify?.atom {
                do {
                    // One entry per version, per series that broke, per series that recovered.
                    let events = try store.feedEvents(limit: 50)
                    let settings = AtomFeedSettings(
                        storeID: try store.feedIdentity() ?? "empty", reportBaseURL: notify?.reportBaseURL, feedURL: notify?.feedURL)
                    // Each entry says where legal stands on its version (awaiting, approved…).
                    let feed = try Notifier.atomFeed(
                        events, settings: settings, updated: tally.finishedAt, reviews: try store.reviewStates(of: events))
                    if let warning = feed.warning { log.warning("the Atom feed: \(warning)") }
                    try ReportOutput.write(Data(feed.xml.utf8), to: atom)
                } catch {
                    log.error("cannot write the Atom feed: \(error)", metadata: ["file": "\(atom)"])
                    delivered = false
                }
            }
            // A quiet round posts nothing, unless `always: true`: a receiver paged every
            // night for nothing learns to ignore the page.
            let worthPosting = notify?.always == true || tally.changed + tally.failed + tally.firstVersions > 0
            if worthPosting, let webhook = notify?.webhook, let document,
                let problem = await Notifier.webhook(
                    webhook, document: document, timeout: configuration.timeout, secret: notify?.secret,
                    reportBaseURL: notify?.reportBaseURL)
            {
                log.error("\(WatchLog.redactingURLs(problem))", metadata: ["url": "\(URLRedaction.redacted(webhook))"])
                delivered = false
            }
            if worthPosting, let notify, !notify.apprise.isEmpty {
                // The round's own checks, read back: the round keeps none of them.
                let events = (try? store.roundEvents(since: tally.startedAt, limit: AppriseMessage.lineLimit)) ?? []
                let message = AppriseMessage(tally: tally, events: events, reportBaseURL: notify.reportBaseURL)
                if let problem = await Notifier.apprise(
                    message, urls: notify.apprise, command: notify.appriseCommand, timeout: configuration.timeout)
                {
                    // Never the URLs: they hold the services' tokens.
                    log.error("\(problem)", metadata: ["route": "apprise"])
                    delivered = false
                }
            }
            return delivered
        }
    }
}
