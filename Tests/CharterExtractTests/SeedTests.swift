import CharterExtract
import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// The seed charter: its four cookies, from the original text and from the same
/// charter laid out as an Opendatasoft portal page.
struct SeedTests {
    static let expected: [(name: String, service: String, purpose: String)] = [
        ("sessionid", "Authentification (front et back office)", "Se souvenir de l'utilisateur d'une page à une autre."),
        ("django_language", "Sélection de la langue (front et back office)", "Se souvenir de la langue du visiteur"),
        ("csrftoken", "API (CSRF) (front et back office)", "Récupérer des données via des appels API"),
        ("cookies_preferences", "Choix concernant vos préférences sur les cookies",
         "Se souvenir du choix opéré par le visiteur concernant les cookies"),
    ]

    static var seedFile: URL? {
        TestPaths.corpus.map { $0.deletingLastPathComponent().appendingPathComponent("seed/charte-cookies.txt") }
            .flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
    }

    func check(_ charter: Charter) {
        #expect(charter.cookies.count == 4)
        for (cookie, expected) in zip(charter.cookies, Self.expected) {
            #expect(cookie.name == expected.name)
            #expect(cookie.provider == "Opendatasoft")
            #expect(cookie.service == expected.service)
            #expect(cookie.purpose == expected.purpose)
            #expect(cookie.category == .necessary)
            #expect(cookie.party == nil)
            #expect(cookie.retention == nil)
        }
        #expect(charter.language == "fr")
    }

    @Test(.enabled(if: seedFile != nil, "skipped: the seed charter (../shared/seed, or CHARTER_CORPUS/../seed) is absent"))
    func seedText() throws {
        let file = try #require(Self.seedFile)
        check(try CharterExtractor().extract(ExtractionInput(bytes: [UInt8](Data(contentsOf: file)), name: file.path)))
    }

    @Test func seedAsAnOpendatasoftPortalPage() throws {
        let file = TestPaths.fixture("opendatasoft-portal-fr.html", in: "CharterExtractTests")
        check(try CharterExtractor().extract(ExtractionInput(bytes: [UInt8](Data(contentsOf: file)), name: file.path)))
    }
}
