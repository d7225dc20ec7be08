internal import CharterExtract
public import CharterDiff
public import CharterModel
public import CharterStore
internal import CharterReport
public import Foundation

/// One page → one result: read the series once, read the page, decide once, write once.
/// `charter watch` schedules it over its sources; everything a check knows travels as
/// values (`PendingCheck`, `CheckResult`) from the read to the write.
public struct CheckPipeline: Sendable {
    public let store: any CheckStore
    public let reader: PageReader
    public let judge: CheckJudge
    public let reports: ReportFolder?
    let now: @Sendable () -> Date

    public init(
        store: any CheckStore, reader: PageReader, judge: CheckJudge, reports: ReportFolder?,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.reader = reader
        self.judge = judge
        self.reports = reports
        self.now = now
    }

    /// Reads and decides one page; writes nothing.
    public func check(_ target: CheckTarget) async -> PendingCheck {
        let at = now()
        let state: SeriesState
        do {
            state = try store.state(of: target.source, language: target.language)
        } catch {
            return PendingCheck(target: target, at: at, state: SeriesState(), decision: .failed("the store cannot be read: \(error.description)"))
        }
        // Validators only with a version to fall back on: a 304 with nothing stored
        // would leave the series empty.
        let read = await reader.read(
            target, etag: state.latest == nil ? nil : state.etag, lastModified: state.latest == nil ? nil : state.lastModified)
        var pending = PendingCheck(target: target, at: at, state: state, decision: .notModified, snapshot: read.snapshot)
        var baseline: Charter?
        // Hashed once: every later step compares this value.
        if case .read(let charter) = read.result { pending.contentSHA256 = charter.contentSHA256 }
        if let latest = state.latest, let hash = pending.contentSHA256, latest.contentSHA256 != hash {
            // Undecodable, the judge fails the check rather than guess.
            baseline = try? latest.charter()
            // Read by another revision of the extractor: its page is read again, so an
            // upgrade is never reported as a change of the site.
            if latest.extractor != reader.extractor.revision {
                do {
                    if let stored = try store.snapshot(of: latest.id) {
                        let again = try reader.reread(stored, scope: target.scope)
                        if again.hasCookieTable, again.contentSHA256 != latest.contentSHA256 {
                            pending.reread = again
                            baseline = again
                        }
                    }
                } catch {
                    // Compared with the stored reading: the report may then include the
                    // extractor's own difference — said, never hidden.
                    pending.warnings.append("the stored page could not be read again by this extractor (\(error)); compared with the stored reading")
                }
            }
        }
        pending.baseline = baseline
        pending.decision = judge.decide(
            read.result, target: target, latest: state.latest, baseline: baseline, contentSHA256: pending.contentSHA256)
        pending.review = Self.review(after: pending.decision, state: state, reread: pending.reread != nil)
        if case .changed(_, var diff, _) = pending.decision, reports != nil {
            // The report says what made it, and when (the check's own clock).
            diff.report = ReportIdentity(charterVersion: ReportIdentity.charterRelease, generatedAt: at)
            (diff.old.stored, diff.new.stored) = Self.references(target, state: state, reread: pending.reread != nil)
            pending.reportHTML = DiffHTMLRenderer(strings: judge.differ.strings).render(diff)
        }
        return pending
    }

    /// The stored versions a change's report compares, from the state read before the check.
    ///
    /// The old side is the latest version (number, row id, its decision on record), or,
    /// when this extractor reads the stored page differently, the extractor version the
    /// commit stores first with the next number. The new side is the number the commit
    /// gives the page's version after it: its row id does not exist before the commit, so
    /// it is nil and the report names `SOURCE@LANG#N` alone. The numbers hold because the
    /// store refuses the commit (`busy`) when the series' latest version is not the one this
    /// check read (`comparedWith`), and a refused commit puts no report in place.
    static func references(
        _ target: CheckTarget, state: SeriesState, reread: Bool
    ) -> (old: StoredVersionReference?, new: StoredVersionReference?) {
        guard let latest = state.latest else { return (nil, nil) }
        let source = target.source.rawValue, language = target.language
        let old: StoredVersionReference
        if reread {
            old = StoredVersionReference(source: source, language: language, number: state.nextNumber, id: nil)
        } else {
            old = StoredVersionReference(
                source: source, language: language, number: latest.number, id: latest.id.rawValue,
                decision: latest.decision.flatMap { decided in
                    decided.decision.map {
                        RecordedDecision(decision: $0.rawValue, reviewer: decided.reviewer ?? "", at: decided.at ?? "")
                    }
                })
        }
        let new = StoredVersionReference(
            source: source, language: language, number: state.nextNumber + (reread ? 1 : 0), id: nil)
        return (old, new)
    }

