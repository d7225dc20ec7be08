public import ArgumentParser
public import CharterDiff
internal import CharterExtract
internal import CharterLocales
internal import CharterModel
internal import CharterReport
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

                Exit codes: 0 no change; 1 changes without re-consent; 3 re-consent needed; \
                2 error (including a side with no cookie table).
                """)

        public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
            case text, json, markdown, html
        }

        @OptionGroup public var source: SourceOptions

        @Option(name: .long, help: "Output format: text, json, markdown or html.")
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

        @Argument(help: ArgumentHelp("The earlier version.", valueName: "old"))
        public var old: String

        @Argument(help: ArgumentHelp("The later version.", valueName: "new"))
        public var new: String

        public init() {}

        public func run() async throws {
            var timer = PhaseTimer(enabled: timings)
            let extractor = try source.extractor()
            let lexicons = extractor.lexicons
            let loader = InputLoader(options: source)
            let charters: (Charter, Charter)
            do {
                charters = (try await load(old, side: "OLD", extractor, loader), try await load(new, side: "NEW", extractor, loader))
            } catch {
                await loader.shutdown()
                throw error
            }
            await loader.shutdown()
            timer.lap("load")

            let language = reportLang ?? ReportLanguage.fromEnvironment()
            let differ = CharterDiffer(
                lexicons: lexicons, profile: profile, reportLanguage: language, catalogue: try source.cookieCatalogue())
            let diff = differ.diff(charters.0, charters.1)
            timer.lap("diff")
            let report: String
            switch format {
            case .text:
                let colors = output == nil && StandardStreams.stdoutIsTerminal
                    && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
                report = DiffTextRenderer(strings: differ.strings, colors: colors).render(diff)
            case .json: report = DiffJSONRenderer.render(diff)
            case .markdown: report = DiffMarkdownRenderer(strings: differ.strings).render(diff)
            case .html: report = DiffHTMLRenderer(strings: differ.strings).render(diff)
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

        func load(_ input: String, side: String, _ extractor: CharterExtractor, _ loader: InputLoader) async throws -> Charter {
            if !InputLoader.isURL(input), !FileManager.default.fileExists(atPath: input), let reference = StoreReference(input) {
                return try reference.load(from: try StoreAccess.open(database.db, readOnly: true))
            }
            let charter: Charter
            do {
                charter = try await loader.charter(input, using: extractor)
            } catch let error as ExtractionError {
                throw CommandFailure("\(side) (\(input)): \(error.description)")
            }
            // An empty side is a failed page, never "every cookie removed".
            guard charter.hasCookieTable else { throw CommandFailure("no cookie table in \(side) (\(input))") }
            return charter
        }
    }
}

extension ConsentProfile: ExpressibleByArgument {}

