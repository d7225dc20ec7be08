import CharterExtract
import CharterModel
import Testing

/// A retention keeps the amount and unit its text states (issue 15), in every lexicon
/// language, without changing what the charter is: amount and unit are read from the
/// text, so they stay out of equality and of the content hash.
struct RetentionAmountTests {
    static func retentions(_ cells: [String], language: String) throws -> [Retention?] {
        let rows = cells.enumerated().map { "<tr><td>_c\($0.offset)_id</td><td>\($0.element)</td></tr>" }.joined()
        let page = "<html lang=\"\(language)\"><body><table><tr><th>Name</th><th>Expiry</th></tr>\(rows)</table></body></html>"
        return try CharterExtractor().extract(ExtractionInput(bytes: Array(page.utf8), name: "r.html")).cookies.map(\.retention)
    }

    @Test(arguments: [
        ("13 mois", "fr", 13, "month"), ("2 Jahre", "de", 2, "year"), ("zwei Jahre", "de", 2, "year"),
        ("24 horas", "es", 24, "hour"), ("trenta giorni", "it", 30, "day"), ("tolv månader", "sv", 12, "month"),
        ("kaksi vuotta", "fi", 2, "year"), ("dva roky", "cs", 2, "year"), ("Persistent, 365 days", "en", 365, "day"),
    ])
    func keepsAmountAndUnit(_ text: String, _ language: String, _ amount: Int, _ unit: String) throws {
        let retention = try #require(try Self.retentions([text], language: language).first ?? nil)
        #expect(retention.amount == Int64(amount), "\(text)")
        #expect(retention.unit == unit, "\(text)")
        #expect(retention.seconds != nil)
    }

    @Test func severalAmountsOrASessionStateNone() throws {
        let read = try Self.retentions(["1 year 6 months", "Session", "until the browser is closed"], language: "en")
        #expect(read.map { $0?.amount } == [nil, nil, nil])
        #expect(read[0]?.seconds == Int64(31_536_000 + 6 * 2_628_000))
        #expect(read[1]?.session == true && read[2]?.session == true)
    }

    @Test func amountAndUnitAreWrittenAndReadBackButNotHashed() throws {
        let page = "<html><body><table><tr><th>Name</th><th>Expiry</th></tr><tr><td>_ga</td><td>13 months</td></tr></table></body></html>"
        let charter = try CharterExtractor().extract(ExtractionInput(bytes: Array(page.utf8), name: "r.html"))
        let json = CharterJSON.encode(charter)
        #expect(json.contains("\"amount\"") && json.contains("\"unit\""))
        let read = try CharterJSON.decode(Array(json.utf8))
        #expect(read.cookies[0].retention?.amount == 13)
        #expect(read.cookies[0].retention?.unit == "month")
        var stripped = charter
        stripped.cookies[0].retention?.amount = nil
        stripped.cookies[0].retention?.unit = nil
        #expect(stripped.contentSHA256 == charter.contentSHA256)
        #expect(stripped.cookies[0].retention == charter.cookies[0].retention)
    }
}
