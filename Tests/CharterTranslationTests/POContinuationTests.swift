import CharterTestSupport
import CharterTranslation
import Foundation
import Testing

/// A PO value split over many continuation lines is read whole and in order (its pieces
/// are joined once, not copied at every line: issue 16, item 10).
struct POContinuationTests {
    @Test func aValueOfManyContinuationLinesIsReadWhole() throws {
        let fr = TestPaths.fixture("locale-fr.html", in: "CharterDiffTests").path
        let en = TestPaths.fixture("locale-en.html", in: "CharterDiffTests").path
        let exported = try run(TestPaths.charterBinary, ["po", "export", "--source", "fr", "--target", "en", "fr=\(fr)", "en=\(en)"])
        #expect(exported.status == 0)
        let pieces = (0..<20_000).map { "p\($0) " }
        let untranslated = "msgid \"Récupérer des données via des appels API\"\nmsgstr \"\""
        #expect(exported.stdout.contains(untranslated))
        let po = exported.stdout.replacingOccurrences(
            of: untranslated,
            with: "msgid \"Récupérer des données via des appels API\"\nmsgstr \"\"\n" + pieces.map { "\"\($0)\"" }.joined(separator: "\n"))
        let read = try POFormat.read(Array(po.utf8))
        let unit = try #require(read.units.first { $0.source == "Récupérer des données via des appels API" })
        #expect(unit.target == pieces.joined())
    }
}
