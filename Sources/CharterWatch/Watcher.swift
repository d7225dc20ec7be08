internal import CharterDiff
public import CharterExtract
public import CharterFetch
public import CharterStore
internal import CharterLocales
internal import CharterModel
internal import CharterRender
internal import CharterReport
public import Foundation

/// One watch round: every source in every language is fetched (conditionally),
/// extracted, compared with its latest version, judged, and recorded; then the
/// languages of each source are aligned. A failed check is recorded and reported, and
/// never stored as a version.
public final class Watcher: Sendable {
    let config: WatchConfig
    let store: CharterDatabase
    let extractor: CharterExtractor
    let fetcher: PageFetcher
    let differ: CharterDiffer
    let reports: URL?
    let now: @Sendable () -> Date
    /// Renders at once, across hosts: `render_concurrency`.
    let renderSlots: HostLimiter

    public init(
        config: WatchConfig, store: CharterDatabase, extractor: CharterExtractor = CharterExtractor(),
        fetcher: PageFetcher, reportLanguage: String = "en", reports: URL? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.config = config
        self.store = store
        self.extractor = extractor
        self.fetcher = fetcher
        self.differ = CharterDiffer(lexicons: extractor.lexicons, reportLanguage: reportLanguage)
        self.reports = reports
        self.now = now
        self.renderSlots = HostLimiter(limit: config.renderConcurrency)
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

    /// One round, each check handed to `entry` in configuration order as soon as it and
    /// every check before it are done, and each source's language alignment right after
    /// that source's checks. Checks run at most `window` ahead of the oldest unfinished
    /// one, so a round holds a bounded number of checks whatever the number of sources:
    /// memory does not grow with the configuration.
    public func round(
        progress: (@Sendable (String) -> Void)? = nil, entry: (WatchSummary.Entry) -> Void
    ) async -> WatchTally {
        var tally = WatchTally(startedAt: now())
        let jobs = config.sources.indices.flatMap { index in
            let source = config.sources[index]
            return (source.languages.isEmpty ? [""] : source.languages).map { (index, source, $0) }
        }
        let window = max(64, 4 * config.concurrency)
        let limiter = HostLimiter(limit: config.perHost)
        await withTaskGroup(of: (Int, WatchSummary.Check, CheckID?).self) { group in
            var next = 0, running = 0, handedOn = 0, done = 0
            var finished: [Int: (WatchSummary.Check, CheckID?)] = [:]
            var sourceChecks: [(WatchSummary.Check, CheckID?)] = []
            func startWhatFits() {
                while running < config.concurrency, next < jobs.count, next < handedOn + window {
                    let (_, source, language) = jobs[next]
                    let index = next
                    next += 1
                    running += 1
                    group.addTask {
                        let host = URL(string: source.url)?.host ?? source.url
                        await limiter.acquire(host)
                        let result = await self.check(source, language: language)
                        await limiter.release(host)
                        return (index, result.0, result.1)
                    }
                }
            }
            startWhatFits()
            while let (index, check, id) = await group.next() {
                running -= 1
                done += 1
                progress?("[\(done)/\(jobs.count)] \(check.source)@\(check.language): \(check.outcome.rawValue)")
                finished[index] = (check, id)
                while let ready = finished.removeValue(forKey: handedOn) {
                    let sourceIndex = jobs[handedOn].0
                    handedOn += 1
                    tally.count(ready.0)
                    entry(.check(ready.0))
                    sourceChecks.append(ready)
                    if handedOn == jobs.count || jobs[handedOn].0 != sourceIndex {
                        if let aligned = alignLanguages(config.sources[sourceIndex], sourceChecks) { entry(.locales(aligned)) }
                        sourceChecks.removeAll(keepingCapacity: true)
                    }
                }
                startWhatFits()
            }
        }
        tally.finishedAt = now()
        return tally
    }

    /// Fetch → extract → compare → judge → record, for one language of one source.
    func check(_ source: WatchConfig.Source, language: String) async -> (WatchSummary.Check, CheckID?) {
        let id = SourceID(source.id)
        let at = now()
        var summary = WatchSummary.Check(
            source: source.id, language: language, url: URLRedaction.redacted(source.url), outcome: .failed, reason: nil, verdict: nil, cookies: nil,
            findings: [], broken: false, report: nil)
        var input = CheckInput(source: id, url: source.url, language: language, at: at)
        let latest = try? store.latestVersionHeader(id, language: language)
        input.comparedWith = latest?.id

        var headers: [String: String] = [:]
        if latest != nil, let validators = try? store.validators(id, language: language) {
            if let etag = validators.etag { headers["If-None-Match"] = etag }
            if let modified = validators.lastModified { headers["If-Modified-Since"] = modified }
        }
        let request = FetchRequest(
            url: source.url, language: language.isEmpty ? nil : language, method: source.method, timeout: config.timeout,
            headers: headers)
        do {
            let page = source.isFile ? try FetchedPage.file(request) : try await fetcher.fetch(request)
            input.snapshot = SnapshotInput(
                url: page.finalURL, status: page.status, headers: page.headers, setCookieNames: page.setCookieNames,
                body: page.body, fetchedAt: page.fetchedAt)
            if page.status == 304 {
                input.notModified = true
                input.snapshot = nil
            } else {
                await judge(page, request: request, source: source, language: language, latest: latest, input: &input, summary: &summary)
            }
        } catch {
            input.failure = "fetch failed: \(error.description)"
        }

        let recorded: RecordedCheck
        do {
            recorded = try store.record(input)
        } catch {
            summary.outcome = .failed
            summary.reason = "not recorded: \(error.description)"
            return (summary, nil)
        }
        summary.outcome = recorded.outcome
        summary.reason = input.failure
        if recorded.outcome == .failed {
            summary.verdict = nil
            summary.findings = []
            let failures = (try? store.consecutiveFailures(id, language: language)) ?? 0
            summary.broken = failures >= config.brokenAfter
            if summary.broken { summary.reason = (summary.reason ?? "failed") + " (\(failures) failures in a row: broken)" }
        } else if recorded.outcome == .unchanged || recorded.outcome == .notModified {
            summary.verdict = nil
            summary.report = nil
            // Observed cookies are evidence of this visit: what is wrong is reported each round.
            summary.findings = summary.findings.filter { $0.kind == "observed" && $0.level != "info" }
        }
        return (summary, recorded.id)
    }

    /// Turns a fetched page into a version, or into the reason it is not one.
    func judge(
        _ page: FetchedPage, request: FetchRequest, source: WatchConfig.Source, language: String, latest: VersionHeader?,
        input: inout CheckInput, summary: inout WatchSummary.Check
    ) async {
        guard page.body.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            input.failure = "empty body"
            return
        }
        var charter: Charter
        let served = ExtractionInput(
            bytes: page.body, name: page.finalURL, url: page.finalURL, contentType: page.contentType,
            contentLanguage: page.contentLanguage, requestedLanguage: language.isEmpty ? nil : language,
            fetchedAt: page.fetchedAt, setCookieNames: page.setCookieNames, scope: source.scope)
        do {
            charter = try extractor.extract(served)
        } catch {
            input.failure = "unreadable page: \(error.description)"
            return
        }
        let reader = RenderingExtractor(extractor: extractor, mode: source.render, renderer: PageRenderer(browser: config.browser))
        if let reason = reader.reasonToRender(served, charter) {
            await renderSlots.acquire("browser")
            let rendered: (charter: Charter, page: RenderedPage)?
            do {
                rendered = try await reader.render(request, staticInput: served, reason: reason)
            } catch {
                rendered = nil
                input.failure = "render failed: \((error as? RenderError)?.description ?? String(describing: error))"
            }
            await renderSlots.release("browser")
            guard let rendered else { return }
            charter = rendered.charter
            // What was extracted is what is kept: the DOM, and the cookies of this visit.
            input.snapshot?.body = rendered.page.html
            input.snapshot?.rendered = true
            input.snapshot?.observed = rendered.page.observed
        }
        summary.cookies = charter.cookies.count
        if !language.isEmpty, let detected = charter.source.detectedLanguage ?? charter.source.servedLanguage,
            LanguageTag.primary(detected) != LanguageTag.primary(language)
        {
            input.failure = "language fallback: asked for \(language), the page is in \(detected)"
            return
        }
        guard charter.hasCookieTable else {
            input.failure = latest.map { "no cookie table (the previous version had \($0.cookies) cookies)" }
                ?? "no cookie table"
            return
        }
        input.charter = charter
        // A rendered page's cookies include those of Set-Cookie: its check covers both.
        summary.findings = charter.observed == nil
            ? observed(charter)
            : ObservedCookieCheck.findings(charter).map {
                StoredFinding(kind: "observed", rule: $0.kind.rawValue, level: $0.level.rawValue, cookie: $0.cookie, message: $0.message)
            }
        guard let latest, latest.contentSHA256 != charter.contentSHA256 else {
            if latest == nil { summary.findings += notObserved(charter, sent: Self.cookiesSent(source, language)) }
            input.findings = summary.findings
            return
        }
        summary.findings += notObserved(charter, sent: Self.cookiesSent(source, language))
        guard var previous = try? store.latestVersion(SourceID(source.id), language: language), previous.id == latest.id else {
            input.failure = "the stored version changed during the check; run watch again"
            return
        }
        // The stored version may have been read by an older extractor: read its page again
        // with this one, so that a better reading of an unchanged page is never reported
        // as a change of the site. A different reading is kept as an extractor version.
        if let upgraded = reread(previous) {
            previous = upgraded
            input.comparedWith = upgraded.id
            if upgraded.charter.contentSHA256 == charter.contentSHA256 {
                input.findings = summary.findings
                return
            }
        }
        let diff = differ.diff(previous.charter, charter)
        summary.verdict = diff.verdict
        input.verdict = diff.verdict.rawValue
        summary.findings += diff.findings.filter { !$0.audit }.map {
            StoredFinding(kind: "diff", rule: $0.rule, level: $0.verdict.rawValue, cookie: $0.cookie, message: $0.message)
        }
        input.findings = summary.findings
        if let reports {
            let file = reports.appendingPathComponent("\(source.id)-\(language.isEmpty ? "page" : language)-\(Int(input.at.timeIntervalSince1970)).html")
            let html = DiffHTMLRenderer(strings: differ.strings).render(diff)
            if (try? FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)) != nil,
                (try? Data(html.utf8).write(to: file, options: .atomic)) != nil
            {
                summary.report = file.path
            }
        }
    }

    /// The stored version as this extractor reads its page, recorded as an extractor
    /// version (never a change of the page); nil when the reading is the same or the page
    /// cannot be read again (the stored version is then compared as it is).
    func reread(_ stored: StoredVersion) -> StoredVersion? {
        guard let snapshot = try? store.snapshot(of: stored.id), let charter = try? extractor.reextract(snapshot),
            charter.hasCookieTable, charter.contentSHA256 != stored.charter.contentSHA256,
            let id = try? store.recordReextraction(snapshot, charter: charter, at: Date())
        else { return nil }
        var upgraded = stored
        upgraded.id = id
        upgraded.charter = charter
        upgraded.cause = "extractor"
        return upgraded
    }

    /// Cookies the server set while the page was fetched that the charter does not
    /// declare (wildcards such as `_ga_*` match).
    func observed(_ charter: Charter) -> [StoredFinding] {
        let declared = charter.cookies.map(\.name)
        return charter.source.setCookieNames.filter { name in
            !declared.contains { CookieNamePattern.matches(name, pattern: $0) }
        }.map {
            StoredFinding(
                kind: "observed", rule: "undeclared-cookie", level: "inform", cookie: $0,
                message: "the server set \($0) while the page was fetched, and the charter does not declare it")
        }
    }

    /// The cookies the fetch itself sends: the language cookie, with the cookie method.
    static func cookiesSent(_ source: WatchConfig.Source, _ language: String) -> [String] {
        source.method == .cookie && !language.isEmpty ? ["django_language"] : []
    }

    /// Declared cookies the server did not set while the page was fetched: information
    /// only (scripts set most cookies), reported with each new version.
    func notObserved(_ charter: Charter, sent: [String]) -> [StoredFinding] {
        // A rendered page has its own, per cookie (ObservedCookieCheck).
        guard charter.observed == nil else { return [] }
        // A cookie charter sent itself (django_language) is never set back by the server.
        let seen = charter.source.setCookieNames + sent
        let missing = charter.cookies.map(\.name).filter { name in !seen.contains { CookieNamePattern.matches($0, pattern: name) } }
        guard !missing.isEmpty else { return [] }
        let shown = missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
        return [StoredFinding(
            kind: "observed", rule: "declared-not-observed", level: "info", cookie: nil,
            message: "\(missing.count) of \(charter.cookies.count) declared cookies were not set by the server while fetching (scripts may set them): \(shown)")]
    }

    /// The languages of a source with a new version this round, aligned on their latest
    /// versions; `stale` from the version each language had before. The others were
    /// aligned when they last changed, and their findings are in the store.
    func alignLanguages(_ source: WatchConfig.Source, _ checks: [(WatchSummary.Check, CheckID?)]) -> WatchSummary.Locales? {
        guard source.languages.count > 1,
            checks.contains(where: { $0.0.outcome == .newVersion || $0.0.outcome == .firstVersion })
        else { return nil }
        let id = SourceID(source.id)
        var variants: [LocaleVariant] = []
        var previous: [String: Charter] = [:]
        for language in source.languages {
            guard let latest = try? store.latestVersion(id, language: language) else { continue }
            variants.append(LocaleVariant(requested: language, charter: latest.charter))
            previous[language] = (try? store.version(id, language: language, back: 1))?.charter ?? latest.charter
        }
        guard variants.count > 1 else { return nil }
        let report = LocaleAlign(lexicons: extractor.lexicons).align(variants, source: source.languages.first, previous: previous)
        let sourceCheck = checks.first { $0.0.language == source.languages.first }?.1
        if let sourceCheck, !report.findings.isEmpty {
            try? store.addFindings(report.findings.map {
                StoredFinding(kind: "locale", rule: $0.kind.rawValue, level: $0.severity.rawValue, cookie: $0.cookie, message: "\($0.language): \($0.message)")
            }, to: sourceCheck)
        }
        return WatchSummary.Locales(source: source.id, report: report)
    }
}
