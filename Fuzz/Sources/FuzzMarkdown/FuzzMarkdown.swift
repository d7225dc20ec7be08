import CharterExtract
import CharterModel

/// Bytes as Markdown with pipe tables and raw HTML.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? CharterExtractor().extract(ExtractionInput(bytes: bytes, name: "fuzz.md", format: .markdown))
    return 0
}
