/// Where a cookie's category, party, provider and retention were read. A reader (legal,
/// the consent rules) weighs a value stated in the cookie's own row above one carried
/// from a heading, and both above one read from purpose words. A value the page does not
/// state has no source (`nil`): the catalogue is evidence for the consent rules, never a
/// source of the reading.
///
/// Evidence describes the reading, not the site: it is left out of the content hash (as
/// `origin` is), so a better reading of an unchanged page is never a change of the page.
public struct Evidence: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        /// A cell of the cookie's own row (or card).
        case column
        /// A full-width row of its table, grouping the rows below it.
        case groupRow
        /// The caption or heading above its table.
        case heading
        /// Words of the cookie's own purpose text.
        case purpose
        /// The cookie's domain cell (party).
        case domain
    }

    public var category: Source?
    public var party: Source?
    public var provider: Source?
    public var retention: Source?
    /// What a reader should know about the reading: a consent label whose purpose names
    /// no category, a page contradicting the catalogue.
    public var notes: [String]

    public init(
        category: Source? = nil, party: Source? = nil, provider: Source? = nil, retention: Source? = nil,
        notes: [String] = []
    ) {
        self.category = category
        self.party = party
        self.provider = provider
        self.retention = retention
        self.notes = notes
    }

    /// Whether the category was stated by the page for this cookie or its table, rather
    /// than read from purpose words or guessed.
    public var categoryIsStated: Bool {
        switch category {
        case .column?, .groupRow?, .heading?: return true
        default: return false
        }
    }

    /// Whether the party was stated by the page (a party cell, or a domain cell).
    public var partyIsStated: Bool {
        switch party {
        case .column?, .groupRow?, .heading?, .domain?: return true
        default: return false
        }
    }
}
