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
    func document(_ file: TranslationFile, template: Bool = false, now: Date) throws -> TranslationDocument {
        switch self {
        case .xliff: return try XLIFFFormat.document(for: file)
        case .po: return POFormat.document(for: file, template: template, now: now)
        }
    }

    func read(_ bytes: [UInt8]) throws -> TranslationFile {
        switch self {
        case .xliff: return try XLIFFFormat.read(bytes)
        case .po: return try POFormat.read(bytes)
        }
    }

    /// The format of a translated file given as memory: XML is XLIFF, the rest PO.
    static func sniff(_ bytes: [UInt8]) -> TranslationFormat {
        bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) } == UInt8(ascii: "<") ? .xliff : .po
    }

    /// The export time: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
    static var now: Date {
        ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init).map(
            Date.init(timeIntervalSince1970:))
            ?? Date()
    }

    /// Reads earlier translated files (XLIFF or PO) into one memory.
    static func memory(_ paths: [String], into memory: inout TranslationMemory) throws {
        for path in paths {
            let bytes = try InputLoader.readFile(path, limit: 20 * 1024 * 1024)
            do {
                try memory.add(try sniff(bytes).read(bytes), origin: (path as NSString).lastPathComponent)
            } catch {
                throw CommandFailure("\(path): \(error)")
            }
        }
    }
}

/// Options of `xliff export` and `po export`.
public struct TranslationExportOptions: ParsableArguments, Sendable {
    @OptionGroup public var source: SourceOptions

    @Option(name: .customLong("source"), help: ArgumentHelp("The language translated from.", valueName: "lang"))
    public var sourceLanguage: String

    @Option(
        name: .customLong("target"),
        help: ArgumentHelp("The language translated into (not for --pot).", valueName: "lang"))
    public var targetLanguage: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The previous version of the source, PATH|URL or LANG=PATH|URL (repeatable; the target's is optional): edited texts keep their unit and are marked stale.",
            valueName: "[lang=]path"))
    public var previous: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "An earlier translated XLIFF or PO file (repeatable): pre-fills texts of the same source.",
            valueName: "file"))
    public var memory: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A watch store: the input is a SOURCE id; its languages' latest versions are exported, stale texts are those the source changed since the target last did, and every stored pair of versions pre-fills the texts translated then.",
            valueName: "path"))
    public var db: String?

    @Option(name: .long, help: ArgumentHelp("Write the file here instead of stdout.", valueName: "file"))
    public var output: String?

    @Argument(
        help: ArgumentHelp(
            "One URL (fetched in both languages), LANG=PATH|URL inputs for the source and, if it exists, the target, or with --db a SOURCE id.",
            valueName: "input"))
    public var inputs: [String]

    public init() {}

    func run(_ format: TranslationFormat, template: Bool = false) async throws {
        if source.lang != nil {
            throw CommandFailure("--lang does not apply to an export: give --source LANG and --target LANG")
        }
        guard let targetLanguage = targetLanguage ?? (template ? "" : nil) else {
            throw CommandFailure("give --target LANG (or --pot for a template)")
        }
        let extractor = try source.extractor()
        let lexicons = extractor.lexicons
        let loader = InputLoader(options: source)
        let languages = template ? [sourceLanguage] : [sourceLanguage, targetLanguage]
        let pairs: [(String, String)] =
            inputs.count == 1 && CharterCommand.Locales.split(inputs[0]) == nil
            ? languages.map { ($0, inputs[0]) } : inputs.compactMap(CharterCommand.Locales.split)
        guard pairs.count == inputs.count || inputs.count == 1 else {
            throw CommandFailure("inputs must be LANG=PATH|URL, or one URL")
        }
        var memory = TranslationMemory()
        try TranslationFormat.memory(self.memory, into: &memory)
        if let memoryLanguage = memory.targetLanguage,
            memoryLanguage != targetLanguage || memory.sourceLanguage != sourceLanguage, !template
        {
            throw CommandFailure(
                "the --memory files translate \(memory.sourceLanguage ?? "?") → \(memoryLanguage), not \(sourceLanguage) → \(targetLanguage)"
            )
        }
        var charters: [String: Charter] = [:]
        var earlier: [String: Charter] = [:]
        if let db {
            guard inputs.count == 1, previous.isEmpty else {
                throw CommandFailure("with --db, give one SOURCE id and no --previous: the store has the versions")
            }
            let stored = try StoredTranslations.load(
                db: db, source: inputs[0], sourceLanguage: sourceLanguage, targetLanguage: template ? nil : targetLanguage,
                into: &memory)
            charters = stored.latest
            earlier = stored.previous
        } else {
            try await loader.reading { loader in
                for (language, input) in pairs {
                    charters[language] = try await loader.charter(input, language: language, using: extractor)
                }
                for entry in previous {
                    let (language, input) = CharterCommand.Locales.split(entry) ?? (sourceLanguage, entry)
                    earlier[language] = try await loader.charter(input, language: language, using: extractor)
                }
            }
        }
        guard let sourceCharter = charters[sourceLanguage] else {
            throw CommandFailure("no input for the source language \(sourceLanguage) (give \(sourceLanguage)=PATH)")
        }
        let target = template ? nil : charters[targetLanguage]
        let report = target.map { target in
            LocaleAlign(lexicons: lexicons).align(
                [
                    LocaleVariant(requested: sourceLanguage, charter: sourceCharter),
                    LocaleVariant(requested: targetLanguage, charter: target),
                ],
                source: sourceLanguage, previous: earlier)
        }
        // A fallback page is not a translation: export without targets rather than
        // pre-fill the source language as if it were the target.
        let usable =
            report?.variants.last?.fallback == true
                || report?.findings.contains { $0.kind == .servedLanguageMismatch } == true
            ? nil : target
        let result = TranslationUnits.make(
            TranslationExport(
                source: sourceCharter, target: usable, targetLanguage: targetLanguage,
                previousSource: earlier[sourceLanguage],
                previousTarget: earlier[targetLanguage], report: report, memory: template ? TranslationMemory() : memory
            ))
        // The published table's own words travel with the texts (not in a template).
        let fragment = template ? [] : FragmentUnits.make(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, prefill: usable != nil)
        let file = TranslationFile(
            sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, units: result.units + fragment, skeleton: sourceCharter
        )
        let document = try format.document(file, template: template, now: TranslationFormat.now)
        for notice in result.notices where !template { StandardStreams.err(notice) }
        for warning in document.warnings { StandardStreams.err(warning) }
        try ReportOutput.write(document.text, to: output)
    }
}

