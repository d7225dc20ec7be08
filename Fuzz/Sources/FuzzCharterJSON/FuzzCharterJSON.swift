import CharterModel
import Foundation

/// Bytes as the canonical JSON `charter diff` accepts. What decodes must be written back
/// and read again to the same charter, and must be what Foundation's decoder reads from
/// the same bytes whenever that one accepts them too (charter's reader replaced it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCharterJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    guard let charter = try? CharterJSON.decode(bytes) else { return 0 }
    let written = CharterJSON.encode(charter)
    _ = charter.contentSHA256
    guard let again = try? CharterJSON.decode(Data(written.utf8)), again == charter else {
        fatalError("a decoded charter does not read back the same after it is written")
    }
    if let reference = try? CharterJSON.decoder().decode(Charter.self, from: bytes), reference != charter {
        fatalError("charter's reader and Foundation's decoder read different charters")
    }
    return 0
}