    /// Where the series stands with its reviewers once the check is recorded, by the rule of
    /// `ReviewState`, from the state read before it: a change that needs sign-off (a
    /// re-consent verdict, or a finding a person must review) awaits review, unless an older
    /// change already does (it still does); any other change of the page leaves no decided
    /// version as the latest. Whatever stores no page change keeps the state as read.
    static func review(after decision: CheckDecision, state: SeriesState, reread: Bool) -> ReviewState? {
        switch decision {
        case .changed(_, let diff, _):
            if let before = state.review, before.status == .awaitingReview { return before }
            guard diff.verdict == .reconsent || diff.needsReview else { return nil }
            return .awaiting(since: state.nextNumber + (reread ? 1 : 0))
        case .first:
            // A series' first version is no change to sign off.
            return nil
        case .failed, .notModified, .unchanged:
            return state.review
        }
    }

    /// Writes the checks of one source — every language, and the alignment of its
    /// languages when one changed — in one transaction; then names their reports.
    /// - Parameter languages: the source's languages, the source language first.
    public func commit(_ checks: [PendingCheck], languages: [String]) -> SourceResult {
        let alignment = align(checks, languages: languages)
        var staged: [URL?] = []
        var inputs: [CheckInput] = []
        for pending in checks {
            var input = pending.input(extractor: reader.extractor.revision)
            if let html = pending.reportHTML, let reports {
                let name = ReportFolder.name(source: pending.target.source.rawValue, language: pending.target.language, at: pending.at)
                let file = reports.stage(html, name: name)
                staged.append(file)
                input.report = file == nil ? nil : name
            } else {
                staged.append(nil)
            }
            if let alignment, pending.target.language == languages.first {
                input.findings += alignment.findings.map {
                    CheckFinding(
                        kind: .locale, rule: $0.kind.rawValue, level: CheckFinding.Level(rawValue: $0.severity.rawValue) ?? .critical,
                        cookie: $0.cookie, message: "\($0.language): \($0.message)")
                }
                input.aligned = true
            }
            inputs.append(input)
        }
        let recorded: [RecordedCheck]?
        var failure: String?
        do {
            recorded = try store.record(inputs)
        } catch {
            recorded = nil
            failure = "not recorded: \(error.description)"
        }
        var results: [CheckResult] = []
        for (index, pending) in checks.enumerated() {
            var result = CheckResult(pending: pending, recorded: recorded?[index], failure: failure)
            if let file = staged[index], let reports, let name = inputs[index].report {
                if reports.settle(file, name: name, recorded: recorded != nil), recorded != nil {
                    result.report = reports.path(of: name)
                } else if recorded != nil {
                    result.warnings.append("the report \(name) could not be put in place")
                }
            } else if pending.reportHTML != nil, reports != nil, recorded != nil {
                result.warnings.append("the report could not be written to \(reports!.url.path)")
            }
            results.append(result)
        }
        return SourceResult(checks: results, languages: alignment)
    }

    /// The languages of a source aligned on what each says after this round, when one of
    /// them has a new version: all in memory, from the round's reading and the series'
    /// state; `stale` from what each said before the round.
    func align(_ checks: [PendingCheck], languages: [String]) -> LocaleReport? {
        guard languages.count > 1, checks.contains(where: { $0.decision.outcome == .newVersion || $0.decision.outcome == .firstVersion })
        else { return nil }
        var variants: [LocaleVariant] = []
        var previous: [String: Charter] = [:]
        for language in languages {
            guard let pending = checks.first(where: { $0.target.language == language }), let current = pending.current else { continue }
            variants.append(LocaleVariant(requested: language, charter: current))
            previous[language] = pending.baseline ?? current
        }
        guard variants.count > 1 else { return nil }
        return LocaleAlign(lexicons: reader.extractor.lexicons).align(variants, source: languages.first, previous: previous)
    }
}

