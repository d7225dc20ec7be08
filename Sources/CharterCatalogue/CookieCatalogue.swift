public import CharterModel

/// A category as the Open Cookie Database gives it.
///
/// The catalogue is evidence about a cookie, never the page's own category: a page that
/// files `_ga` under "necessary" says so, and the catalogue only lets a reader notice.
public enum CatalogueCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case necessary, security, functional, personalization, analytics, marketing

    /// The project's category for this one.
    ///
    /// `functional` maps to `.necessary`: the database defines it as "also known as
    /// technical, essential or strictly necessary", and most such entries are session,
    /// load-balancer and consent-state cookies. Some are closer to preferences, though, so
    /// `isAmbiguous` is true for it and a reader should not rely on the mapping alone.
    public var cookieCategory: CookieCategory {
        switch self {
        case .necessary, .security, .functional: return .necessary
        case .personalization: return .preferences
        case .analytics: return .statistics
        case .marketing: return .marketing
        }
    }

    /// Whether setting such a cookie needs the user's consent.
    public var needsConsent: Bool {
        switch self {
        case .analytics, .marketing, .personalization: return true
        case .necessary, .security, .functional: return false
        }
    }

    /// Whether `cookieCategory` is a guess rather than a translation (only `functional`).
    public var isAmbiguous: Bool { self == .functional }

    /// The category for a database category name, in any letter case.
    init?(openCookieDatabaseName name: String) {
        self.init(rawValue: name.lowercased())
    }
}

/// The facts the catalogue keeps about one well-known cookie (never its description).
public struct CatalogueEntry: Sendable, Hashable {
    /// Whether `name` is the whole cookie name or the start of a family of names.
    public enum Match: String, Sendable, Hashable, CaseIterable {
        case exact, prefix
    }

    public var name: String
    public var match: Match
    /// The product or service that sets it ("Google Analytics"); may be empty.
    public var platform: String
    /// The company responsible for the data ("Google"), when the database names one.
    public var controller: String?
    public var category: CatalogueCategory
    /// The usual lifetime as the database writes it ("2 years", "session").
    public var retention: String?

    public init(
        name: String, match: Match, platform: String, controller: String?, category: CatalogueCategory,
        retention: String?
    ) {
        self.name = name
        self.match = match
        self.platform = platform
        self.controller = controller
        self.category = category
        self.retention = retention
    }
}

/// Well-known cookies by name: the Open Cookie Database, embedded or read from a CSV.
public struct CookieCatalogue: Sendable {
    /// The copy compiled into charter (see `Scripts/make-catalogue.py` and NOTICE).
    /// `Scripts/make-catalogue.py` writes it sorted and without repeats, so it is not
    /// sorted again at every start (a test compares it with the CSV read in full).
    public static let embedded = CookieCatalogue(sortedUniqueEntries: embeddedEntries)

    /// The entries, sorted by name (code points), exact before prefix; for the same name
    /// and match kind only the first one given is kept.
    public let entries: [CatalogueEntry]
    private let exactNames: [String: Int]
    /// Lowercased names that only one entry has: a name the page writes in another case
    /// is matched only when that does not mean choosing between two cookies.
    private let foldedExactNames: [String: Int]
    private let prefixes: PrefixIndex
    private let foldedPrefixes: PrefixIndex

    public init(entries: [CatalogueEntry]) {
        var seen = Set<NameAndMatch>()
        let kept = entries.filter { seen.insert(NameAndMatch(name: $0.name, match: $0.match)).inserted }
        // Code point order, as the generator sorts (String's own < compares normalized text).
        self.init(sortedUniqueEntries: kept.sorted { lhs, rhs in
            lhs.name.unicodeScalars.elementsEqual(rhs.name.unicodeScalars)
                ? lhs.match == .exact && rhs.match == .prefix
                : lhs.name.unicodeScalars.lexicographicallyPrecedes(rhs.name.unicodeScalars)
        })
    }

    init(sortedUniqueEntries: [CatalogueEntry]) {
        self.entries = sortedUniqueEntries
        var exactNames: [String: Int] = [:]
        var folded: [String: [Int]] = [:]
        var prefixKeys: [(key: String, entry: Int)] = []
        for (index, entry) in self.entries.enumerated() {
            if entry.match == .exact {
                exactNames[entry.name] = index
                folded[entry.name.lowercased(), default: []].append(index)
            }
            if let key = Self.prefixKey(of: entry), key.count >= Self.minimumPrefixLength {
                prefixKeys.append((key, index))
            }
        }
        self.exactNames = exactNames
        self.foldedExactNames = folded.compactMapValues { $0.count == 1 ? $0[0] : nil }
        self.prefixes = PrefixIndex(prefixKeys)
        self.foldedPrefixes = PrefixIndex(Self.unambiguous(prefixKeys.map { ($0.key.lowercased(), $0.entry) }))
    }

