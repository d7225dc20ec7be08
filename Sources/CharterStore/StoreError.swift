/// Why the store could not do what was asked.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case unavailable(String)
    case corrupt(String)
    case notFound(String)
    case busy(String)
    /// The store was migrated by a newer charter.
    case newerSchema(path: String, storeHas: String, charterKnows: String)

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
        case .newerSchema(let path, let storeHas, let charterKnows):
            return "\(path) was written by a newer charter (its schema has \(storeHas); this charter knows up to \(charterKnows)): "
                + "upgrade charter to use it; it was neither read nor changed"
        }
    }
}
