import CharterModel
import CharterTranslation

/// Bytes as a gettext PO file to import; what reads is applied to make a charter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPO(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let file = try? POFormat.read(bytes) {
        _ = TranslationUnits.apply(file, input: "fuzz.po")
    }
    return 0
}
