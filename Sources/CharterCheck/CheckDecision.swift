public import CharterDiff
public import CharterModel
public import CharterStore

/// What one check of one page decided, before anything is written.
public enum CheckDecision: Sendable {
    /// No version: why (network, HTTP, empty, unreadable, no table, a language fallback).
    case failed(String)
    /// The server said 304 to the conditional request.
    case notModified
    /// The page reads as the latest version does (or as this extractor reads the
    /// latest version's page).
    case unchanged(Charter, findings: [CheckFinding])
    /// The series' first version.
    case first(Charter, findings: [CheckFinding])
    /// A new version, judged against the one before it.
    case changed(Charter, diff: VersionDiffResult, findings: [CheckFinding])

    public var outcome: CheckOutcome {
        switch self {
        case .failed: return .failed
        case .notModified: return .notModified
        case .unchanged: return .unchanged
        case .first: return .firstVersion
        case .changed: return .newVersion
        }
    }
}

/// Decides what a page read means for its series: a pure function of what was read and
/// what was stored, so that every rule about "changed?", fallbacks and findings lives in
/// one place and is tested without a server or a store.
public struct CheckJudge: Sendable {
    public let differ: CharterDiffer

    public init(differ: CharterDiffer) { self.differ = differ }

    /// - Parameters:
    ///   - baseline: the charter to compare a changed page with — the latest version as
    ///     stored, or as this extractor reads its page again; nil when there is no
    ///     version yet or the content is the same.
    ///   - contentSHA256: the read charter's hash, when the caller has it (hashing
    ///     encodes the whole charter).
    public func decide(
        _ read: PageRead.Result, target: CheckTarget, latest: SeriesState.Latest?, baseline: Charter?,
        contentSHA256: String? = nil
    ) -> CheckDecision {
        let charter: Charter
        switch read {
        case .failed(let reason): return .failed(reason)
        case .notModified: return .notModified
        case .read(let page): charter = page
        }
        if !target.language.isEmpty, let detected = charter.source.detectedLanguage ?? charter.source.servedLanguage,
            LanguageTag.primary(detected) != LanguageTag.primary(target.language)
        {
            return .failed("language fallback: asked for \(target.language), the page is in \(detected)")
        }
        guard charter.hasCookieTable else {
            return .failed(latest.map { "no cookie table (the previous version had \($0.cookies) cookies)" } ?? "no cookie table")
        }
        let observed = ObservedCookieCheck.checkFindings(charter, sent: target.cookiesSent).map(CheckFinding.init)
        guard let latest else { return .first(charter, findings: observed) }
        // Observed cookies are evidence of this visit: what is wrong is said each round.
        let unchanged = CheckDecision.unchanged(charter, findings: observed.filter { $0.level.isCritical })
        let hash = contentSHA256 ?? charter.contentSHA256
        guard latest.contentSHA256 != hash else { return unchanged }
        guard let baseline else { return .failed("the stored version could not be read to compare with") }
        // The stored page reads the same as today's by this extractor: only the extractor changed.
        guard baseline.contentSHA256 != hash else { return unchanged }
        let diff = differ.diff(baseline, charter)
        let judged = diff.findings.filter { !$0.audit }.map {
            CheckFinding(kind: .diff, rule: $0.rule, level: .init($0.verdict), cookie: $0.cookie, message: $0.message)
        }
        return .changed(charter, diff: diff, findings: observed + judged)
    }
}
