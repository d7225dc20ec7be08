import CharterWatch

/// Bytes as a `charter.yml` watch configuration.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWatchConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? WatchConfig.load(text)
    return 0
}
