public import Foundation

/// An exclusive lock beside the store, so that two overlapping watch runs never work on
/// one database at once: the second exits with a clear message (or waits, if asked).
public final class WatchLock {
    private let descriptor: Int32
    public let path: String

    public init(store: String, wait: Bool) throws(WatchError) {
        path = store + ".lock"
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .locked(path + " (cannot create the lock file)") }
        if flock(descriptor, wait ? LOCK_EX : (LOCK_EX | LOCK_NB)) != 0 {
            close(descriptor)
            throw .locked(store)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