/// Options of `xliff import` and `po import`.
public struct TranslationImportOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp("Write the canonical JSON here instead of stdout.", valueName: "file"))
    public var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Also write the cookie tables as an HTML fragment ready to publish.", valueName: "file"))
    public var html: String?

    @Flag(name: .customLong("accept-fuzzy"), help: "Publish fuzzy (PO) and initial (XLIFF) targets too.")
    public var acceptFuzzy = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The current source (PATH|URL of the page or its charter JSON): match the file's units to it instead of the file's own skeleton, and report what does not match.",
            valueName: "path"))
    public var rebase: String?

    @Argument(help: ArgumentHelp("The translated file.", valueName: "file"))
    public var file: String

    public init() {}

    /// Exit 0 when every text is published; 1 when units were skipped (each listed on
    /// stderr); 2 when the file's sources do not match its source charter.
    func run(_ format: TranslationFormat) async throws {
        let bytes = try InputLoader.readFile(file, limit: 20 * 1024 * 1024)
        let translation: TranslationFile
        do {
            translation = try format.read(bytes)
        } catch {
            throw CommandFailure("\(file): \(error)")
        }
        var current: Charter?
        if let rebase {
            let options = try SourceOptions.parse([])
            let extractor = try options.extractor()
            current = try await InputLoader(options: options).reading { loader in
                try await loader.charter(rebase, language: translation.sourceLanguage, using: extractor)
            }
        }
        let result = TranslationUnits.apply(translation, input: file, acceptFuzzy: acceptFuzzy, rebase: current)
        for difference in result.differences {
            StandardStreams.err("\(file): \(result.rebased ? "rebase: " : "")\(difference)")
        }
        if result.refused {
            throw CommandFailure(
                "\(file): \(result.differences.count) units do not match the source charter the file carries (a merge kept an old skeleton?): nothing imported; export again, or give --rebase CURRENT-SOURCE"
            )
        }
        for line in result.disagreements { StandardStreams.err("\(file): disagreement: \(line)") }
        for line in result.skipped { StandardStreams.err("\(file): skipped: \(line)") }
        let charter = result.charter
        try ReportOutput.write(CharterJSON.encode(charter) + "\n", to: output)
        if let html {
            let strings = ReportStrings(lexicons: .embedded, language: translation.targetLanguage)
            try ReportOutput.write(CharterHTMLTableRenderer.render(charter, strings: strings, labels: result.labels), to: html)
        }
        if !result.isClean { throw ExitCode(1) }
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
                abstract:
                    "Write XLIFF 2.0: one unit per translatable text, targets pre-filled from the published variant.")
            @OptionGroup public var options: TranslationExportOptions
            public init() {}
            public func run() async throws { try await options.run(.xliff) }
        }

        public struct Import: AsyncParsableCommand {
            public static let configuration = CommandConfiguration(
                commandName: "import",
                abstract:
                    "Read a translated XLIFF file back into the target-language charter (JSON, and HTML with --html).",
                discussion: """
                    Only finished texts are published: a fuzzy or initial target is not, unless \
                    --accept-fuzzy, and every text left in the source language is listed on stderr. \
                    Exit codes: 0 every text published, 1 texts skipped, 2 the file's sources are \
                    not the texts of the source charter it carries (give --rebase CURRENT-SOURCE).
                    """)
            @OptionGroup public var options: TranslationImportOptions
            public init() {}
            public func run() async throws { try await options.run(.xliff) }
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
            @Flag(name: .long, help: "Write a POT template: no targets, no target language.")
            public var pot = false
            public init() {}
            public func run() async throws { try await options.run(.po, template: pot) }
        }

        public struct Import: AsyncParsableCommand {
            public static let configuration = CommandConfiguration(
                commandName: "import",
                abstract:
                    "Read a translated PO file back into the target-language charter (JSON, and HTML with --html).",
                discussion: """
                    Only finished texts are published: a fuzzy or initial target is not, unless \
                    --accept-fuzzy, and every text left in the source language is listed on stderr. \
                    Exit codes: 0 every text published, 1 texts skipped, 2 the file's sources are \
                    not the texts of the source charter it carries (give --rebase CURRENT-SOURCE).
                    """)
            @OptionGroup public var options: TranslationImportOptions
            public init() {}
            public func run() async throws { try await options.run(.po) }
        }
    }
}
