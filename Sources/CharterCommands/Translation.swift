public import ArgumentParser
internal import CharterDiff
internal import CharterExtract
internal import CharterLocales
internal import CharterModel
internal import CharterReport
internal import CharterTranslation
internal import Foundation

/// The two interchange formats translators use.
enum TranslationFormat: String {
    case xliff, po

    /// The file's text, and what it could not hold as it was.
    func document(_ file: TranslationFile) throws -> TranslationDocument {
        switch self {
        case .xliff: return try XLIFFFormat.document(for: file)
        case .po: return POFormat.document(for: file)
        }
    }

    func read(_ bytes: [UInt8]) throws -> TranslationFile {
        switch self {
        case .xliff: return try XLIFFFormat.read(bytes)
        case .po: return try POFormat.read(bytes)
        }
    }
}

/// Options of `xliff export` and `po export`.
public struct TranslationExportOptions: ParsableArguments, Sendable {
    @OptionGroup public var source: SourceOptions

    @Option(name: .customLong("source"), help: ArgumentHelp("The language translated from.", valueName: "lang"))
    public var sourceLanguage: String

    @Option(name: .customLong("target"), help: ArgumentHelp("The language translated into.", valueName: "lang"))
    public var targetLanguage: String

    @Option(name: .long, help: ArgumentHelp("An earlier version of one language, LANG=PATH|URL (repeatable), for stale texts.", valueName: "lang=path"))
    public var previous: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write the file here instead of stdout.", valueName: "file"))
    public var output: String?

    @Argument(help: ArgumentHelp(
        "One URL (fetched in both languages), or LANG=PATH|URL inputs for the source and, if it exists, the target.",
        valueName: "input"))
    public var inputs: [String]

    public init() {}

    func run(_ format: TranslationFormat) async throws {
        let extractor = try source.extractor()
        let lexicons = extractor.lexicons
        let loader = InputLoader(options: source)
        let pairs: [(String, String)] = inputs.count == 1 && CharterCommand.Locales.split(inputs[0]) == nil
            ? [(sourceLanguage, inputs[0]), (targetLanguage, inputs[0])] : inputs.compactMap(CharterCommand.Locales.split)
        guard pairs.count == inputs.count || inputs.count == 1 else {
            throw CommandFailure("inputs must be LANG=PATH|URL, or one URL")
        }
        var charters: [String: Charter] = [:]
        var earlier: [String: Charter] = [:]
        do {
            for (language, input) in pairs {
                charters[language] = try await loader.charter(input, language: language, using: extractor)
            }
            for (language, input) in previous.compactMap(CharterCommand.Locales.split) {
                earlier[language] = try await loader.charter(input, language: language, using: extractor)
            }
        } catch let error as ExtractionError {
            await loader.shutdown()
            throw CommandFailure(error.description)
        } catch {
            await loader.shutdown()
            throw error
        }
        await loader.shutdown()
        guard let sourceCharter = charters[sourceLanguage] else {
            throw CommandFailure("no input for the source language \(sourceLanguage) (give \(sourceLanguage)=PATH)")
        }
        let target = charters[targetLanguage]
        let report = target.map { target in
            LocaleAlign(lexicons: lexicons).align(
                [LocaleVariant(requested: sourceLanguage, charter: sourceCharter), LocaleVariant(requested: targetLanguage, charter: target)],
                source: sourceLanguage, previous: earlier)
        }
        // A fallback page is not a translation: export without targets rather than
        // pre-fill the source language as if it were the target.
        let usable = report?.variants.last?.fallback == true || report?.findings.contains { $0.kind == .servedLanguageMismatch } == true
            ? nil : target
        let units = TranslationUnits.make(source: sourceCharter, target: usable, report: report, targetLanguage: targetLanguage)
        let file = TranslationFile(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, units: units, skeleton: sourceCharter)
        let document = try format.document(file)
        for warning in document.warnings { StandardStreams.err(warning) }
        try ReportOutput.write(document.text, to: output)
    }
}

/// Options of `xliff import` and `po import`.
public struct TranslationImportOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp("Write the canonical JSON here instead of stdout.", valueName: "file"))
    public var output: String?

    @Option(name: .long, help: ArgumentHelp("Also write the cookie tables as an HTML fragment ready to publish.", valueName: "file"))
    public var html: String?

    @Argument(help: ArgumentHelp("The translated file.", valueName: "file"))
    public var file: String

    public init() {}

    func run(_ format: TranslationFormat) throws {
        let bytes = try InputLoader.readFile(file, limit: 20 * 1024 * 1024)
        let translation: TranslationFile
        do {
            translation = try format.read(bytes)
        } catch {
            throw CommandFailure("\(file): \(error)")
        }
        let charter = TranslationUnits.apply(translation, input: file)
        try ReportOutput.write(CharterJSON.encode(charter) + "\n", to: output)
        if let html {
            let strings = ReportStrings(lexicons: .embedded, language: translation.targetLanguage)
            try ReportOutput.write(CharterHTMLTableRenderer.render(charter, strings: strings), to: html)
        }
        for warning in charter.warnings { StandardStreams.err("\(file): \(warning)") }
    }
}

extension CharterCommand {
    /// `charter xliff export|import`.
    public struct Xliff: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "xliff", abstract: "Translator round trip through XLIFF 2.0.",
            subcommands: [Export.self, Import.self])
        public init() {}

        public struct Export: AsyncParsableCommand {
            public static let configuration = CommandConfiguration(
                commandName: "export",
                abstract: "Write XLIFF 2.0: one unit per translatable text, targets pre-filled from the published variant.")
            @OptionGroup public var options: TranslationExportOptions
            public init() {}
            public func run() async throws { try await options.run(.xliff) }
        }

        public struct Import: AsyncParsableCommand {
            public static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Read a translated XLIFF file back into the target-language charter (JSON, and HTML with --html).")
            @OptionGroup public var options: TranslationImportOptions
            public init() {}
            public func run() async throws { try options.run(.xliff) }
        }
    }

    /// `charter po export|import`.
    public struct Po: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "po", abstract: "Translator round trip through gettext PO.",
            subcommands: [Export.self, Import.self])
        public init() {}

        public struct Export: AsyncParsableCommand {
            public static let configuration = CommandConfiguration(
                commandName: "export",
                abstract: "Write a PO file: one entry per translatable text, fuzzy for stale and untranslated ones.")
            @OptionGroup public var options: TranslationExportOptions
            public init() {}
            public func run() async throws { try await options.run(.po) }
        }

        public struct Import: AsyncParsableCommand {
            public static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Read a translated PO file back into the target-language charter (JSON, and HTML with --html).")
            @OptionGroup public var options: TranslationImportOptions
            public init() {}
            public func run() async throws { try options.run(.po) }
        }
    }
}
