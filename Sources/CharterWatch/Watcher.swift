internal import CharterCheck
internal import CharterDiff
public import CharterExtract
public import CharterFetch
public import CharterStore
internal import CharterLocales
internal import CharterModel
public import Foundation

/// One watch round: a scheduler over the check pipeline. Every source in every language
/// is read and decided (at most `concurrency` at once, `per_host` per host); each
/// source's checks, with the alignment of its languages, are written in one transaction
/// as soon as all of them are decided. A failed check is recorded and reported, and
/// never stored as a version.
public final class Watcher: Sendable {
    let config: WatchConfig
    let pipeline: CheckPipeline
    let now: @Sendable () -> Date

    public convenience init(
        config: WatchConfig, store: CharterDatabase, extractor: CharterExtractor = CharterExtractor(),
        fetcher: PageFetcher, reportLanguage: String = "en", reports: URL? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.init(
            config: config, checkStore: store, extractor: extractor, fetcher: fetcher, reportLanguage: reportLanguage,
            reports: reports, now: now)
    }

    /// - Parameter checkStore: any store the pipeline can read and write (SQLite by default).
    public init(
        config: WatchConfig, checkStore: any CheckStore, extractor: CharterExtractor = CharterExtractor(),
        fetcher: PageFetcher, reportLanguage: String = "en", reports: URL? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.config = config
        self.now = now
        let reader = PageReader(
            extractor: extractor, fetcher: fetcher, browser: config.browser, renderConcurrency: config.renderConcurrency)
        let judge = CheckJudge(differ: CharterDiffer(lexicons: extractor.lexicons, reportLanguage: reportLanguage))
        pipeline = CheckPipeline(store: checkStore, reader: reader, judge: judge, reports: reports.map(ReportFolder.init), now: now)
    }

    /// One round, collected whole: for tests and library callers with few sources.
    public func round(progress: (@Sendable (String) -> Void)? = nil) async -> WatchSummary {
        var checks: [WatchSummary.Check] = []
        var locales: [WatchSummary.Locales] = []
        let tally = await round(progress: progress) { entry in
            switch entry {
            case .check(let check): checks.append(check)
            case .locales(let aligned): locales.append(aligned)
            }
        }
        return WatchSummary(startedAt: tally.startedAt, finishedAt: tally.finishedAt, checks: checks, locales: locales)
    }

    /// One round, each source's checks handed to `entry` in configuration order as soon
    /// as they and every source before them are written, followed by the alignment of
    /// the source's languages. Checks run at most `window` ahead of the oldest unfinished
    /// one, so a round holds a bounded number of checks whatever the number of sources:
    /// memory does not grow with the configuration.
    public func round(
        progress: (@Sendable (String) -> Void)? = nil, entry: (WatchSummary.Entry) -> Void
    ) async -> WatchTally {
        var tally = WatchTally(startedAt: now())
        let roundStart = now()
        let jobs = config.sources.indices.flatMap { index in
            let source = config.sources[index]
            return (source.languages.isEmpty ? [""] : source.languages).map { (index, source, $0) }
        }
        let window = max(64, 4 * config.concurrency)
        let limiter = HostLimiter(limit: config.perHost)
        await withTaskGroup(of: (Int, PendingCheck).self) { group in
            var next = 0, running = 0, handedOn = 0, done = 0
            var finished: [Int: PendingCheck] = [:]
            var sourceChecks: [PendingCheck] = []
            func startWhatFits() {
                while running < config.concurrency, next < jobs.count, next < handedOn + window {
                    let (_, source, language) = jobs[next]
                    let index = next
                    next += 1
                    running += 1
                    group.addTask {
                        let host = URL(string: source.url)?.host ?? source.url
                        await limiter.acquire(host)
                        let pending = await self.pipeline.check(self.target(source, language))
                        await limiter.release(host)
                        return (index, pending)
                    }
                }
            }
            startWhatFits()
            while let (index, pending) = await group.next() {
                running -= 1
                done += 1
                progress?("[\(done)/\(jobs.count)] \(pending.target.source)@\(pending.target.language): \(pending.decision.outcome.rawValue)")
                finished[index] = pending
                while let ready = finished.removeValue(forKey: handedOn) {
                    let sourceIndex = jobs[handedOn].0
                    handedOn += 1
                    sourceChecks.append(ready)
                    guard handedOn == jobs.count || jobs[handedOn].0 != sourceIndex else { continue }
                    let source = config.sources[sourceIndex]
                    let written = pipeline.commit(sourceChecks, languages: source.languages)
                    sourceChecks.removeAll(keepingCapacity: true)
                    for result in written.checks {
                        let check = summary(result, source: source, roundStart: roundStart, aligned: written.languages != nil)
                        tally.count(check)
                        entry(.check(check))
                    }
                    if let aligned = written.languages { entry(.locales(WatchSummary.Locales(source: source.id, report: aligned))) }
                }
                startWhatFits()
            }
        }
        tally.finishedAt = now()
        return tally
    }

    func target(_ source: WatchConfig.Source, _ language: String) -> CheckTarget {
        CheckTarget(
            source: SourceID(source.id), url: source.url, language: language, method: source.method, scope: source.scope,
            render: source.render, timeout: config.timeout)
    }

    /// What the round says of a written check.
    /// - Parameter aligned: the source's languages were aligned this round (their
    ///   findings are the round's own).
    func summary(_ result: CheckResult, source: WatchConfig.Source, roundStart: Date, aligned: Bool) -> WatchSummary.Check {
        var check = WatchSummary.Check(
            source: source.id, language: result.target.language, url: URLRedaction.redacted(source.url), outcome: result.outcome,
            reason: nil, verdict: nil, cookies: nil, findings: [], broken: false, report: result.report)
        check.muted = source.isMuted(at: roundStart)
        check.recovered = result.recovered
        check.warnings = result.warnings
        check.review = result.review
        switch result.decision {
        case .failed(let reason): check.reason = reason
        case .notModified: break
        case .unchanged(let charter, let findings):
            check.cookies = charter.cookies.count
            check.findings = findings
        case .first(let charter, let findings):
            check.cookies = charter.cookies.count
            check.findings = findings
        case .changed(let charter, let diff, let findings):
            check.cookies = charter.cookies.count
            check.verdict = diff.verdict
            check.findings = findings
        }
        if let failure = result.failure {
            check.reason = failure
            check.verdict = nil
            check.findings = []
            check.report = nil
        }
        if check.outcome == .failed {
            check.verdict = nil
            check.findings = []
            check.broken = result.failuresInARow >= config.brokenAfter
            if check.broken { check.reason = (check.reason ?? "failed") + " (\(result.failuresInARow) failures in a row: broken)" }
        }
        // A language finding that needs a person is said every round until an alignment
        // no longer finds it, not only in the round of the change.
        if !aligned, result.target.language == source.languages.first {
            check.findings += result.openLocaleFindings
        }
        return check
    }
}
