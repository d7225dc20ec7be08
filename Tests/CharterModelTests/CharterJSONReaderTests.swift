import CharterModel
import CharterTestSupport
import Foundation
import Testing

/// `CharterJSON.decode` reads with its own JSON reader; the `Codable` initialisers, read
/// by Foundation's JSONDecoder, are the reference it must agree with.
struct CharterJSONReaderTests {
    static func reference(_ json: Data) throws -> Charter {
        try CharterJSON.decoder().decode(Charter.self, from: json)
    }

    /// Charters with every field set and unset, strings with every kind of character.
    static func charters() -> [Charter] {
        var generator = SeededGenerator(seed: 2026)
        let texts = [
            "_ga", "Cookie \"consent\"", "back\\slash / slash", "line\nbreak\ttab\u{1}", "émoji 🍪 and 𝄞", "日本語",
            "", " spaced ", "\u{7F}\u{A0}\u{2028}", "a/b</script>",
        ]
        func text() -> String { texts[Int(generator.next() % UInt64(texts.count))] }
        func maybe() -> String? { generator.next() % 3 == 0 ? nil : text() }
        var charters: [Charter] = []
        for round in 0..<40 {
            let cookies = (0..<Int(generator.next() % 6)).map { index in
                Cookie(
                    name: text() + "\(index)", provider: maybe(), service: maybe(), location: maybe(), purpose: maybe(),
                    category: CookieCategory.allCases[Int(generator.next() % 5)], categoryLabel: maybe(),
                    party: [nil, .first, .third][Int(generator.next() % 3)],
                    retention: generator.next() % 2 == 0
                        ? nil : Retention(text: text(), seconds: generator.next() % 2 == 0 ? nil : Int64(generator.next() % 100_000_000), session: generator.next() % 2 == 0),
                    domain: maybe(), extra: generator.next() % 2 == 0 ? [:] : [text(): text(), "Column": text()],
                    origin: generator.next() % 2 == 0 ? nil : Origin(table: index, row: round))
            }
            let observed: [ObservedCookie]? = round % 3 == 0 ? nil : [
                ObservedCookie(
                    name: text(), domain: ".example.org", path: "/", expires: round % 2 == 0 ? nil : Date(timeIntervalSince1970: 1_790_000_000),
                    lifetimeSeconds: round % 2 == 0 ? nil : 86_400, secure: true, httpOnly: round % 2 == 0, sameSite: maybe(), party: .third),
            ]
            let source = CharterSource(
                input: text(), format: InputFormat.allCases[round % 4], url: maybe(), requestedLanguage: maybe(),
                contentLanguage: maybe(), declaredLanguage: maybe(), detectedLanguage: maybe(), charset: maybe(),
                fetchedAt: round % 2 == 0 ? nil : Date(timeIntervalSince1970: TimeInterval(1_700_000_000 + round)),
                sha256: "ab", setCookieNames: round % 2 == 0 ? [] : [text()])
            charters.append(Charter(
                source: source, language: maybe(), title: maybe(),
                sections: round % 2 == 0 ? [] : [Section(level: round % 7, heading: maybe(), paragraphs: [text(), text()])],
                cookies: cookies, warnings: round % 2 == 0 ? [] : [text()], observed: observed))
        }
        return charters
    }

    @Test func readsWhatEitherWriterWritesAsTheReferenceDoes() throws {
        for charter in Self.charters() {
            for pretty in [true, false] {
                let ours = Data(CharterJSON.encode(charter, pretty: pretty).utf8)
                #expect(try CharterJSON.decode(ours) == charter)
                #expect(try Self.reference(ours) == charter)
                // Foundation's encoder escapes differently (`\/`, `\u001f`): read the same.
                let foundation = try CharterJSON.encoder(pretty: pretty).encode(charter)
                #expect(try CharterJSON.decode(foundation) == charter)
            }
        }
    }

