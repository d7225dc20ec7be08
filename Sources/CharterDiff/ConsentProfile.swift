public import CharterModel

/// How strictly the rules read a diff.
public enum ConsentProfile: String, Sendable, Hashable, Codable, CaseIterable {
    /// The verdicts of the research note (shared/research/reconsent-rules.md).
    case `default`
    /// Any new consent-category cookie asks for consent again, and every change a
    /// person must review counts as re-consent until reviewed.
    case strict
}