    public var count: Int { entries.count }

    /// The entry for a cookie name as a page writes it, or nil.
    ///
    /// In order: the exact name, the exact name in another letter case, then, once the
    /// name is cut at its first pattern character (`_ga_*`, `_ga_<container-id>`,
    /// `AMCV_###`), the cut name as an exact name, then the longest prefix entry the name
    /// starts with (case-sensitive first). Prefixes shorter than three characters never match.
    public func entry(for cookieName: String) -> CatalogueEntry? {
        let name = cookieName.trimmingWhitespace()
        guard !name.isEmpty else { return nil }
        if let index = exactEntry(name) { return entries[index] }

        let key = name.cutAtPatternCharacter().trimmingWhitespace()
        if key != name {
            guard key.count >= Self.minimumPrefixLength else { return nil }
            if let index = exactEntry(key) { return entries[index] }
        }
        if let index = prefixes.longestPrefix(of: key) ?? foldedPrefixes.longestPrefix(of: key.lowercased()) {
            return entries[index]
        }
        return nil
    }

    /// A two-letter prefix ("SR", "tp") would claim far too many unrelated names.
    static let minimumPrefixLength = 3

    private func exactEntry(_ name: String) -> Int? {
        exactNames[name] ?? foldedExactNames[name.lowercased()]
    }

    /// What an entry matches as a prefix: a prefix entry's name, or the part before `*` of
    /// a name the database writes as a pattern without flagging it ("SSPR_*").
    private static func prefixKey(of entry: CatalogueEntry) -> String? {
        if let star = entry.name.firstIndex(of: "*") { return String(entry.name[..<star]) }
        return entry.match == .prefix ? entry.name : nil
    }

    /// The keys only one entry has: two entries whose keys differ only in case are not
    /// matched case-insensitively at all.
    private static func unambiguous(_ keys: [(key: String, entry: Int)]) -> [(key: String, entry: Int)] {
        var entriesByKey: [String: Set<Int>] = [:]
        for (key, entry) in keys { entriesByKey[key, default: []].insert(entry) }
        return keys.filter { entriesByKey[$0.key]?.count == 1 }
    }

    private struct NameAndMatch: Hashable {
        let name: String
        let match: CatalogueEntry.Match
    }
}

/// Prefix keys grouped by their first three UTF-8 bytes, longest first in each group, so a
/// lookup tries only the handful of prefixes that share the name's start.
private struct PrefixIndex: Sendable {
    private struct Candidate: Sendable {
        let key: [UInt8]
        let entry: Int
    }

    private let groups: [UInt32: [Candidate]]

    /// Keys shorter than three bytes are left out: they could not be grouped.
    init(_ keys: [(key: String, entry: Int)]) {
        var groups: [UInt32: [Candidate]] = [:]
        for (key, entry) in keys {
            let bytes = Array(key.utf8)
            guard bytes.count >= 3 else { continue }  // The catalogue never gives one; a group needs three.
            groups[Self.group(of: bytes), default: []].append(Candidate(key: bytes, entry: entry))
        }
        // Longest first; for the same length, the earlier entry (a stable, sorted order).
        self.groups = groups.mapValues { candidates in
            candidates.sorted { ($0.key.count, -$0.entry) > ($1.key.count, -$1.entry) }
        }
    }

    /// The entry of the longest key `name` starts with.
    func longestPrefix(of name: String) -> Int? {
        let bytes = Array(name.utf8)
        guard bytes.count >= 3, let candidates = groups[Self.group(of: bytes)] else { return nil }
        return candidates.first { bytes.starts(with: $0.key) }?.entry
    }

    private static func group(of bytes: [UInt8]) -> UInt32 {
        UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])
    }
}

extension String {
    /// Without leading and trailing Unicode White_Space (as Scripts/make-catalogue.py trims).
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// The text before the first character that marks a placeholder in a page's cookie
    /// name: `_ga_*`, `_ga_<container-id>`, `_pk_id.{site}`, `_gat_[id]`, `AMCV_###`.
    func cutAtPatternCharacter() -> String {
        guard let cut = unicodeScalars.firstIndex(where: { "*<{[#".unicodeScalars.contains($0) }) else { return self }
        return String(unicodeScalars[..<cut])
    }
}
