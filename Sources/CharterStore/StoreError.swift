/// Why the store could not do what was asked.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case unavailable(String)
    case corrupt(String)
    case notFound(String)
    case busy(String)

    public var description: String {
        switch self {
        case .unavailable(let reason): return "the store cannot be opened: \(reason)"
        case .corrupt(let reason): return "the store is damaged: \(reason)"
        case .notFound(let what): return what
        case .busy(let reason): return reason
        }
    }
}
