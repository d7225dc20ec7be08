/// One cookie as a charter declares it.
public struct Cookie: Sendable, Hashable, Codable {
    /// The cookie's name as written, patterns (`_ga_*`) included. Never translated.
    public var name: String
    public var provider: String?
    public var service: String?
    /// Where it is used, e.g. "front et back office".
    public var location: String?
    public var purpose: String?
    public var category: CookieCategory
    /// The heading or cell text the category was read from.
    public var categoryLabel: String?
    public var party: Party?
    public var retention: Retention?
    public var domain: String?
    /// Columns that map to no field, by header text: nothing on the page is dropped.
    public var extra: [String: String]
    /// Where the cookie was read, for traceability. Not part of the content hash.
    public var origin: Origin?
    /// Where each judged field was read; nil for charters written before it existed.
    /// Not part of the content hash.
    public var evidence: Evidence?

    public init(
        name: String, provider: String? = nil, service: String? = nil, location: String? = nil,
        purpose: String? = nil, category: CookieCategory = .unclassified, categoryLabel: String? = nil,
        party: Party? = nil, retention: Retention? = nil, domain: String? = nil,
        extra: [String: String] = [:], origin: Origin? = nil, evidence: Evidence? = nil
    ) {
        self.name = name
        self.provider = provider
        self.service = service
        self.location = location
        self.purpose = purpose
        self.category = category
        self.categoryLabel = categoryLabel
        self.party = party
        self.retention = retention
        self.domain = domain
        self.extra = extra
        self.origin = origin
        self.evidence = evidence
    }
}

/// The consent categories of the ePrivacy practice (CNIL, ICO, EDPB).
public enum CookieCategory: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Strictly necessary: exempt from consent.
    case necessary
    case preferences
    case statistics
    case marketing
    /// The page gives no category charter can read.
    case unclassified

    /// Whether setting such a cookie needs the user's consent.
    public var needsConsent: Bool { self != .necessary }

    /// Ordered from exempt to most intrusive, as reports list them.
    private var rank: Int {
        switch self {
        case .necessary: return 0
        case .preferences: return 1
        case .statistics: return 2
        case .marketing: return 3
        case .unclassified: return 4
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// Who sets a cookie, relative to the site.
public enum Party: String, Sendable, Hashable, Codable {
    case first
    case third
}

/// Where a cookie was read: the cookie table's index in the page and the row's index
/// in that table (both from 0).
public struct Origin: Sendable, Hashable, Codable {
    public var table: Int
    public var row: Int

    public init(table: Int, row: Int) {
        self.table = table
        self.row = row
    }
}
