public import ArgumentParser
internal import CharterExtract
internal import CharterModel
internal import CharterTranslation
internal import Foundation

extension CharterCommand {
    /// `charter tm export`: the translation memory charter knows, as TMX.
    public struct Tm: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "tm", abstract: "Translation memory (TMX 1.4b) from aligned charters and translated files.",
            subcommands: [Export.self])
        public init() {}

        public struct Export: AsyncParsableCommand {
            public static let configuration = CommandConfiguration(
                commandName: "export",
                abstract: "Write TMX 1.4b: one translation unit per aligned source/target pair.",
                discussion: """
                    Charters pair in the order given: the first source-language input with the first \
                    target-language input, and so on (fr=v1.html en=v1.html fr=v2.html en=v2.html), \
                    each pair read against the one before it (a text whose source changed while its \
                    translation did not is stale, and left out). Translated XLIFF or PO files add \
                    their finished units.
                    """)
            @OptionGroup public var source: SourceOptions

            @Option(name: .customLong("source"), help: ArgumentHelp("The language translated from.", valueName: "lang"))
            public var sourceLanguage: String

            @Option(name: .customLong("target"), help: ArgumentHelp("The language translated into.", valueName: "lang"))
            public var targetLanguage: String

            @Option(name: .long, help: ArgumentHelp("A translated XLIFF or PO file (repeatable).", valueName: "file"))
            public var file: [String] = []

            @Option(name: .long, help: ArgumentHelp("Write the TMX here instead of stdout.", valueName: "file"))
            public var output: String?

            @Argument(
                help: ArgumentHelp("LANG=PATH|URL charters of both languages, paired in order.", valueName: "input"))
            public var inputs: [String] = []

            public init() {}

            public func run() async throws {
                if source.lang != nil {
                    throw CommandFailure("--lang does not apply to tm export: give --source LANG and --target LANG")
                }
                let pairs = inputs.compactMap(CharterCommand.Locales.split)
                guard pairs.count == inputs.count else { throw CommandFailure("inputs must be LANG=PATH|URL") }
                if let other = pairs.first(where: { $0.0 != sourceLanguage && $0.0 != targetLanguage }) {
                    throw CommandFailure(
                        "input \(other.0)=… is neither --source \(sourceLanguage) nor --target \(targetLanguage)")
                }
                let sources = pairs.filter { $0.0 == sourceLanguage }.map(\.1)
                let targets = pairs.filter { $0.0 == targetLanguage }.map(\.1)
                guard sources.count == targets.count else {
                    throw CommandFailure(
                        "give as many \(sourceLanguage)= inputs as \(targetLanguage)= inputs (\(sources.count) and \(targets.count))"
                    )
                }
                var memory = TranslationMemory()
                memory.sourceLanguage = sourceLanguage
                memory.targetLanguage = targetLanguage
                let extractor = try source.extractor()
                try await InputLoader(options: source).reading { loader in
                    // Each pair after the first is read against the one before it: a
                    // target left behind by its source's edit is stale, not a pair.
                    var before: (source: Charter, target: Charter)?
                    for (from, to) in zip(sources, targets) {
                        let sourceCharter = try await loader.charter(from, language: sourceLanguage, using: extractor)
                        let targetCharter = try await loader.charter(to, language: targetLanguage, using: extractor)
                        try memory.add(
                            source: sourceCharter, target: targetCharter, sourceLanguage: sourceLanguage,
                            targetLanguage: targetLanguage, origin: (to as NSString).lastPathComponent,
                            previousSource: before?.source, previousTarget: before?.target)
                        before = (sourceCharter, targetCharter)
                    }
                }
                try TranslationFormat.memory(file, into: &memory)
                let document = try memory.tmx()
                for warning in document.warnings { StandardStreams.err(warning) }
                try ReportOutput.write(document.text, to: output)
            }
        }
    }
}
