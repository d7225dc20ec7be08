import CharterReport
import Testing

/// What the renderer fuzzer found (Scripts/fuzz.sh renderers): a left-to-right mark in a
/// cookie's text reached the terminal. Direction marks, like overrides and isolates,
/// never do now.
struct TerminalSafeTests {
    @Test(arguments: [0x200E, 0x200F, 0x061C, 0x202E, 0x2067, 0x1B, 0x9B])
    func noDirectionOrControlCharacterReachesATerminal(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let cleaned = TerminalSafe.clean("b>\u{FFFD}B" + String(scalar) + "x")
        #expect(!cleaned.unicodeScalars.contains(scalar))
    }
}
