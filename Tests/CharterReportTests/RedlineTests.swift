import CharterDiff
import CharterLocales
import CharterModel
import CharterReport
import Foundation
import Testing

/// Issue 19, defect 3: the prose redline reads as the page does. A list head stays on a
/// line of its own above its item, page chrome (navigation, footer, language menu,
/// consent banner) is not in it, and an added section is shown whole, its list included.
/// Every format; the portal fixtures carry all three (v2: an item reworded, an item
/// and a section with a list added).
struct RedlineTests {
    typealias Format = ReportIdentityTests.Format

    @Test(arguments: Format.allCases)
    func listHeadsStandApartFromTheirText(_ format: Format) throws {
        let (diff, strings) = try DiffReportTests.diff("portal-v1.html", "portal-v2.html", language: "fr")
        let report = ReportIdentityTests.render(diff, strings, format)
        // The run the issue quoted: a list head followed by its text on the same line
        // (JSON keeps that flat sequence in `words`, for version-1 readers, beside `paragraphs`).
        if format != .json {
            #expect(!report.contains("Cookies de mesure d'audience Ces cookies"), "\(format)")
            #expect(!report.contains("Cookies de mesure d'audience … nous aident"), "\(format)")
        }
        let choices = try #require(diff.prose.first { $0.heading == "Vos choix" })
        #expect(choices.kind == .modified)
        let kinds = choices.paragraphs.map(\.kind)
        // The reworded item under its head, then the added item under its head.
        #expect(kinds == [.label, .item, .label, .item, .label, .item, .text], "\(kinds)")
        #expect(choices.paragraphs[4].words == [WordRun(operation: .insert, text: "Cookies publicitaires")])
        switch format {
        case .html:
            let squeezed = report.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
            #expect(squeezed.contains("<p class=\"label\"><strong>Cookies de mesure d'audience</strong></p><ul class=\"items\"><li>… nous aident"))
        case .markdown:
            #expect(report.contains("\n_Cookies de mesure d'audience_\n\n- … nous aident"))
        case .text:
            #expect(report.contains("      Cookies de mesure d'audience:\n        • … nous aident"))
        case .json:
            #expect(report.contains("\"kind\" : \"label\""))
        }
    }

    @Test(arguments: Format.allCases)
    func pageChromeIsNotInTheRedline(_ format: Format) throws {
        let (diff, strings) = try DiffReportTests.diff("portal-v1.html", "portal-v2.html", language: "fr")
        let report = ReportIdentityTests.render(diff, strings, format)
        for chrome in ["Propulsé", "Mentions légales", "Deutsch", "Nous utilisons des cookies.", "Accepter", "Données"] {
            #expect(!report.contains(chrome), "\(format) shows the page's chrome: \(chrome)")
        }
    }

    @Test(arguments: Format.allCases)
    func anAddedSectionIsShownWhole(_ format: Format) throws {
        let (diff, strings) = try DiffReportTests.diff("portal-v1.html", "portal-v2.html", language: "fr")
        let report = ReportIdentityTests.render(diff, strings, format)
        let added = try #require(diff.prose.first { $0.heading == "Cookies publicitaires" })
        #expect(added.kind == .added)
        #expect(added.paragraphs.map(\.kind) == [.text, .item, .item])
        for text in ["efficacité de leurs campagnes", "Durée maximale : 13 mois", "Base légale : votre consentement"] {
            #expect(report.contains(text), "\(format) lacks \(text)")
        }
    }

    @Test func unchangedParagraphsBecomeOneGapAndChangesKeepTheirContext() {
        func charter(_ item: String) -> Charter {
            Charter(
                source: CharterSource(input: "test", format: .html, sha256: "0"), language: "en",
                sections: [
                    Section(
                        level: 2, heading: "Cookies", paragraphs: ["One.", "Two.", "Analytics", item, "Three."],
                        kinds: [.text, .text, .label, .item, .text])
                ],
                cookies: [Cookie(name: "_ga", provider: "Google", purpose: "Audience.", category: .statistics, party: .third)])
        }
        let differ = CharterDiffer()
        let diff = differ.diff(charter("They last a year."), charter("They last two years."))
        let rendered = DiffTextRenderer(strings: differ.strings, colors: false).render(diff)
        #expect(rendered.contains("      …\n      Analytics:\n        • They last [-a year.-] {+two years.+}\n"), "\(rendered)")
        #expect(!rendered.contains("One.") && !rendered.contains("Three."))
    }

    @Test(arguments: Format.allCases.filter { $0 != .json })
    func aSectionAddedWithNoTextSaysWhereItsContentIs(_ format: Format) throws {
        func charter(_ sections: [Section]) -> Charter {
            Charter(
                source: CharterSource(input: "test", format: .html, sha256: "0"), language: "en", sections: sections,
                cookies: [Cookie(name: "_ga", provider: "Google", purpose: "Audience.", category: .statistics, party: .third)])
        }
        let intro = Section(level: 2, heading: "Cookies", paragraphs: ["We use cookies."])
        let differ = CharterDiffer()
        var diff = differ.diff(charter([intro]), charter([intro, Section(level: 3, heading: "Advertising cookies")]))
        diff.report = DiffReportTests.identity
        let report = ReportIdentityTests.render(diff, differ.strings, format)
        #expect(report.contains("No text under this heading"), "\(format)")
    }
}
