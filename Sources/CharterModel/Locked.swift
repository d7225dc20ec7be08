internal import Foundation

/// A value used under a lock: Foundation's formatters make their ICU object on first use,
/// which is not safe from two threads at once.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private let value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(value)
    }
}
