import CharterModel
import CharterTranslation

/// Bytes as an XLIFF 2.0 file to import; what reads is applied to make a charter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLIFF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let file = try? XLIFFFormat.read(bytes) {
        _ = TranslationUnits.apply(file, input: "fuzz.xlf")
    }
    return 0
}
