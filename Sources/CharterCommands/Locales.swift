public import ArgumentParser
internal import CharterDiff
internal import CharterExtract
internal import CharterModel
internal import CharterReport
internal import Foundation

extension CharterCommand {
    /// `charter locales`: do the language variants of a charter say the same thing?
    public struct Locales: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "locales",
            abstract: "Compare the language variants of a charter: missing, contradictory, untranslated or stale.",
            discussion: """
                Give one URL and --langs fr,en,de (each language fetched with the django_language \
                cookie and Accept-Language, or filled into a {lang} in the URL), or several \
                LANG=PATH|URL inputs. Variants align on cookie name against --source (default: \
                the first language). A variant whose text is in another language than asked is \
                reported as served-language-mismatch and not compared.

                Findings: missing, extra, category-mismatch, party-mismatch, retention-mismatch \
                (critical); number-mismatch, untranslated, stale (functional); prose-mismatch \
                (cosmetic); paragraph-added, paragraph-removed, paragraph-changed, per section, \
                and wrong-language, blamed on the page that holds the text (functional). \
                --previous LANG=PATH gives earlier versions, for stale texts and paragraphs.

                --lang LANG compares only that language with the source. json, markdown and \
                html carry the completeness matrix: per language, the cookies and paragraphs \
                translated, stale, untranslated and missing, the critical findings first.

                Exit codes: 0 aligned; 1 findings; 2 error.
                """)

        public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
            case text, json, markdown, html
        }

        @OptionGroup public var source: SourceOptions

        @Option(name: .long, help: ArgumentHelp("Languages to fetch from one URL, comma-separated.", valueName: "langs"))
        public var langs: String?

        @Option(name: .customLong("source"), help: ArgumentHelp("The language the others are compared with.", valueName: "lang"))
        public var sourceLanguage: String?

        @Option(name: .long, help: ArgumentHelp("An earlier version of one language, LANG=PATH|URL (repeatable).", valueName: "lang=path"))
        public var previous: [String] = []

        @Option(name: .long, help: "Output format: text, json, markdown or html.")
        public var format: Format = .text

        @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of stdout.", valueName: "file"))
        public var output: String?

        @Argument(help: ArgumentHelp("One URL (with --langs), or LANG=PATH|URL inputs.", valueName: "input"))
        public var inputs: [String]

        public init() {}

        public func validate() throws {
            guard !inputs.isEmpty else { throw ValidationError("give a URL with --langs, or LANG=PATH inputs") }
            if langs != nil, inputs.count != 1 { throw ValidationError("--langs takes exactly one URL") }
            if langs == nil {
                for input in inputs + previous where Self.split(input) == nil {
                    throw ValidationError("\(input): expected LANG=PATH or LANG=URL (or one URL with --langs)")
                }
            }
            for input in previous where Self.split(input) == nil {
                throw ValidationError("--previous \(input): expected LANG=PATH")
            }
        }

        static func split(_ input: String) -> (String, String)? {
            guard let equals = input.firstIndex(of: "="), equals > input.startIndex else { return nil }
            let language = String(input[..<equals])
            guard language.count <= 12, language.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else { return nil }
            return (language, String(input[input.index(after: equals)...]))
        }

        public func run() async throws {
            let extractor = try source.extractor()
            let lexicons = extractor.lexicons
            // Each input is read as its own language, never as --lang's.
            var options = source
            options.lang = nil
            let loader = InputLoader(options: options)
            let requests = try Self.restricted(
                langs.map { list in
                    list.split(separator: ",").map { (String($0).trimmingCharacters(in: .whitespaces), inputs[0]) }
                } ?? inputs.compactMap(Self.split),
                to: source.lang, source: sourceLanguage)
            var variants: [LocaleVariant] = []
            var earlier: [String: Charter] = [:]
            do {
                for (language, input) in requests {
                    variants.append(LocaleVariant(
                        requested: language, charter: try await load(input, language: language, extractor, loader)))
                }
                for (language, input) in previous.compactMap(Self.split) {
                    earlier[language] = try await load(input, language: language, extractor, loader)
                }
            } catch {
                await loader.shutdown()
                throw error
            }
            await loader.shutdown()

            guard let sourceVariant = variants.first(where: { $0.requested == (sourceLanguage ?? variants.first?.requested) }) else {
                throw CommandFailure("--source \(sourceLanguage ?? "") is not one of the languages given")
            }
            if !sourceVariant.charter.hasCookieTable {
                // As for diffs: a missing table is a failed page, never "all aligned".
                throw CommandFailure("no cookie table in the \(sourceVariant.requested) variant (\(sourceVariant.charter.source.input))")
            }
            let report = LocaleAlign(lexicons: lexicons).align(variants, source: sourceLanguage, previous: earlier)
            let rendered: String
            switch format {
            case .text: rendered = LocaleTextRenderer.render(report)
            case .json: rendered = try LocaleJSONRenderer.render(report)
            case .markdown: rendered = LocaleMarkdownRenderer.render(report)
            case .html: rendered = LocaleHTMLRenderer.render(report)
            }
            try ReportOutput.write(rendered, to: output)
            if !report.isAligned { throw ExitCode(1) }
        }

        /// The inputs `--lang` keeps: the source and that language. A language that is not
        /// among the inputs is an error, never silently ignored.
        static func restricted(_ requests: [(String, String)], to lang: String?, source: String?) throws -> [(String, String)] {
            guard let lang else { return requests }
            let sourceLanguage = source ?? requests.first?.0
            let kept = requests.filter { $0.0 == sourceLanguage || LanguageTag.canonical($0.0) == LanguageTag.canonical(lang) }
            guard kept.contains(where: { $0.0 != sourceLanguage }) else {
                let given = requests.map(\.0).joined(separator: ", ")
                throw CommandFailure(
                    "--lang \(lang) is not one of the languages compared (\(given))"
                        + (LanguageTag.canonical(lang) == sourceLanguage.map(LanguageTag.canonical) ? ": it is the source" : ""))
            }
            return kept
        }

        func load(_ input: String, language: String, _ extractor: CharterExtractor, _ loader: InputLoader) async throws -> Charter {
            do {
                let charter = try await loader.charter(input, language: language, using: extractor)
                return charter
            } catch let error as ExtractionError {
                throw CommandFailure("\(language) (\(input)): \(error.description)")
            }
        }
    }
}
