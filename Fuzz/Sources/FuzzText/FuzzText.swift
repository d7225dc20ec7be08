import CharterExtract
import CharterModel

/// Bytes as a tab-separated text charter, as the seed is written.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? CharterExtractor().extract(ExtractionInput(bytes: bytes, name: "fuzz.txt", format: .text))
    return 0
}
