/// Why the store could not do what was asked.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case unavailable(String)
    case corrupt(String)
    case notFound(String)
    case busy(String)

    public var description: String {
        switch self {
        case .unavailable(let reason):
            // SQLite rolls the transaction back: say so, since the next question is what was lost.
            let disk = ["disk I/O error", "disk is full", "readonly", "read-only"].contains { reason.contains($0) }
            return "the store could not be read or written: \(reason)"
                + (disk ? " (is the disk full or read-only? the write was rolled back, and nothing already stored was changed)" : "")
        case .corrupt(let reason): return "the store is damaged: \(reason)"
        case .notFound(let what): return what
        case .busy(let reason): return reason
        }
    }
}
