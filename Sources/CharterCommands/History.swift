public import ArgumentParser
internal import CharterModel
internal import CharterReport
internal import CharterStore
internal import Foundation

extension CharterCommand {
    /// `charter history SOURCE`: versions and failed checks, in time order.
    public struct History: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "List the checks of a watched source: versions, unchanged rounds and failures, oldest first.")

        public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case text, json }

        @OptionGroup public var database: StoreOptions

        @Option(name: .long, help: ArgumentHelp("Only this language.", valueName: "lang"))
        public var lang: String?

        @Option(name: .long, help: "Output format: text or json.")
        public var format: Format = .text

        @Argument(help: ArgumentHelp("The source id from the watch configuration.", valueName: "source"))
        public var source: String

        public init() {}

        public func run() async throws {
            let store = try StoreAccess.open(database.db, readOnly: true)
            let entries: [HistoryEntry]
            do {
                guard try store.sources().contains(SourceID(source)) else {
                    throw CommandFailure("\(database.db) has no source \(source)")
                }
                entries = try store.history(SourceID(source), language: lang)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            switch format {
            case .json:
                StandardStreams.out(String(decoding: try CharterJSON.encoder(pretty: true).encode(entries), as: UTF8.self) + "\n")
            case .text:
                for entry in entries {
                    var line = "\(CharterJSON.timestamp(entry.at))  \(entry.language)  \(entry.outcome.rawValue)"
                    if let version = entry.version { line += "  v\(version)" }
                    if let cookies = entry.cookies { line += "  \(cookies) cookies" }
                    if let verdict = entry.verdict { line += "  verdict \(verdict)" }
                    if let reason = entry.reason { line += "  — " + TerminalSafe.clean(reason) }
                    StandardStreams.out(line + "\n")
                }
            }
        }
    }

    /// `charter show SOURCE@LANG~N`: one stored version.
    public struct Show: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print a stored version: SOURCE@LANG is the latest, SOURCE@LANG~1 the one before, and so on.")

        public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case json, text, markdown }

        @OptionGroup public var database: StoreOptions

        @Option(name: .long, help: "Output format: json, text or markdown.")
        public var format: Format = .json

        @Argument(help: ArgumentHelp("SOURCE@LANG or SOURCE@LANG~N.", valueName: "reference"))
        public var reference: String

        public init() {}

        public func validate() throws {
            guard StoreReference(reference) != nil else { throw ValidationError("\(reference): expected SOURCE@LANG or SOURCE@LANG~N") }
        }

        public func run() async throws {
            let charter = try StoreReference(reference)!.load(from: try StoreAccess.open(database.db, readOnly: true))
            switch format {
            case .json: StandardStreams.out(CharterJSON.encode(charter) + "\n")
            case .text: StandardStreams.out(CharterTextRenderer.render(charter))
            case .markdown: StandardStreams.out(CharterMarkdownRenderer.render(charter))
            }
        }
    }
}

/// `SOURCE@LANG~N`: a stored version, counted back from the latest.
struct StoreReference {
    let source: String
    let language: String
    let back: Int

    init?(_ text: String) {
        guard let at = text.lastIndex(of: "@") else { return nil }
        source = String(text[..<at])
        var rest = text[text.index(after: at)...]
        var back = 0
        if let tilde = rest.firstIndex(of: "~") {
            guard let count = Int(rest[rest.index(after: tilde)...]), count >= 0 else { return nil }
            back = count
            rest = rest[..<tilde]
        }
        language = String(rest)
        self.back = back
        guard !source.isEmpty, !source.contains("/"), language.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else { return nil }
    }

    func load(from store: CharterDatabase) throws -> Charter {
        do {
            guard let version = try store.version(SourceID(source), language: language, back: back) else {
                throw CommandFailure("no version \(source)@\(language)~\(back) in the store")
            }
            return version.charter
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}

/// Opening an existing store for reading; a missing file is an error, not a new store.
enum StoreAccess {
    /// `readOnly` for the commands that only read: they work on a store they may not write.
    static func open(_ path: String, readOnly: Bool = false) throws -> CharterDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("\(path): no such store (run `charter watch` first, or give --db)")
        }
        do {
            return try CharterDatabase(path: path, readOnly: readOnly)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
