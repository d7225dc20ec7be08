import CharterModel
import Foundation

/// Bytes as the canonical JSON `charter diff` accepts; what decodes is written back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCharterJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if let charter = try? CharterJSON.decode(bytes) {
        _ = CharterJSON.encode(charter)
        _ = charter.contentSHA256
    }
    return 0
}
