import CharterCommands
import Foundation
import Testing

/// `history --since` and `store prune --older-than` (issue 17): dates, times and time ago.
struct TimeArgumentTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [
        ("24h", 86_400.0), ("7d", 7 * 86_400.0), ("2w", 14 * 86_400.0), ("0d", 0.0),
    ])
    func aDurationCountsBackFromNow(_ text: String, _ seconds: TimeInterval) {
        #expect(TimeArgument.duration(text) == seconds)
        #expect(TimeArgument.moment(text, now: Self.now) == Self.now.addingTimeInterval(-seconds))
    }

    @Test(arguments: [
        ("2026-03-01", "2026-03-01T00:00:00Z"),
        ("2026-03-01T12:30:00Z", "2026-03-01T12:30:00Z"),
        ("2026-03-01T12:30:00+02:00", "2026-03-01T10:30:00Z"),
        ("2026-03-01T12:30:00.250Z", "2026-03-01T12:30:00Z"),
        ("2026-03-01T12:30:00", "2026-03-01T12:30:00Z"),
    ])
    func aDateOrTimeIsReadInUTCUnlessItSaysOtherwise(_ text: String, _ expected: String) throws {
        let date = try #require(TimeArgument.moment(text, now: Self.now))
        let formatter = ISO8601DateFormatter()
        #expect(formatter.string(from: date) == expected)
    }

    @Test(arguments: [
        "", "7", "7x", "d", "-1d", "1.5d", "７d", "yesterday", "2026-02-30", "2026-13-01", "01/03/2026", "2026-03-01 12:00",
    ])
    func anythingElseIsRefused(_ text: String) {
        #expect(TimeArgument.moment(text, now: Self.now) == nil)
    }
}
