internal import CharterStore

extension WatchTextRenderer {
    /// An entry as `render(_:)` writes it, or, when `quiet`, nothing
    /// for a check that found nothing new (unchanged, not modified): a quiet round's
    /// summary keeps its changes, its failures, the changes still awaiting review (so
    /// an unsigned change is not forgotten) and its closing lines.
    public static func render(_ entry: WatchSummary.Entry, quiet: Bool) -> String {
        if quiet, case .check(let check) = entry, check.outcome == .unchanged || check.outcome == .notModified,
            check.review?.status != .awaitingReview
        {
            return ""
        }
        return render(entry)
    }
}
