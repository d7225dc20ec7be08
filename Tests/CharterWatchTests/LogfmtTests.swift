@testable import CharterWatch
import CharterTestSupport
import Foundation
import Logging
import Testing

/// The log lines of issue 17 ("Logs"): one logfmt line per event, whatever the text a
/// server sent, read back by an independent parser.
struct LogfmtTests {
    static let instant = Date(timeIntervalSince1970: 1_796_594_462.123)  // 2026-12-06T22:01:02.123Z

    /// Hostile values, each with how logfmt must write it.
    static let values: [(String, String)] = [
        ("portal", "portal"),
        ("", "\"\""),
        ("two words", "\"two words\""),
        ("a=b", "\"a=b\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("C:\\path", "\"C:\\\\path\""),
        ("déclaré", "déclaré"),
        ("line\nts=2000-01-01T00:00:00.000Z level=fake", "\"line\\nts=2000-01-01T00:00:00.000Z level=fake\""),
        ("cr\rtab\t", "\"cr\\rtab\\t\""),
        ("\u{1B}[31mred", "\"\\u001b[31mred\""),
        ("nul\u{0}", "\"nul\\u0000\""),
        ("del\u{7F}c1\u{85}", "\"del\\u007fc1\\u0085\""),
        ("a\u{2028}b\u{2029}", "\"a\\u2028b\\u2029\""),
        ("\u{202E}txt.exe", "\"\\u202etxt.exe\""),
        ("zero\u{200B}width", "\"zero\\u200bwidth\""),
        ("no\u{A0}break", "\"no\u{A0}break\""),
        ("private\u{F0000}", "\"private\\U000f0000\""),
    ]

    @Test(arguments: values)
    func aValueIsBareOnlyWhenItCanBe(_ value: String, _ written: String) throws {
        #expect(Logfmt.value(value) == written)
        // What is written is one line, and reads back as the value.
        #expect(!written.contains("\n") && !written.contains("\r"))
        let line = "k=\(written)"
        #expect(try LogfmtReader.fields(line) == [LogfmtReader.Field(key: "k", value: value)])
    }

    @Test func theLineIsTimestampLevelMessageThenTheSourceAndLanguage() {
        let line = LogfmtLogHandler.line(
            level: .error, message: "fetch failed: timed out", metadata: ["lang": "fr", "source": "portal"],
            at: Self.instant,
            format: .logfmt)
        #expect(
            line == "ts=2026-12-06T22:01:02.123Z level=error msg=\"fetch failed: timed out\" source=portal lang=fr\n")
    }

    @Test func thePlainFormatIsForAPerson() {
        let line = LogfmtLogHandler.line(
            level: .warning, message: "the Atom feed: 2 characters\nreplaced", metadata: ["source": "portal"],
            at: Self.instant,
            format: .plain)
        #expect(line == "charter: warning: the Atom feed: 2 characters\\nreplaced source=portal\n")
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (-0.001, "1969-12-31T23:59:59.999Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"),
        (1_709_251_199.999, "2024-02-29T23:59:59.999Z"),
        (4_107_542_400, "2100-03-01T00:00:00.000Z"),
    ])
    func timestampsAreUTCWithMilliseconds(_ seconds: Double, _ expected: String) {
        #expect(Logfmt.timestamp(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func timestampsAgreeWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var generator = SeededGenerator(seed: 17)
        for _ in 0..<500 {
            let date = Date(
                timeIntervalSince1970: Double(
                    Int64.random(in: -2_000_000_000_000...7_000_000_000_000, using: &generator)) / 1000)
            #expect(Logfmt.timestamp(date) == formatter.string(from: date))
        }
    }

    /// A message and metadata written to forge a second event or a field: the line stays
    /// one event, with one level, and every value reads back as it was given.
    @Test func aHostileEventStaysOneLineWithOneLevel() throws {
        let lines = Lines()
        var logger = Logger(label: "test") { _ in LogfmtLogHandler(now: { Self.instant }, write: lines.add) }
        logger[metadataKey: "round"] = "7"
        let message = "fetch failed: boom\nts=2000-01-01T00:00:00.000Z level=info msg=\"forged\" source=other"
        logger.error(
            "\(message)",
            metadata: ["level": "fake", "msg": "x", "lang": "fr\" level=info", "source": "portal", "weird key=": "v"])
        let written = lines.all
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.hasSuffix("\n") && line.dropLast().allSatisfy { $0 != "\n" && $0 != "\r" })
        let fields = try LogfmtReader.fields(String(line.dropLast()))
        #expect(fields.map(\.key) == ["ts", "level", "msg", "source", "lang", "_level", "_msg", "round", "weird_key_"])
        #expect(fields.filter { $0.key == "level" }.map(\.value) == ["error"])
        #expect(fields.first { $0.key == "msg" }?.value == message)
        #expect(fields.first { $0.key == "lang" }?.value == "fr\" level=info")
        #expect(fields.first { $0.key == "source" }?.value == "portal")
    }

    @Test func theHandlerWritesOnlyFromItsLevelUp() {
        let lines = Lines()
        let logger = Logger(label: "test") { _ in
            LogfmtLogHandler(level: .warning, now: { Self.instant }, write: lines.add)
        }
        logger.info("i")
        logger.notice("n")
        logger.warning("w")
        logger.error("e")
        #expect(
            lines.all.map { $0.contains("level=warning") ? "w" : $0.contains("level=error") ? "e" : "?" } == ["w", "e"])
    }
}

