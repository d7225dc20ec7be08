import Foundation
import Testing

@testable import CharterTranslation

/// The alignment prose units are keyed by: equal texts anchor, edits pair by shared
/// words, insertions pair with nothing, and nothing is paired by position alone.
struct ProseAlignmentTests {
    static let old = [
        "Charte cookies", "Afin de vous proposer le meilleur service possible nous utilisons des cookies",
        "Le cookie sessionid est indispensable", "Ces cookies ne sont déposés qu'avec votre accord",
    ]

    @Test func anInsertionAtTheTopShiftsNothing() {
        let new = ["Charte cookies", "Nouveau : une application mobile"] + Self.old.dropFirst()
        #expect(ProseAlignment.align(Self.old, new) == [0, nil, 1, 2, 3])
    }

    @Test func anEditedTextContinuesTheOldOneAndADeletedOneIsSkipped() {
        let new = [
            "Charte cookies",
            "Afin de vous proposer le meilleur service possible nous utilisons des cookies et des traceurs",
            "Ces cookies ne sont déposés qu'avec votre accord",
        ]
        #expect(ProseAlignment.align(Self.old, new) == [0, 1, 3])
    }

    @Test func anUnrelatedTextInTheSamePlaceIsInserted() {
        let new = ["Charte cookies", "Tout autre chose ici", "Le cookie sessionid est indispensable", Self.old[3]]
        #expect(ProseAlignment.align(Self.old, new) == [0, nil, 2, 3])
    }

    @Test func aPageRewrittenWholeIsAlignedInBoundedWork() {
        let old = (0..<2_000).map { "ancien paragraphe numéro \($0) avec des mots" }
        let new = (0..<2_000).map { "new paragraph \($0)" }
        let start = Date()
        let alignment = ProseAlignment.align(old, new)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(alignment.count == 2_000)
    }
}
