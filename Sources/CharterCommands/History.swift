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
            abstract: "List the checks of a watched source: versions, unchanged rounds and failures, oldest first.",
            discussion: """
                Each check names the version it saw by its number in its language: fr#3 is the \
                third French version, shown by `charter show SOURCE@fr#3`. Numbers stay when \
                older versions are pruned (`charter store prune`).
                """)

        public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case text, json }

        @OptionGroup public var database: StoreOptions

        @Option(name: .long, help: ArgumentHelp("Only this language.", valueName: "lang"))
        public var lang: String?

        @Option(name: .long, help: ArgumentHelp(
            "Only the checks since a date (2026-03-01, UTC), a date and time (2026-03-01T12:00:00Z) or a time ago (24h, 7d, 2w).",
            valueName: "when"))
        public var since: String?

        @Option(name: .long, help: ArgumentHelp("Only the last N checks (after --since).", valueName: "n"))
        public var limit: Int?

        @Option(name: .long, help: "Output format: text or json.")
        public var format: Format = .text

        @Argument(help: ArgumentHelp("The source id from the watch configuration.", valueName: "source"))
        public var source: String

        public init() {}

        public func validate() throws {
            if let since, TimeArgument.moment(since, now: Date()) == nil {
                throw CommandFailure(
                    "--since \(TerminalSafe.clean(since)): expected a date (2026-03-01), a date and time (2026-03-01T12:00:00Z) "
                        + "or a time ago (24h, 7d, 2w)")
            }
            if let limit, limit < 1 { throw CommandFailure("--limit \(limit): expected a number of checks, 1 or more") }
        }

        public func run() async throws {
            let store = try StoreAccess.open(database.db, readOnly: true)
            let entries: [HistoryEntry]
            do {
                guard try store.sources().contains(SourceID(source)) else {
                    throw CommandFailure("\(database.db) has no source \(source)")
                }
                entries = try store.history(
                    SourceID(source), language: lang, since: since.flatMap { TimeArgument.moment($0, now: Date()) }, limit: limit)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            let decisions: [Int64: ReviewDecision]
            do {
                decisions = try store.decisionStates(source: SourceID(source))
            } catch {
                throw CommandFailure(error.description)
            }
            switch format {
            case .json:
                let lines = entries.map { DecidedEntry(entry: $0, decision: $0.version.flatMap { decisions[$0] }) }
                StandardStreams.out(String(decoding: try CharterJSON.encoder(pretty: true).encode(lines), as: UTF8.self) + "\n")
            case .text:
                for entry in entries {
                    var line = "\(CharterJSON.timestamp(entry.at))  \(entry.language)  \(entry.outcome.rawValue)"
                    if let number = entry.number { line += "  \(entry.language)#\(number)" }
                    if let cookies = entry.cookies { line += "  \(cookies) cookies" }
                    if let verdict = entry.verdict { line += "  verdict \(verdict)" }
                    if entry.outcome == .newVersion || entry.outcome == .firstVersion, let version = entry.version {
                        line += decisions[version].map { "  decision \($0.decision.rawValue) by \(TerminalSafe.clean($0.reviewer)) \($0.at)" }
                            ?? (entry.outcome == .newVersion ? "  decision none" : "")
                    }
                    if let reason = entry.reason { line += "  — " + TerminalSafe.clean(reason) }
                    StandardStreams.out(line + "\n")
                }
            }
        }
    }

    /// `charter show SOURCE@LANG#N` or `SOURCE@LANG~N`: one stored version.
    public struct Show: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print a stored version: SOURCE@LANG is the latest, SOURCE@LANG~1 the one before, SOURCE@LANG#3 the third.",
            discussion: """
                #N is the version's number in its language, as `charter history` shows it (fr#3); \
                ~N counts back from the latest (~0 is the latest).
                """)

        public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case json, text, markdown }

        @OptionGroup public var database: StoreOptions

        @Option(name: .long, help: "Output format: json, text or markdown.")
        public var format: Format = .json

        @Argument(help: ArgumentHelp("SOURCE@LANG, SOURCE@LANG#N or SOURCE@LANG~N.", valueName: "reference"))
        public var reference: String

        public init() {}

        public func validate() throws {
            guard StoreReference(reference) != nil else {
                throw ValidationError("\(reference): expected SOURCE@LANG, SOURCE@LANG#N or SOURCE@LANG~N")
            }
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

/// A stored version: `SOURCE@LANG` (the latest), `SOURCE@LANG~N` (counted back from the
/// latest) or `SOURCE@LANG#N` (numbered N in its language, as `history` shows it).
struct StoreReference: CustomStringConvertible {
    enum Position: Equatable {
        /// Counted back from the latest: `~0` is the latest.
        case back(Int)
        /// The version's number in its series: `#1` is the first.
        case number(Int)
    }

    let source: String
    let language: String
    let position: Position

    init?(_ text: String) {
        guard let at = text.lastIndex(of: "@") else { return nil }
        source = String(text[..<at])
        var rest = text[text.index(after: at)...]
        var position = Position.back(0)
        if let mark = rest.firstIndex(where: { $0 == "~" || $0 == "#" }) {
            let digits = rest[rest.index(after: mark)...]
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let count = Int(digits) else {
                return nil
            }
            if rest[mark] == "#" {
                guard count >= 1 else { return nil }
                position = .number(count)
            } else {
                position = .back(count)
            }
            rest = rest[..<mark]
        }
        language = String(rest)
        self.position = position
        guard !source.isEmpty, !source.contains("/"),
            language.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
    }

    var description: String {
        switch position {
        case .back(let count): "\(source)@\(language)~\(count)"
        case .number(let number): "\(source)@\(language)#\(number)"
        }
    }

    func load(from store: CharterDatabase) throws -> Charter { try storedVersion(from: store).charter }

    /// The stored version this reference names, or a failure saying what the series holds.
    func storedVersion(from store: CharterDatabase) throws -> StoredVersion {
        do {
            let found: StoredVersion?
            switch position {
            case .back(let count): found = try store.version(SourceID(source), language: language, back: count)
            case .number(let number): found = try store.version(SourceID(source), language: language, number: number)
            }
            guard let version = found else {
                let numbers = try store.versionNumbers(SourceID(source), language: language)
                throw CommandFailure("no version \(TerminalSafe.clean(description)) in the store (\(holding(numbers)))")
            }
            return version
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }

    /// What a series holds, for a reference that missed: "it has #1–#3, #5", or counting
    /// back, "it has ~0 to ~3 (#1–#3, #5)".
    func holding(_ numbers: [Int]) -> String {
        guard !numbers.isEmpty else { return "it has no version in this language" }
        guard case .back = position else { return "it has \(Self.runs(numbers))" }
        return "it has " + (numbers.count == 1 ? "~0" : "~0 to ~\(numbers.count - 1)") + " (\(Self.runs(numbers)))"
    }

    /// Version numbers in runs: [1, 2, 3, 5] is "#1–#3, #5".
    static func runs(_ numbers: [Int]) -> String {
        guard let first = numbers.first else { return "none" }
        var runs: [String] = []
        var start = first
        var end = first
        for number in numbers.dropFirst() {
            if number == end + 1 {
                end = number
            } else {
                runs.append(start == end ? "#\(start)" : "#\(start)–#\(end)")
                (start, end) = (number, number)
            }
        }
        runs.append(start == end ? "#\(start)" : "#\(start)–#\(end)")
        return runs.joined(separator: ", ")
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

/// A line of `history --format json`: the check, and the decision on record for its
/// version (the latest one, which supersedes those before it).
struct DecidedEntry: Encodable {
    var entry: HistoryEntry
    var decision: ReviewDecision?

    enum Key: String, CodingKey { case decision }

    func encode(to encoder: any Encoder) throws {
        try entry.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(decision, forKey: .decision)
    }
}
