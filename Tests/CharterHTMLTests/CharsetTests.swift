import CharterHTML
import Testing

struct CharsetTests {
    /// "Préférences" in Windows-1252: é is 0xE9, not valid UTF-8 on its own.
    static let latin1: [UInt8] = Array("<p>Pr".utf8) + [0xE9, 0x66, 0xE9] + Array("rences</p>".utf8)

    @Test func httpHeaderWins() {
        let charset = CharsetSniffer.detect(Array("<meta charset=utf-8>".utf8), contentType: "text/html; charset=ISO-8859-1")
        #expect(charset == Charset(name: "windows-1252", source: .httpHeader))
    }

    @Test func byteOrderMarkComesNext() {
        let charset = CharsetSniffer.detect([0xEF, 0xBB, 0xBF] + Array("<meta charset=latin1>".utf8), contentType: nil)
        #expect(charset == Charset(name: "UTF-8", source: .byteOrderMark))
    }

    @Test(arguments: ["<meta charset=\"windows-1252\">", "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">"])
    func metaDeclarationIsRead(_ meta: String) {
        #expect(CharsetSniffer.detect(Array(meta.utf8), contentType: "text/html") == Charset(name: "windows-1252", source: .metaTag))
    }

    @Test func undeclaredInvalidUTF8FallsBackToWindows1252() throws {
        #expect(CharsetSniffer.detect(Self.latin1, contentType: nil).source == .windows1252Fallback)
        let document = try HTMLParser.parse(Self.latin1)
        #expect(document.text(of: try #require(document.elements(named: "p").first)) == "Préférences")
    }

    @Test func declaredUTF8WithInvalidBytesIsRepaired() throws {
        let document = try HTMLParser.parse(Self.latin1, contentType: "text/html; charset=utf-8")
        #expect(document.charset.repaired)
        #expect(document.text(of: try #require(document.elements(named: "p").first)).hasPrefix("Pr\u{FFFD}"))
    }

    @Test func windows1252DeclaredInMetaIsDecoded() throws {
        let bytes = Array("<html><head><meta charset=\"windows-1252\"></head><body><p>".utf8) + [0x93, 0x41, 0x94] + Array("</p></body></html>".utf8)
        let document = try HTMLParser.parse(bytes)
        #expect(document.text(of: try #require(document.elements(named: "p").first)) == "“A”")
    }
}
