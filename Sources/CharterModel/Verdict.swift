/// What a change asks of the site: nothing, telling users, or asking them again.
public enum Verdict: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case none
    case inform
    case reconsent

    private var rank: Int {
        switch self {
        case .none: return 0
        case .inform: return 1
        case .reconsent: return 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
