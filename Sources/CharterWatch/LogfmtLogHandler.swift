public import Foundation
public import Logging

/// A swift-log `LogHandler` that writes one line per event, in logfmt by default.
///
///     ts=2026-12-06T22:01:02.123Z level=error msg="fetch failed: timed out" source=portal lang=fr
///
/// Every value is escaped (``Logfmt``), so a message or a metadata value from a server
/// can neither start a second line nor add a field: journald and `grep` read each event
/// as one line. The handler never bootstraps the logging system: whoever needs a logger
/// makes one with `Logger(label:factory:)` and passes it on, so tests hand their own
/// `write` in.
public struct LogfmtLogHandler: LogHandler {
    /// How a line is laid out.
    public enum Format: String, Sendable, CaseIterable {
        /// `ts=… level=… msg="…" key=value…`, for journald, log shippers and grep.
        case logfmt
        /// `charter: level: message key=value…`, for a person at a terminal.
        case plain
    }

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public let format: Format
    let write: @Sendable (String) -> Void
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - write: Takes each line, newline included (stderr, or a test's buffer).
    ///   - now: The clock of the `ts` field; injected so lines are deterministic in tests.
    public init(
        format: Format = .logfmt, level: Logger.Level = .notice, metadataProvider: Logger.MetadataProvider? = nil,
        now: @escaping @Sendable () -> Date = { Date() }, write: @escaping @Sendable (String) -> Void
    ) {
        self.format = format
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.now = now
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        write(
            Self.line(
                level: event.level, message: event.message.description, metadata: merged, at: now(), format: format))
    }

    /// Keys that come first, in this order, when present; the others follow sorted.
    static let leadingKeys = ["source", "lang", "outcome", "verdict"]
    /// Fields the line itself writes: metadata under these names is renamed `_name`, so
    /// no value can pose as the event's level.
    static let reservedKeys: Set<String> = ["ts", "level", "msg"]

    /// One event as one line, ending with a newline.
    public static func line(
        level: Logger.Level, message: String, metadata: Logger.Metadata, at: Date, format: Format
    ) -> String {
        var fields: [String] = []
        let keys =
            leadingKeys.filter { metadata[$0] != nil } + metadata.keys.filter { !leadingKeys.contains($0) }.sorted()
        for key in keys {
            guard let value = metadata[key] else { continue }
            let name = reservedKeys.contains(key) ? "_" + key : key
            fields.append(Logfmt.key(name) + "=" + Logfmt.value(Self.text(value)))
        }
        switch format {
        case .logfmt:
            let head = "ts=\(Logfmt.timestamp(at)) level=\(level.rawValue) msg=\(Logfmt.quoted(message))"
            return ([head] + fields).joined(separator: " ") + "\n"
        case .plain:
            return (["charter: \(level.rawValue): \(Logfmt.escaped(message))"] + fields).joined(separator: " ") + "\n"
        }
    }

    static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map { text($0) }.joined(separator: ", ") + "]"
        case .dictionary(let entries):
            "[" + entries.keys.sorted().map { "\($0): \(entries[$0].map { text($0) } ?? "")" }.joined(separator: ", ")
                + "]"
        }
    }
}

/// The logfmt encoding of keys, values and timestamps.
///
/// A value is written bare when it is made only of visible characters other than `"`,
/// `=` and `\`; otherwise it is quoted, with `\\`, `\"`, `\n`, `\r` and `\t` escaped, and
/// every other control, format (bidirectional overrides, zero-width characters), line or
/// paragraph separator, private-use or unassigned character written `\uXXXX` (`\UXXXXXXXX`
/// past U+FFFF). So one event is one line, whatever a server sent.
public enum Logfmt {
    /// A key: letters, digits, `_`, `-`, `.` and `/`; anything else becomes `_`.
    public static func key(_ name: String) -> String {
        let cleaned = String(
            String.UnicodeScalarView(
                name.unicodeScalars.map { scalar -> Unicode.Scalar in
                    switch scalar {
                    case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".", "/": scalar
                    default: "_"
                    }
                }))
        return cleaned.isEmpty ? "_" : cleaned
    }

    /// A value, bare when it can be, quoted and escaped otherwise.
    public static func value(_ text: String) -> String {
        text.isEmpty || text.unicodeScalars.contains(where: needsQuotes) ? quoted(text) : text
    }

    /// A value, always quoted (the message).
    public static func quoted(_ text: String) -> String { "\"" + escaped(text) + "\"" }

    /// The text with quotes, backslashes and invisible characters escaped, unquoted.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isInvisible(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out +=
                        scalar.value > 0xFFFF
                        ? "\\U" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
                        : "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// RFC 3339 in UTC with milliseconds: `2026-12-06T22:01:02.123Z`.
    public static func timestamp(_ date: Date) -> String {
        // The nearest millisecond: `x.123` is stored as `x.12299…`, which must not read as `.122`.
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (days, dayMilliseconds) = floorDivision(milliseconds, 86_400_000)
        // Days since 1970-01-01 to a civil date (Howard Hinnant's days_from_civil, inverted).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let seconds = dayMilliseconds / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2))"
            + ":\(pad(seconds % 60, 2)).\(pad(dayMilliseconds % 1000, 3))Z"
    }

    static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    static func needsQuotes(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value <= 0x20 || scalar == "=" || scalar == "\"" || scalar == "\\" || isInvisible(scalar)
            || scalar.properties.generalCategory == .spaceSeparator
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate: true
        default: false
        }
    }
}
