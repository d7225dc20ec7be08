public import ArgumentParser
internal import CharterDiff
internal import CharterModel
internal import CharterReport
internal import CharterStore
internal import Foundation

extension CharterCommand {
    /// `charter review SOURCE@LANG~N --decision …`: a reviewer's decision on a stored change,
    /// on record: bound to the version and the report read, append-only and hash-chained.
    public struct Review: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "review",
            abstract:
                "Record a decision on a stored change, list the changes awaiting one, verify or export the review trail.",
            discussion: """
                charter review portal@fr~0 --decision approved --by "A. Martin" --comment "…" records a \
                decision bound to the version's id and content hash, to the version it was compared \
                with, and to the SHA-256 of the report the reviewer read: the HTML report of that pair \
                (as `charter diff --db … portal@fr~1 portal@fr~0 --format html` writes it, dated \
                with the version's first capture), or the file given with --report. The operating-system \
                user is recorded beside --by. --finding RULE:COOKIE decides on one finding \
                (acknowledged, or not-applicable: the rule does not apply to it).

                Decisions are never changed or deleted: a later one supersedes. Each row holds the \
                SHA-256 of the previous row's hash and its own canonical text; --verify checks the \
                chain (exit 2 naming the first broken row). --pending lists stored changes with a \
                re-consent verdict or a finding a person must review, and no decision. --export \
                writes the trail as CSV or JSON.
                """)

        public enum Decision: String, ExpressibleByArgument, CaseIterable, Sendable {
            case approved, rejected
            case reconsentLaunched = "reconsent-launched"
            case notApplicable = "not-applicable"
        }

        public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case text, csv, json }

        @OptionGroup public var database: StoreOptions

        @Option(name: .long, help: "approved, rejected, reconsent-launched or not-applicable.")
        public var decision: Decision?

        @Option(name: .long, help: ArgumentHelp("Who decides, as they sign.", valueName: "name"))
        public var by: String?

        @Option(name: .long, help: ArgumentHelp("Why, in the reviewer's words.", valueName: "text"))
        public var comment: String?

        @Option(
            name: .long,
            help: ArgumentHelp("Decide on one finding only: its rule and cookie.", valueName: "RULE:COOKIE"))
        public var finding: String?

        @Option(
            name: .long,
            help: ArgumentHelp("The report file the reviewer read: its SHA-256 is recorded.", valueName: "file"))
        public var report: String?

        @Option(
            name: .long,
            help: ArgumentHelp("Language of the report hashed (en, fr); default from LANG.", valueName: "lang"))
        public var reportLang: String?

        @Flag(name: .long, help: "Check the review trail's hash chain.")
        public var verify = false

        @Flag(name: .long, help: "List stored changes that need a decision and have none.")
        public var pending = false

        @Flag(name: .long, help: "Write the review trail (--format csv or json).")
        public var export = false

        @Option(name: .long, help: "Output format: text (pending), csv or json.")
        public var format: Format = .text

        @Option(name: .long, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
        public var output: String?

        @Argument(
            help: ArgumentHelp(
                "The stored version decided on: SOURCE@LANG, SOURCE@LANG~N or SOURCE@LANG#N.", valueName: "reference"))
        public var reference: String?

        public init() {}

        public func validate() throws {
            let modes = [verify, pending, export, reference != nil].filter { $0 }.count
            guard modes == 1 else {
                throw ValidationError(
                    "give one of: a stored version with --decision and --by, --verify, --pending or --export")
            }
            if export, format == .text {
                throw ValidationError("--export writes csv or json: give --format csv or --format json")
            }
            if let reference {
                guard StoreReference(reference) != nil else {
                    throw ValidationError("\(reference): expected SOURCE@LANG, SOURCE@LANG#N or SOURCE@LANG~N")
                }
                guard decision != nil else {
                    throw ValidationError(
                        "--decision is required: approved, rejected, reconsent-launched or not-applicable")
                }
                guard let by, !by.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ValidationError("--by NAME is required: who decides")
                }
                if let finding, Self.findingParts(finding) == nil {
                    throw ValidationError("--finding \(finding): expected RULE:COOKIE")
                }
            }
        }

        static func findingParts(_ text: String) -> (rule: String, cookie: String)? {
            guard let colon = text.firstIndex(of: ":") else { return nil }
            let rule = String(text[..<colon])
            let cookie = String(text[text.index(after: colon)...])
            return rule.isEmpty || cookie.isEmpty ? nil : (rule, cookie)
        }

        public func run() async throws {
            do {
                if verify { return try runVerify() }
                if pending { return try runPending() }
                if export { return try runExport() }
                try runDecision()
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
        }

        func runVerify() throws {
            let store = try StoreAccess.open(database.db, readOnly: true)
            if let broken = try store.verifyDecisions() {
                throw CommandFailure("the review trail is broken at \(broken.description); rows before it are intact")
            }
            StandardStreams.out("review trail intact: \(try store.decisions().count) decisions\n")
        }

        func runPending() throws {
            let store = try StoreAccess.open(database.db, readOnly: true)
            let items = try Self.pendingReviews(store, language: reportLang ?? ReportLanguage.fromEnvironment())
            switch format {
            case .json:
                try ReportOutput.write(
                    String(decoding: try CharterJSON.encoder(pretty: true).encode(items), as: UTF8.self) + "\n",
                    to: output)
            case .csv:
                try ReportOutput.write(
                    "reference,checkedAt,reason,check\n"
                        + items.map {
                            "\(Self.csv($0.reference)),\(CharterJSON.timestamp($0.at)),\($0.reason),\($0.check)\n"
                        }.joined(),
                    to: output)
            case .text:
                try ReportOutput.write(
                    items.isEmpty
                        ? "no change awaits a decision\n"
                        : items.map { "\($0.reference)  \(CharterJSON.timestamp($0.at))  \($0.reason)\n" }.joined(),
                    to: output)
            }
        }

        /// A change awaiting a decision, and why it needs one.
        struct Pending: Encodable {
            var reference: String
            var at: Date
            /// `reconsent` or `needs-review`.
            var reason: String
            var check: Int64
        }

        /// Stored changes with a re-consent verdict, or a finding a person must review (the
        /// pair diffed again), and no whole-change decision.
        static func pendingReviews(_ store: CharterDatabase, language: String) throws -> [Pending] {
            let differ = CharterDiffer(reportLanguage: language)
            var out: [Pending] = []
            for change in try store.undecidedChanges() {
                let reference = "\(change.source)@\(change.language)#\(change.versionNumber)"
                if change.verdict == .reconsent {
                    out.append(Pending(reference: reference, at: change.at, reason: "reconsent", check: change.check))
                    continue
                }
                // Kept with the check since v5 of the store; diffed again for older checks.
                if let needsReview = change.needsReview {
                    if needsReview { out.append(Pending(reference: reference, at: change.at, reason: "needs-review", check: change.check)) }
                    continue
                }
                guard let previous = change.previousVersion,
                    let old = try store.version(id: VersionID(rawValue: previous)),
                    let new = try store.version(id: VersionID(rawValue: change.version))
                else { continue }
                if differ.diff(old.charter, new.charter).needsReview {
                    out.append(
                        Pending(reference: reference, at: change.at, reason: "needs-review", check: change.check))
                }
            }
            return out
        }

        func runExport() throws {
            let store = try StoreAccess.open(database.db, readOnly: true)
            let decisions = try store.decisions()
            switch format {
            case .json:
                try ReportOutput.write(
                    String(decoding: try CharterJSON.encoder(pretty: true).encode(decisions), as: UTF8.self) + "\n",
                    to: output)
            case .csv, .text:
                try ReportOutput.write(Self.csv(decisions), to: output)
            }
        }

        /// The trail as CSV (RFC 4180), one row per decision, oldest first.
        static func csv(_ decisions: [ReviewDecision]) -> String {
            var out =
                "id,reference,source,language,version,versionNumber,contentSHA256,previousVersion,previousContentSHA256,"
                + "reportSHA256,decision,finding,reviewer,osUser,comment,at,previousHash,hash\r\n"
            for d in decisions {
                let fields: [String] = [
                    String(d.id), d.reference, d.source, d.language, String(d.version), String(d.versionNumber),
                    d.contentSHA256,
                    d.previousVersion.map { String($0) } ?? "", d.previousContentSHA256 ?? "", d.reportSHA256,
                    d.decision.rawValue,
                    d.finding ?? "", d.reviewer, d.osUser, d.comment ?? "", d.at, d.previousHash, d.hash,
                ]
                out += fields.map(csv).joined(separator: ",") + "\r\n"
            }
            return out
        }

        static func csv(_ field: String) -> String {
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }

        func runDecision() throws {
            guard let reference, let parsed = StoreReference(reference), let decision, let by else { return }
            let store = try StoreAccess.open(database.db)
            let version = try parsed.storedVersion(from: store)
            guard let numbered = try store.versionNumber(of: version.id) else {
                throw CommandFailure("\(reference): the version left the store while it was read")
            }
            let previous = try numbered.previous.flatMap { try store.version(id: $0) }
            let language = reportLang ?? ReportLanguage.fromEnvironment()
            let reportHash: String
            if let report {
                guard let data = FileManager.default.contents(atPath: report) else {
                    throw CommandFailure("\(report): cannot be read")
                }
                reportHash = SHA256Digest.hex(of: data)
            } else {
                let text = Self.report(
                    old: previous, new: version, number: numbered.number,
                    previousNumber: try previous.flatMap { try store.versionNumber(of: $0.id)?.number },
                    language: language)
                reportHash = SHA256Digest.hex(of: Data(text.utf8))
            }
            if let finding, let parts = Self.findingParts(finding), let previous {
                let diff = CharterDiffer(reportLanguage: language).diff(previous.charter, version.charter)
                guard diff.findings.contains(where: { $0.rule == parts.rule && $0.cookie == parts.cookie }) else {
                    throw CommandFailure(
                        "\(reference) has no finding \(TerminalSafe.clean(finding)) (rule:cookie as the report shows them)"
                    )
                }
            }
            let recorded = try store.recordDecision(
                ReviewDecisionInput(
                    source: version.source, language: version.language, version: version.id,
                    versionNumber: numbered.number,
                    contentSHA256: version.charter.contentSHA256, previousVersion: previous?.id,
                    previousContentSHA256: previous?.charter.contentSHA256, reportSHA256: reportHash,
                    decision: ReviewDecisionKind(rawValue: decision.rawValue) ?? .approved, finding: finding,
                    reviewer: by,
                    osUser: Self.osUser(), comment: comment, at: Date()))
            StandardStreams.out(
                "recorded decision \(recorded.id): \(recorded.reference) \(recorded.decision.rawValue) by \(TerminalSafe.clean(recorded.reviewer)) "
                    + "(\(TerminalSafe.clean(recorded.osUser))); report sha256 \(recorded.reportSHA256); chain \(recorded.hash)\n"
            )
        }

        /// The HTML report of a stored pair, as the reviewer reads it: dated with the new
        /// version's first capture, so that the same pair always renders the same bytes.
        static func report(old: StoredVersion?, new: StoredVersion, number: Int, previousNumber: Int?, language: String)
            -> String
        {
            guard let old else { return CharterJSON.encode(new.charter) + "\n" }
            let differ = CharterDiffer(reportLanguage: language)
            var diff = differ.diff(old.charter, new.charter)
            diff.old.stored = StoredVersionReference(
                source: old.source.rawValue, language: old.language, number: previousNumber ?? 0, id: old.id.rawValue)
            diff.new.stored = StoredVersionReference(
                source: new.source.rawValue, language: new.language, number: number, id: new.id.rawValue)
            diff.old.fetchedAt = diff.old.fetchedAt ?? old.firstSeenAt
            diff.new.fetchedAt = diff.new.fetchedAt ?? new.firstSeenAt
            diff.report = ReportIdentity(charterVersion: CharterCommand.version, generatedAt: new.firstSeenAt)
            return DiffHTMLRenderer(strings: differ.strings).render(diff)
        }

        /// The operating-system user running the command.
        static func osUser() -> String {
            let environment = ProcessInfo.processInfo.environment
            return environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
        }
    }
}
