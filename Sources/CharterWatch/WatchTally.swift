public import CharterModel
internal import CharterDiff
internal import CharterStore
public import Foundation

/// What a round's exit code and closing line need, counted check by check: all a round
/// keeps of its checks once they are handed on, whatever the number of sources.
public struct WatchTally: Sendable {
    public var startedAt: Date
    public var finishedAt: Date
    public private(set) var checks = 0
    public private(set) var changed = 0
    public private(set) var failed = 0
    /// Failed checks of muted sources: not in `failed`, no exit code 2, no alert.
    public private(set) var mutedFailures = 0
    /// `source@language` of the checks that succeeded after failed ones.
    public private(set) var recovered: [String] = []
    /// Checks that stored a source's first version (not counted as changes).
    public private(set) var firstVersions = 0
    /// Checks by outcome (`first-version`, `new-version`, `unchanged`, `not-modified`, `failed`).
    public private(set) var outcomes: [String: Int] = [:]
    public private(set) var reconsent = false
    /// The strongest verdict of the round's checks.
    public private(set) var verdict: Verdict = .none
    /// `source@language` of the checks that reached `broken_after` failures in a row.
    public private(set) var broken: [String] = []

    public init(startedAt: Date, finishedAt: Date? = nil) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt ?? startedAt
    }

    public init(_ summary: WatchSummary) {
        self.init(startedAt: summary.startedAt, finishedAt: summary.finishedAt)
        for check in summary.checks { count(check) }
    }

    public mutating func count(_ check: WatchSummary.Check) {
        checks += 1
        outcomes[check.outcome.rawValue, default: 0] += 1
        if check.outcome == .newVersion { changed += 1 }
        // A muted source's failures are counted apart: known, and no alarm.
        if check.outcome == .failed { if check.muted { mutedFailures += 1 } else { failed += 1 } }
        if check.recovered { recovered.append(Self.label(check)) }
        if check.outcome == .firstVersion { firstVersions += 1 }
        if check.verdict == .reconsent { reconsent = true }
        if let judged = check.verdict, judged > verdict { verdict = judged }
        if check.broken, !check.muted { broken.append(Self.label(check)) }
    }

    /// `source@language`, `source@-` for a source without languages.
    static func label(_ check: WatchSummary.Check) -> String { "\(check.source)@\(check.language.isEmpty ? "-" : check.language)" }

    /// 3 if any re-consent, else 2 if any failed check, else 1 if any change, else 0.
    public var exitCode: Int32 {
        reconsent ? 3 : failed > 0 ? 2 : changed > 0 ? 1 : 0
    }
}
