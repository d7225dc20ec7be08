public import Foundation

/// Moments and durations as the store commands take them: `history --since`,
/// `store prune --older-than`.
package enum TimeArgument {
    /// A duration: a whole number followed by `h` (hours), `d` (days) or `w` (weeks),
    /// as in `24h`, `7d`, `2w`; nil for anything else.
    package static func duration(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let count = Int(text.dropLast()), count >= 0, text.first?.isNumber == true else { return nil }
        let seconds: TimeInterval
        switch unit {
        case "h": seconds = 3_600
        case "d": seconds = 86_400
        case "w": seconds = 7 * 86_400
        default: return nil
        }
        guard TimeInterval(count) < TimeInterval(Int32.max) else { return nil }
        return TimeInterval(count) * seconds
    }

    /// A moment: an ISO 8601 date (`2026-03-01`, midnight UTC), date and time
    /// (`2026-03-01T12:00:00Z`, or with an offset; UTC when it has none), or a duration
    /// back from `now` (`7d`).
    package static func moment(_ text: String, now: Date) -> Date? {
        if let duration = duration(text) { return now.addingTimeInterval(-duration) }
        let utc = TimeZone(identifier: "UTC")
        let formats: [ISO8601DateFormatter.Options] = [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
            [.withFullDate, .withTime, .withDashSeparatorInDate, .withColonSeparatorInTime],
        ]
        for options in formats {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            formatter.timeZone = utc
            if let date = formatter.date(from: text) { return date }
        }
        // A date alone, read back to refuse one that does not exist (2026-02-30).
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = utc
        if let date = formatter.date(from: text), formatter.string(from: date) == text { return date }
        return nil
    }
}
