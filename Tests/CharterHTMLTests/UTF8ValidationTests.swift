import CharterHTML
import Testing

/// charter checks UTF-8 itself (without building a `String`); the standard library's
/// `String(validating:)` is the reference it must agree with, byte for byte.
struct UTF8ValidationTests {
    static func reference(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// Every sequence of up to three bytes around the boundaries of the encoding,
    /// after ASCII prefixes of every length the eight-byte scan can stop at.
    @Test func agreesOnEverySequenceAroundTheBoundaries() {
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        var disagreements: [[UInt8]] = []
        for prefix in 0...9 {
            let ascii = [UInt8](repeating: 0x61, count: prefix)
            for first in UInt8.min...UInt8.max {
                for tail in [[], [0x80], [0xBF]] as [[UInt8]] {
                    let bytes = ascii + [first] + tail
                    if CharsetSniffer.isValidUTF8(bytes) != Self.reference(bytes) { disagreements.append(bytes) }
                }
                guard prefix == 0 || prefix == 7, edges.contains(first) else { continue }
                for second in edges {
                    for third in edges {
                        for fourth in [nil, 0x80, 0xBF, 0xC0] as [UInt8?] {
                            let bytes = ascii + [first, second, third] + (fourth.map { [$0] } ?? []) + ascii
                            if CharsetSniffer.isValidUTF8(bytes) != Self.reference(bytes) { disagreements.append(bytes) }
                        }
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }

    @Test func agreesOnRandomText() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [Array("cookie ".utf8), Array("é".utf8), Array("€".utf8), Array("🍪".utf8), [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0x80], [0]]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                bytes += pieces.randomElement(using: &generator)!
            }
            #expect(CharsetSniffer.isValidUTF8(bytes) == Self.reference(bytes), "\(bytes)")
        }
    }
}