    @Test func unknownKeysNullsAndMissingOptionalsReadAsTheReferenceReadsThem() throws {
        let json = #"""
            {"schema": 1, "future": {"deep": [1, 2.5e3, -0.1, true, false, null, "x"]},
             "source": {"input": "p\u00e9ge \ud83c\udf6a \/", "format": "html", "sha256": "00", "url": null},
             "cookies": [{"name": "_ga", "category": null, "retention": {"text": "13 months", "seconds": 1e3, "session": false}},
                         {"name": "b", "extra": {"Col": "v"}, "origin": {"table": 0, "row": 2}, "party": "third"}],
             "sections": null, "warnings": null, "observed": [], "contentSHA256": "ignored"}
            """#
        let data = Data(json.utf8)
        let charter = try CharterJSON.decode(data)
        #expect(charter == (try Self.reference(data)))
        #expect(charter.source.input == "pége 🍪 /")
        #expect(charter.cookies.first?.retention?.seconds == 1000)
        #expect(charter.cookies.first?.category == .unclassified)
    }

    @Test(arguments: [
        (#"{"schema":2,"source":{},"cookies":[]}"#, "schema: schema 2 is not supported"),
        (#"{"schema":2,"cookies":[{"name":1}]}"#, "schema: schema 2 is not supported"),
        (#"{"schema":1,"source":{"input":"x","format":"html","sha256":"0"}}"#, #"missing key "cookies""#),
        (#"{"schema":1,"source":{"input":"x","format":"html","sha256":"0"},"cookies":[{"name":"a"},{"name":3}]}"#,
         "cookies[1].name: expected a string, found a number"),
        (#"{"schema":1,"source":{"input":"x","format":"pdf","sha256":"0"},"cookies":[]}"#, #"source.format: "pdf" is not an input format"#),
        (#"{"schema":1,"source":{"input":"x","format":"html","sha256":"0"},"cookies":[{"name":"a","category":"tasty"}]}"#,
         #"cookies[0].category: "tasty" is not a category"#),
        (#"{"schema":1,"source":{"input":"x","format":"html","sha256":"0","fetchedAt":"yesterday"},"cookies":[]}"#,
         "source.fetchedAt: expected an ISO 8601 date"),
        (#"{"schema":1,"source":{"input":"x","format":"html","sha256":"0"},"cookies":[]} x"#, "unexpected text after the JSON value"),
        (#"{"schema":1,"source":{"input":"\ud800","format":"html","sha256":"0"},"cookies":[]}"#, "lone surrogate"),
        (#"{"schema":1,"source":{"input":"\q","format":"html","sha256":"0"},"cookies":[]}"#, "unknown escape"),
        (#"{"schema":1.5,"cookies":[]}"#, "schema: expected an integer, found 1.5"),
        (#"{"schema":01,"cookies":[]}"#, "schema: expected an integer, found a number"),
        ("{\"schema\":1,\"source\":{\"input\":\"a\u{1}\"}}", "control character"),
        ("", "expected an object, found the end of the file"),
        (#"{"schema":1,"source":{"input":"x","format":"html","sha256":"0"},"cookies":[{"name":"a","name":"b"}]}"#,
         #"cookies[0]: the key "name" is given twice"#),
        ("[]", "expected an object, found an array"),
    ])
    func rejectsWithAMessageThatSaysWhereAndWhy(_ json: String, _ message: String) throws {
        let data = Data(json.utf8)
        if !message.contains("given twice") {  // Foundation keeps the first of two keys.
            #expect(throws: (any Error).self) { try Self.reference(data) }
        }
        let error = #expect(throws: CharterJSONError.self) { try CharterJSON.decode(data) }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "no error")")
    }

    /// Past sixteen keys the reader checks for repeats with a set: same answers.
    @Test func aRepeatedKeyIsFoundInAnyNumberOfKeys() throws {
        for count in [1, 15, 16, 17, 40] {
            let columns = (0..<count).map { "\"c\($0)\":\"v\"" }
            let json = { (members: [String]) in
                #"{"schema":1,"source":{"input":"x","format":"html","sha256":"0"},"cookies":[{"name":"a","extra":{"#
                    + members.joined(separator: ",") + "}}]}"
            }
            #expect(try CharterJSON.decode(Data(json(columns).utf8)).cookies.first?.extra.count == count)
            let repeated = columns + [columns[count / 2]]
            let error = #expect(throws: CharterJSONError.self) { try CharterJSON.decode(Data(json(repeated).utf8)) }
            #expect(error?.description.contains("cookies[0].extra: the key \"c\(count / 2)\" is given twice") == true)
        }
    }

    @Test func invalidUTF8InAStringIsAnError() {
        var bytes = Array(#"{"schema":1,"source":{"input":"ab","format":"html","sha256":"0"},"cookies":[]}"#.utf8)
        bytes[bytes.firstIndex(of: UInt8(ascii: "b"))!] = 0xFF
        let error = #expect(throws: CharterJSONError.self) { try CharterJSON.decode(bytes) }
        #expect(error?.description == "source.input: a string is not valid UTF-8")
    }

    /// Nesting in an unknown key is read with a bounded depth, not the stack.
    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let json = #"{"schema":1,"x":"# + String(repeating: "[", count: 200_000)
        let error = #expect(throws: CharterJSONError.self) { try CharterJSON.decode(Data(json.utf8)) }
        #expect(error?.description.contains("nested more than 512 levels deep") == true)
    }

    /// A file cut anywhere is an error, never a crash or a charter.
    @Test func everyTruncationIsAnError() throws {
        let charter = try #require(Self.charters().first { !$0.cookies.isEmpty && $0.observed != nil })
        let bytes = Array(CharterJSON.encode(charter, pretty: false).utf8)
        for length in 0..<bytes.count {
            #expect(throws: CharterJSONError.self) { try CharterJSON.decode(Array(bytes[..<length])) }
        }
        #expect(try CharterJSON.decode(bytes) == charter)
    }
}

