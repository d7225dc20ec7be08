internal import Foundation

/// A value a test changes while a server or a watcher reads it from another thread
/// (the page a test server serves, the time a watcher's clock says).
public final class SharedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    public init(_ value: Value) { stored = value }

    public var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