/// A check read and decided, not yet written.
public struct PendingCheck: Sendable {
    public var target: CheckTarget
    public var at: Date
    /// The series before the check.
    public var state: SeriesState
    public var decision: CheckDecision
    public var snapshot: SnapshotInput?
    /// The stored version's page as this extractor reads it, when that differs.
    public var reread: Charter?
    /// What a changed page was compared with.
    public var baseline: Charter?
    /// The HTML report of a change, written only once the check is recorded.
    var reportHTML: String?
    /// What went wrong around the check without failing it.
    public var warnings: [String] = []
    /// The content hash of the page's charter, computed once.
    var contentSHA256: String?
    /// Where the series stands with its reviewers once this check is recorded.
    public var review: ReviewState?

    init(target: CheckTarget, at: Date, state: SeriesState, decision: CheckDecision, snapshot: SnapshotInput? = nil) {
        self.target = target
        self.at = at
        self.state = state
        self.decision = decision
        self.snapshot = snapshot
    }

    /// What the language says after this check: the new version, else the stored one.
    var current: Charter? {
        switch decision {
        case .first(let charter, _), .changed(let charter, _, _): return charter
        // The same content as the stored version, read today: no decoding needed.
        case .unchanged(let charter, _): return charter
        default: return try? state.latest?.charter()
        }
    }

    func input(extractor: String) -> CheckInput {
        var input = CheckInput(
            source: target.source, url: target.url, language: target.language, at: at, snapshot: snapshot,
            comparedWith: state.latest?.id, extractor: extractor, reread: reread)
        input.scope = target.scope
        input.contentSHA256 = contentSHA256
        switch decision {
        case .failed(let reason):
            input.failure = reason
        case .notModified:
            input.notModified = true
            input.snapshot = nil
        case .unchanged(let charter, _):
            // The store sees the same content and only marks the version seen again;
            // what the visit found is said in the round's summary, not stored each round.
            input.charter = charter
        case .first(let charter, let findings):
            input.charter = charter
            input.findings = findings
        case .changed(let charter, let diff, let findings):
            input.charter = charter
            input.verdict = diff.verdict
            input.needsReview = diff.needsReview
            input.findings = findings
        }
        return input
    }
}

/// What one check ended as, once written.
public struct CheckResult: Sendable {
    public var target: CheckTarget
    public var decision: CheckDecision
    /// nil when the store refused the check (`failure` says why).
    public var recorded: RecordedCheck?
    public var failure: String?
    /// The report of a change, as a path.
    public var report: String?
    /// Failed checks in a row, this one included.
    public var failuresInARow: Int
    /// The check succeeded after failed ones.
    public var recovered: Bool
    /// Critical findings of the latest alignment of the source's languages, still open.
    public var openLocaleFindings: [CheckFinding]
    /// What did not go as it should but did not fail the check.
    public var warnings: [String] = []
    /// Where the series stands with its reviewers after this check (as before it when the
    /// store refused the check).
    public var review: ReviewState?

    init(pending: PendingCheck, recorded: RecordedCheck?, failure: String?) {
        target = pending.target
        decision = pending.decision
        self.recorded = recorded
        self.failure = failure
        let failed = recorded == nil || recorded?.outcome == .failed
        failuresInARow = failed ? pending.state.failuresInARow + 1 : 0
        recovered = !failed && pending.state.failuresInARow > 0
        openLocaleFindings = pending.state.openLocaleFindings
        warnings = pending.warnings
        review = recorded == nil ? pending.state.review : pending.review
    }

    /// The outcome as recorded (failed when the store refused it).
    public var outcome: CheckOutcome { recorded?.outcome ?? .failed }
}

/// A source's checks, and the alignment of its languages when it ran.
public struct SourceResult: Sendable {
    public var checks: [CheckResult]
    public var languages: LocaleReport?
}
