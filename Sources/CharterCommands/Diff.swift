public import ArgumentParser
public import CharterDiff
internal import CharterExtract
internal import CharterLocales
internal import CharterModel
internal import CharterReport
internal import CharterRender
internal import CharterStore
internal import Foundation

extension CharterCommand {
    /// `charter diff OLD NEW`: what changed between two versions, and whether users
    /// must be asked to consent again.
    public struct Diff: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Compare two versions of a charter cookie by cookie and say whether re-consent is needed.",
            discussion: """
                OLD and NEW are files, URLs (with --lang), canonical JSON written by \
                `charter extract`, or stored versions SOURCE@LANG#N or SOURCE@LANG~N (with --db; #3 is the \
                third version in LANG, as `charter history` numbers them; ~0 is the latest). Every change goes through named rules (id, verdict, \
                explanation, source); the verdict is the strongest of them.

                Profiles: default follows the research note's verdicts; strict treats any new \
                consent-category cookie, and every change a person must review, as re-consent.

                The two sides must be in the same language (a translation reads as every word \
                changed): --across-languages compares them anyway and says so on the report's \
                first line. `charter diff SOURCE@LANG --since-approved` compares the latest stored \
                version (or the one named) with the last one signed off by `charter review` \
                (approved or re-consent launched), so that several small changes are judged together.

                Every report names what it compares (each side's title, URL, language, capture \
                time, stored version and full content hash) and how it was made (charter and \
                rules versions, generated-at). --format pdf prints the HTML report through \
                headless Chromium (A4, page numbers).

                Exit codes: 0 no change; 1 changes without re-consent; 3 re-consent needed; \
                2 error (including a side with no cookie table, or two languages without --across-languages).
                """)

        public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
            case text, json, markdown, html, pdf
        }

        @OptionGroup public var source: SourceOptions

        @Option(name: .long, help: "Output format: text, json, markdown, html or pdf (with --output; needs Chromium).")
        public var format: Format = .text

        @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of stdout.", valueName: "file"))
        public var output: String?

        @Option(name: .long, help: "Rule profile: default or strict.")
        public var profile: ConsentProfile = .default

        @Option(name: .long, help: ArgumentHelp(
            "Language of the report's headings and explanations (en, fr); default from LANG.", valueName: "lang"))
        public var reportLang: String?

        @OptionGroup public var database: StoreOptions

        @Flag(name: .long, help: "Print the time each phase took (load, diff, render) on stderr.")
        public var timings = false

        @Flag(name: .long, help: "Compare two versions in different languages (the report says so on its first line).")
        public var acrossLanguages = false

        @Flag(name: .long, help: ArgumentHelp(
            "Compare the stored version given (SOURCE@LANG…) with the last version signed off by `charter review`."))
        public var sinceApproved = false

        @Argument(help: ArgumentHelp("The earlier version (with --since-approved: the later one).", valueName: "old"))
        public var old: String

        @Argument(help: ArgumentHelp("The later version.", valueName: "new"))
        public var new: String?

        public init() {}

        public func validate() throws {
            if format == .pdf, output == nil { throw ValidationError("--format pdf writes a file: give --output FILE.pdf") }
            if sinceApproved {
                guard new == nil else { throw ValidationError("--since-approved takes one stored version, SOURCE@LANG or SOURCE@LANG~N") }
                guard StoreReference(old) != nil else { throw ValidationError("--since-approved: \(old): expected SOURCE@LANG, SOURCE@LANG#N or SOURCE@LANG~N") }
            } else if new == nil {
                throw ValidationError("give two versions, OLD and NEW (or one stored version with --since-approved)")
            }
        }

        public func run() async throws {
            var timer = PhaseTimer(enabled: timings)
            let extractor = try source.extractor()
            let lexicons = extractor.lexicons
            let loader = InputLoader(options: source)
            let sides: (Side, Side)
            do {
                if sinceApproved {
                    sides = try signedOffPair()
                } else {
                    sides = (try await load(old, side: "OLD", extractor, loader), try await load(new ?? "", side: "NEW", extractor, loader))
                }
            } catch {
                await loader.shutdown()
                throw error
            }
            await loader.shutdown()
            timer.lap("load")
            let crossing = try Self.languages(sides.0.charter, sides.1.charter, allowed: acrossLanguages)

            let language = reportLang ?? ReportLanguage.fromEnvironment()
            let differ = CharterDiffer(
                lexicons: lexicons, profile: profile, reportLanguage: language, catalogue: try source.cookieCatalogue())
            var diff = differ.diff(sides.0.charter, sides.1.charter)
            diff.old.stored = sides.0.stored
            diff.new.stored = sides.1.stored
            // A stored page read from a file has no fetch time: it was captured when first seen.
            diff.old.fetchedAt = diff.old.fetchedAt ?? sides.0.capturedAt
            diff.new.fetchedAt = diff.new.fetchedAt ?? sides.1.capturedAt
            diff.report = ReportIdentity(charterVersion: CharterCommand.version, generatedAt: Date(), acrossLanguages: crossing)
            timer.lap("diff")
            let report: String
            switch format {
            case .text:
                let colors = output == nil && StandardStreams.stdoutIsTerminal
                    && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
                report = DiffTextRenderer(strings: differ.strings, colors: colors).render(diff)
            case .json, .markdown, .html: report = Self.render(diff, format: format, strings: differ.strings)
            case .pdf:
                let renderer = DiffHTMLRenderer(strings: differ.strings)
                let pdf: Data
                do {
                    pdf = try await PDFPrinter.pdf(
                        html: renderer.render(diff), header: renderer.printHeader(diff), footer: renderer.printFooter(diff),
                        browser: source.browser)
                } catch {
                    throw CommandFailure("--format pdf: \(error.description); verdict: \(diff.verdict.rawValue)")
                }
                timer.lap("render")
                try ReportOutput.write(pdf, to: output ?? "report.pdf")
                timer.report()
                if diff.isUnchanged { return }
                throw ExitCode(diff.verdict == .reconsent ? 3 : 1)
            }
            timer.lap("render")
            do {
                try ReportOutput.write(report, to: output)
            } catch {
                // The verdict still reaches whoever runs the diff.
                throw CommandFailure("\(error.message); verdict: \(diff.verdict.rawValue)")
            }
            timer.lap("write")
            timer.report()
            if diff.isUnchanged { return }
            throw ExitCode(diff.verdict == .reconsent ? 3 : 1)
        }

        /// A report in a file format (no colours): what `review` hashes as the report read.
        static func render(_ diff: VersionDiffResult, format: Format, strings: ReportStrings) -> String {
            switch format {
            case .text: DiffTextRenderer(strings: strings, colors: false).render(diff)
            case .json: DiffJSONRenderer.render(diff)
            case .markdown: DiffMarkdownRenderer(strings: strings).render(diff)
            case .html, .pdf: DiffHTMLRenderer(strings: strings).render(diff)
            }
        }

        /// Refuses two sides in different languages unless `allowed`; says whether they differ.
        static func languages(_ old: Charter, _ new: Charter, allowed: Bool) throws -> Bool {
            guard let a = old.language.map(LanguageTag.primary), let b = new.language.map(LanguageTag.primary), a != b else {
                return false
            }
            guard allowed else {
                throw CommandFailure(
                    "OLD is in \(TerminalSafe.clean(a)) and NEW in \(TerminalSafe.clean(b)): a diff across languages reads every "
                        + "translated word as a change; compare languages with `charter locales`, or give --across-languages")
            }
            return true
        }

        /// One side of the diff: the charter, and the stored version it is, if any.
        struct Side {
            var charter: Charter
            var stored: StoredVersionReference?
            /// When the store first saw the version.
            var capturedAt: Date?
        }

        /// With --since-approved: the last signed-off version of the series, and the one named.
        func signedOffPair() throws -> (Side, Side) {
            guard let reference = StoreReference(old) else { throw CommandFailure("\(old): expected SOURCE@LANG or SOURCE@LANG~N") }
            let store = try StoreAccess.open(database.db, readOnly: true)
            let later = try reference.stored(from: store)
            do {
                guard let signed = try store.lastSignedOffVersion(SourceID(reference.source), language: reference.language),
                    let version = try store.version(id: signed), let number = try store.versionNumber(of: signed)?.number
                else {
                    throw CommandFailure(
                        "no version of \(reference.source)@\(reference.language) has been approved or re-consented yet "
                            + "(charter review \(reference.source)@\(reference.language)~N --decision approved --by NAME)")
                }
                let decision = try store.decisionStates(source: version.source)[signed.rawValue]
                let earlier = Side(
                    charter: version.charter,
                    stored: StoredVersionReference(
                        source: reference.source, language: reference.language, number: number, id: signed.rawValue,
                        decision: decision.map { RecordedDecision(decision: $0.decision.rawValue, reviewer: $0.reviewer, at: $0.at) }),
                    capturedAt: version.firstSeenAt)
                return (earlier, later)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
        }

        func load(_ input: String, side: String, _ extractor: CharterExtractor, _ loader: InputLoader) async throws -> Side {
            if !InputLoader.isURL(input), !FileManager.default.fileExists(atPath: input), let reference = StoreReference(input) {
                return try reference.stored(from: try StoreAccess.open(database.db, readOnly: true))
            }
            let charter: Charter
            do {
                charter = try await loader.charter(input, using: extractor)
            } catch let error as ExtractionError {
                throw CommandFailure("\(side) (\(input)): \(error.description)")
            }
            // An empty side is a failed page, never "every cookie removed".
            guard charter.hasCookieTable else { throw CommandFailure("no cookie table in \(side) (\(input))") }
            return Side(charter: charter, stored: nil)
        }
    }
}

extension CharterCommand {
    /// charter's version, as `--version` prints it and every report names it.
    static var version: String { configuration.version }
}

extension StoreReference {
    /// The stored version, with its number and row id for the report.
    func stored(from store: CharterDatabase) throws -> CharterCommand.Diff.Side {
        let version = try storedVersion(from: store)
        let number: Int
        let decision: ReviewDecision?
        do {
            number = try store.versionNumber(of: version.id)?.number ?? 0
            decision = try store.decisionStates(source: version.source)[version.id.rawValue]
        } catch {
            throw CommandFailure(error.description)
        }
        return CharterCommand.Diff.Side(
            charter: version.charter,
            stored: StoredVersionReference(
                source: source, language: language, number: number, id: version.id.rawValue,
                decision: decision.map { RecordedDecision(decision: $0.decision.rawValue, reviewer: $0.reviewer, at: $0.at) }),
            capturedAt: version.firstSeenAt)
    }
}

extension ConsentProfile: ExpressibleByArgument {}

