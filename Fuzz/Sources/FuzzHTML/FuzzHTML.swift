import CharterExtract
import CharterModel

/// Raw bytes as an HTML page in any charset: sniffing, parsing, blocks, tables.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? CharterExtractor().extract(ExtractionInput(bytes: bytes, name: "fuzz", format: .html))
    return 0
}
