public import ArgumentParser
internal import CharterExtract
internal import CharterModel
internal import CharterReport
internal import Foundation

extension CharterCommand {
    /// `charter extract`: one or more charters → the canonical model.
    public struct Extract: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "extract",
            abstract: "Extract the cookie table of a charter into the canonical model.",
            discussion: """
                INPUT is a file (.html, .htm, .txt tab-separated table, .md pipe table, .json \
                from an earlier extract), - for stdin, or an http(s) URL.

                With --format jsonl, several inputs are read in one run and each gives one \
                compact JSON line, in input order; an input that fails gives \
                {"input": ..., "error": ...} and the run goes on.

                Exit codes: 0 cookies found; 1 no cookie table (said on stderr); 2 error.
                """)

        public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
            case json, jsonl, text, markdown
        }

        @OptionGroup public var source: SourceOptions

        @Option(name: .long, help: "Output format: json, jsonl (one line per input), text or markdown.")
        public var format: Format = .json

        @Option(name: .long, help: ArgumentHelp("With jsonl: pages extracted at once (default: the number of cores).", valueName: "n"))
        public var jobs: Int?

        @Flag(name: .long, help: ArgumentHelp(
            "Instead of the charter, say for each cookie where its category, party, provider and retention were read (column, groupRow, heading, purpose, domain), what the cookie catalogue knows of it, and what a reader should check."))
        var explain = false

        @Flag(name: .long, help: "Print the time each phase took (lexicons, read, extract, write) on stderr.")
        public var timings = false

        @Argument(help: ArgumentHelp("Files, URLs or - for stdin.", valueName: "input"))
        public var inputs: [String]

        public init() {}

        public func validate() throws {
            guard !inputs.isEmpty else { throw ValidationError("give at least one input (a file, a URL or -)") }
            if inputs.count > 1, format != .jsonl {
                throw ValidationError("several inputs need --format jsonl (one JSON line per input)")
            }
        }

        public func run() async throws {
            var timer = PhaseTimer(enabled: timings)
            let extractor = try source.extractor()
            timer.lap("lexicons")
            let loader = InputLoader(options: source)
            defer { Task { await loader.shutdown() } }
            if format == .jsonl {
                try await runBatch(extractor, loader)
                return
            }
            let charter: Charter
            do {
                if InputLoader.isURL(inputs[0]) {
                    charter = try await loader.charter(inputs[0], using: extractor)
                    timer.lap("fetch and extract")
                } else {
                    let input = try await loader.load(inputs[0])
                    timer.lap("read")
                    charter = try await loader.extract(input, from: inputs[0], using: extractor)
                    timer.lap("extract")
                }
            } catch let error as ExtractionError {
                await loader.shutdown()
                throw CommandFailure("\(inputs[0]): \(error.description)")
            } catch {
                await loader.shutdown()
                throw error
            }
            await loader.shutdown()
            switch format {
            case _ where explain: StandardStreams.out(CharterEvidenceRenderer.render(charter, catalogue: try source.cookieCatalogue()))
            case .json, .jsonl: StandardStreams.out(CharterJSON.encode(charter) + "\n")
            case .text: StandardStreams.out(CharterTextRenderer.render(charter))
            case .markdown: StandardStreams.out(CharterMarkdownRenderer.render(charter))
            }
            timer.lap("write")
            timer.report()
            guard charter.hasCookieTable else {
                // A page that lists its partners and no cookie names still says something.
                if !charter.parties.isEmpty {
                    let count = charter.parties.count
                    StandardStreams.err("\(inputs[0]): no cookie table; \(count) \(count == 1 ? "party" : "parties") listed")
                    return
                }
                StandardStreams.err("\(inputs[0]): no cookie table found")
                throw ExitCode(1)
            }
        }

        /// Extracts every input on all cores, at most `--jobs` in flight (memory does
        /// not grow with the number of inputs), and prints one line per input in input
        /// order as soon as it and every input before it are done.
        func runBatch(_ extractor: CharterExtractor, _ loader: InputLoader) async throws {
            // --jobs N: N pages at once (1 is strictly sequential); by default twice the
            // cores, so that reading the next pages overlaps extraction.
            let width = max(1, min(jobs ?? 2 * ProcessInfo.processInfo.activeProcessorCount, 128))
            var failed = false
            var empty = false
            var pending: [Int: BatchLine] = [:]
            var nextToPrint = 0
            try await withThrowingTaskGroup(of: (Int, BatchLine).self) { group in
                var nextToStart = 0
                func startNext() {
                    guard nextToStart < inputs.count else { return }
                    let index = nextToStart
                    let input = inputs[index]
                    nextToStart += 1
                    group.addTask { (index, await Self.extractLine(input, extractor, loader)) }
                }
                for _ in 0..<width { startNext() }
                while let (index, line) = try await group.next() {
                    pending[index] = line
                    while let ready = pending.removeValue(forKey: nextToPrint) {
                        StandardStreams.out(ready.text + "\n")
                        failed = failed || ready.failed
                        empty = empty || ready.empty
                        nextToPrint += 1
                    }
                    startNext()
                }
            }
            await loader.shutdown()
            if failed { throw ExitCode(2) }
            if empty { throw ExitCode(1) }
        }

        struct BatchLine: Sendable {
            let text: String
            let failed: Bool
            let empty: Bool
        }

        static func extractLine(_ input: String, _ extractor: CharterExtractor, _ loader: InputLoader) async -> BatchLine {
            do {
                let charter = try await loader.charter(input, using: extractor)
                return BatchLine(text: CharterJSON.encode(charter, pretty: false), failed: false, empty: !charter.hasCookieTable && charter.parties.isEmpty)
            } catch {
                let message = (error as? ExtractionError)?.description ?? String(describing: error)
                let json = "{\"error\":" + Self.quoted(message) + ",\"input\":" + Self.quoted(input) + "}"
                return BatchLine(text: json, failed: true, empty: false)
            }
        }

        /// A JSON string literal.
        static func quoted(_ text: String) -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            let data = (try? encoder.encode(text)) ?? Data("\"\"".utf8)
            return String(decoding: data, as: UTF8.self)
        }
    }
}
