public import ArgumentParser
internal import CharterCatalogue
internal import CharterExtract
public import CharterFetch
internal import CharterLocales
internal import CharterModel
internal import CharterReport
public import CharterRender
internal import Foundation

/// Options shared by every command that reads charters.
public struct SourceOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp(
        "Language to ask for (BCP 47, e.g. fr, en). For URLs it is sent as the django_language cookie and Accept-Language.",
        valueName: "lang"))
    public var lang: String?

    @Option(name: .long, help: ArgumentHelp(
        "How a URL is asked for a language: cookie (django_language + Accept-Language), header, flg (?flg=L), template ({lang} in the URL).",
        valueName: "method"))
    public var method: LanguageMethod = .cookie

    @Option(name: .long, help: ArgumentHelp("Folder of extra or replacement lexicons (<lang>.json).", valueName: "dir"))
    public var locales: String?

    @Option(name: .long, help: ArgumentHelp(
        "Leave out the lexicon of this language (repeatable): how charter reads a language it has no words for. For evaluation (Scripts/score-corpus.sh --leave-language-out).",
        valueName: "lang"))
    public var withoutLexicon: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "A full Open Cookie Database CSV (open-cookie-database.csv) to use instead of the catalogue built in: facts that flag a cookie the page declares necessary but that is known to need consent.",
        valueName: "file"))
    public var catalogue: String?

    @Option(name: .long, help: ArgumentHelp("Seconds allowed for fetching one URL.", valueName: "seconds"))
    public var timeout: Double = 30

    @Option(name: .long, help: ArgumentHelp(
        "Largest input read, in bytes (52428800 is 50 MiB).", valueName: "bytes"))
    public var maxBytes: Int = CharterExtractor.defaultByteLimit

    @Option(name: .long, help: ArgumentHelp("Read only the part of an HTML page that this XPath selects.", valueName: "xpath"))
    public var scope: String?

    @Option(name: .long, help: ArgumentHelp(
        "Load URLs in headless Chromium: auto (only when the page has no cookie table and embeds a consent manager such as Cookiebot or OneTrust), always (also records the cookies the browser receives), never.",
        valueName: "mode"))
    public var render: RenderMode = .auto

    @Option(name: .long, help: ArgumentHelp(
        "The Chromium to render with (default: CHARTER_CHROMIUM, else /usr/lib/chromium/chromium, /usr/bin/chromium, ...).",
        valueName: "path"))
    public var browser: String?

    public init() {}

    public mutating func validate() throws {
        if let lang, !LanguageTag.isWellFormed(lang) {
            throw CommandFailure("--lang \"\(TerminalSafe.clean(lang))\" is not a BCP 47 language tag (e.g. fr, en, pt-BR)")
        }
        // "EN" and "en" ask for the same page: one spelling reaches headers and reports.
        lang = lang.map(LanguageTag.canonical)
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be more than 0") }
    }

    /// The extractor these options describe: lexicons and byte limit.
    func extractor() throws -> CharterExtractor {
        CharterExtractor(lexicons: try lexicons(), byteLimit: maxBytes)
    }

    /// The known-cookie catalogue: built only by what judges or explains a reading (a
    /// diff, `--explain`), not by every extraction — it costs a start-up several ms.
    func cookieCatalogue() throws -> CookieCatalogue {
        guard let catalogue else { return .embedded }
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: catalogue)))
        } catch {
            throw CommandFailure("--catalogue \(catalogue): cannot read the file")
        }
        do {
            return try CookieCatalogue(openCookieDatabaseCSV: bytes)
        } catch {
            throw CommandFailure("--catalogue \(catalogue): \(error.description)")
        }
    }

    func lexicons() throws -> LexiconSet {
        var set = LexiconSet.embedded
        if let locales {
            do {
                set = try LexiconSet.loading(overrides: URL(fileURLWithPath: locales))
            } catch {
                throw CommandFailure(error.description)
            }
        }
        guard !withoutLexicon.isEmpty else { return set }
        let unknown = withoutLexicon.filter { set.lexicons[$0] == nil }
        guard unknown.isEmpty else {
            throw CommandFailure("--without-lexicon: no lexicon for \(unknown.joined(separator: ", ")) (known: \(set.lexicons.keys.sorted().joined(separator: ", ")))")
        }
        return LexiconSet(set.lexicons.values.filter { !withoutLexicon.contains($0.language) })
    }
}

extension LanguageMethod: ExpressibleByArgument {}
extension RenderMode: ExpressibleByArgument {}
