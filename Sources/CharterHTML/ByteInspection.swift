/// Cheap checks on raw bytes before they reach a parser.
enum ByteInspection {
    /// Binary data: NUL bytes or many control characters in the first 8 KiB, in an
    /// encoding where text never has them.
    static func looksBinary(_ bytes: [UInt8], charset: Charset) -> Bool {
        if charset.name.hasPrefix("UTF-16") || charset.name.hasPrefix("UTF-32") { return false }
        let sample = bytes.prefix(8192)
        var controls = 0
        for byte in sample {
            if byte == 0 { return true }
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C { controls += 1 }
        }
        return controls * 20 > sample.count
    }
}
