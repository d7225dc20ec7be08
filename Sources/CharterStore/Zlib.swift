internal import CZlib
internal import Foundation

/// zlib compression of raw snapshots: pages are kept whole for re-extraction, and
/// HTML compresses five to ten times.
enum Zlib {
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(bytes.count), 6)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed with \(status) on a buffer sized by compressBound")
        return Array(output.prefix(Int(length)))
    }

    static func decompress(_ bytes: [UInt8], expectedSize: Int) throws(StoreError) -> [UInt8] {
        guard expectedSize >= 0, expectedSize <= 512 * 1024 * 1024 else { throw .corrupt("snapshot size \(expectedSize)") }
        var length = uLong(expectedSize)
        var output = [UInt8](repeating: 0, count: max(1, expectedSize))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &length, input.baseAddress, uLong(bytes.count))
            }
        }
        guard status == Z_OK, Int(length) == expectedSize else { throw .corrupt("a stored snapshot does not decompress") }
        return Array(output.prefix(expectedSize))
    }
}