/// The lines a handler wrote, for a test to read.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var all: [String] { lock.withLock { lines } }
    @Sendable func add(_ line: String) { lock.withLock { lines.append(line) } }
}

/// An independent logfmt reader, for the tests: `key=value` or `key="escaped value"`,
/// separated by single spaces; anything else is refused.
enum LogfmtReader {
    struct Field: Equatable, CustomStringConvertible {
        var key: String
        var value: String
        var description: String { "\(key)=\(value)" }
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func fields(_ line: String) throws -> [Field] {
        var fields: [Field] = []
        var scalars = Substring(line).unicodeScalars[...]
        while !scalars.isEmpty {
            guard let equals = scalars.firstIndex(of: "=") else { throw Malformed(description: "no = in \(line)") }
            let key = String(String.UnicodeScalarView(scalars[..<equals]))
            guard !key.isEmpty, !key.unicodeScalars.contains(where: { $0 == " " || $0 == "\"" }) else {
                throw Malformed(description: "bad key \(key)")
            }
            scalars = scalars[scalars.index(after: equals)...]
            var value = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars = scalars.dropFirst()
                var closed = false
                while let scalar = scalars.popFirst() {
                    if scalar == "\"" {
                        closed = true
                        break
                    }
                    guard scalar == "\\" else {
                        guard scalar.value >= 0x20, scalar != "\u{7F}" else {
                            throw Malformed(description: "raw control character")
                        }
                        value.append(scalar)
                        continue
                    }
                    guard let escape = scalars.popFirst() else { throw Malformed(description: "dangling backslash") }
                    switch escape {
                    case "\\": value.append("\\")
                    case "\"": value.append("\"")
                    case "n": value.append("\n")
                    case "r": value.append("\r")
                    case "t": value.append("\t")
                    case "u", "U":
                        let count = escape == "u" ? 4 : 8
                        let hex = String(String.UnicodeScalarView(scalars.prefix(count)))
                        scalars = scalars.dropFirst(count)
                        guard hex.count == count, let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code)
                        else {
                            throw Malformed(description: "bad escape \\\(escape)\(hex)")
                        }
                        value.append(decoded)
                    default: throw Malformed(description: "unknown escape \\\(escape)")
                    }
                }
                guard closed else { throw Malformed(description: "unclosed quote") }
            } else {
                while let scalar = scalars.first, scalar != " " {
                    guard scalar.value > 0x20, scalar != "\"", scalar != "=" else {
                        throw Malformed(description: "bad bare value")
                    }
                    value.append(scalar)
                    scalars = scalars.dropFirst()
                }
            }
            fields.append(Field(key: key, value: String(value)))
            if let separator = scalars.popFirst() {
                guard separator == " ", !scalars.isEmpty else { throw Malformed(description: "bad separator") }
            }
        }
        return fields
    }
}
