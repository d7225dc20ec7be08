import CharterModel
import CharterTestSupport
import CharterTranslation
import Foundation
import Testing

/// Issue 16, item 9: texts holding characters that XML 1.0 cannot hold at all.
///
/// U+0000, other C0 controls, U+FFFE, U+FFFF: XLIFF keeps them as `<cp hex="…"/>`, so that
/// its own import gives the texts back exactly; PO writes U+FFFD and says so.
struct UnholdableCharacterTests {
    /// Each character XML refuses, at the start, in the middle, side by side and at the end;
    /// with a literal `<cp>` tag, the private-use characters a reader might use as marks,
    /// and a CRLF (one Swift character) and a tab, which both formats escape.
    static func hostile(_ word: String) -> String {
        "\u{0}\(word)\u{1}\u{1B}mid <cp hex=\"0001\"/> \u{E000}\u{F8FF}\r\n\t\u{FFFE}end\u{FFFF}"
    }

    static let unholdable: Set<Unicode.Scalar> = ["\u{0}", "\u{1}", "\u{1B}", "\u{FFFE}", "\u{FFFF}"]

    static func charter(_ language: String) -> Charter {
        Charter(
            source: CharterSource(input: "\(language)\u{1B}.json", format: .json, sha256: "0"), language: language,
            sections: [
                Section(
                    level: 2, heading: hostile("heading-\(language)"), paragraphs: [hostile("paragraph-\(language)")])
            ],
            cookies: [
                Cookie(
                    name: "sid\u{1B}\u{0}", service: hostile("service-\(language)"),
                    purpose: hostile("purpose-\(language)"),
                    categoryLabel: hostile("label-\(language)"))
            ])
    }

    static let source = charter("fr")
    static let target = charter("en")

    static func file() -> TranslationFile {
        let units = TranslationUnits.make(source: source, target: target, report: nil, targetLanguage: "en")
        return TranslationFile(sourceLanguage: "fr", targetLanguage: "en", units: units, skeleton: source)
    }

    static func write(_ text: String, as name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-cp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    static func texts(_ units: [TranslationUnit]) -> [[String?]] { units.map { [$0.id, $0.source, $0.target] } }

    @Test func xliffExportIsWellFormedAndItsImportGivesTheTextsBackExactly() throws {
        let file = Self.file()
        #expect(file.units.filter(\.translatable).count == 5)  // and the cookie name, kept as it is
        let xliff = try XLIFFFormat.write(file)
        #expect(!xliff.unicodeScalars.contains { Self.unholdable.contains($0) })
        #expect(xliff.contains("<cp hex=\"0000\"/>purpose-en<cp hex=\"0001\"/><cp hex=\"001B\"/>mid"))
        #expect(xliff.contains("<cp hex=\"FFFE\"/>end<cp hex=\"FFFF\"/></target>\n"))
        let exported = try Self.write(xliff, as: "en.xlf")
        defer { try? FileManager.default.removeItem(at: exported.deletingLastPathComponent()) }
        try FileChecks.expectValidXLIFF(exported)

        let read = try XLIFFFormat.read(Array(xliff.utf8))
        #expect(Self.texts(read.units) == Self.texts(file.units))
        #expect(read.skeleton == file.skeleton)

        // The command gives the target charter's own texts back, every character in place.
        let imported = try run(TestPaths.charterBinary, ["xliff", "import", exported.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let charter = try CharterJSON.decode(Data(imported.stdout.utf8))
        #expect(charter.cookies.map(\.purpose) == Self.target.cookies.map(\.purpose))
        #expect(charter.cookies.map(\.service) == Self.target.cookies.map(\.service))
        #expect(charter.cookies.map(\.categoryLabel) == Self.target.cookies.map(\.categoryLabel))
        #expect(charter.sections == Self.target.sections)
    }

    @Test func xliffWritesUnholdableAttributeCharactersAsReplacementCharactersAndCountsThem() throws {
        let document = try XLIFFFormat.document(for: Self.file())
        // Texts travel as <cp>; what is left is in attributes: the input's name, the cookie's
        // name in three units' names, the heading (five characters) in the paragraph's.
        #expect(document.replacedCharacters == 1 + 3 * 2 + 5)
        #expect(document.warnings.count == 1)
        #expect(document.text.contains("original=\"fr\u{FFFD}.json\""))
        let clean = TranslationFile(
            sourceLanguage: "fr", targetLanguage: "en", units: [],
            skeleton: Charter(
                source: CharterSource(input: "fr.json", format: .json, sha256: "0")))
        #expect(try XLIFFFormat.document(for: clean).warnings.isEmpty)
    }

    @Test func poExportPassesMsgfmtWithReplacementCharactersWhereTheyWere() throws {
        let file = Self.file()
        let po = POFormat.write(file)
        #expect(!po.unicodeScalars.contains { Self.unholdable.contains($0) })
        let exported = try Self.write(po, as: "en.po")
        defer { try? FileManager.default.removeItem(at: exported.deletingLastPathComponent()) }
        try FileChecks.expectValidPO(exported)

        func replaced(_ text: String?) -> String? {
            text.map {
                String(
                    String.UnicodeScalarView($0.unicodeScalars.map { Self.unholdable.contains($0) ? "\u{FFFD}" : $0 }))
            }
        }
        let read = try POFormat.read(Array(po.utf8))
        // PO holds the translatable units only (not the cookie name).
        #expect(
            Self.texts(read.units)
                == file.units.filter(\.translatable).map { [$0.id, replaced($0.source), replaced($0.target)] })
        // The skeleton travels in base64: the source charter itself comes back whole.
        #expect(read.skeleton == file.skeleton)
    }

    @Test func poCountsTheCharactersItReplaced() {
        let file = Self.file()
        let document = POFormat.document(for: file)
        func count(_ text: String?) -> Int { text?.unicodeScalars.filter { Self.unholdable.contains($0) }.count ?? 0 }
        let expected = file.units.filter(\.translatable).reduce(0) { sum, unit in
            sum + count(unit.source) + count(unit.target) + count(unit.context) + unit.notes.map(count).reduce(0, +)
        }
        #expect(document.replacedCharacters == expected)
        #expect(document.warnings.count == 1)
        #expect(document.text == POFormat.write(file))
    }

    /// An XLIFF file with one cookie purpose, `<target>y</target>`, for a translator to edit.
    static func simpleXLIFF() throws -> String {
        func charter(_ language: String, _ purpose: String) -> Charter {
            Charter(
                source: CharterSource(input: "\(language).json", format: .json, sha256: "0"), language: language,
                cookies: [Cookie(name: "sid", purpose: purpose)])
        }
        let units = TranslationUnits.make(
            source: charter("fr", "x"), target: charter("en", "y"), report: nil, targetLanguage: "en")
        let xliff = try XLIFFFormat.write(
            TranslationFile(sourceLanguage: "fr", targetLanguage: "en", units: units, skeleton: charter("fr", "x")))
        #expect(xliff.contains("<target>y</target>"))
        return xliff
    }

    /// Other tools write `<cp>` with two digits, other quotes, an end tag, spaces.
    @Test func aTranslatorsCodePointsAreReadInAnyForm() throws {
        let edited = try Self.simpleXLIFF().replacingOccurrences(
            of: "<target>y</target>", with: "<target>a<cp hex='1b'></cp>b<cp\n hex = \"FFFF\" />c&#xE000;</target>")
        let read = try XLIFFFormat.read(Array(edited.utf8))
        #expect(read.units.first(where: \.translatable)?.target == "a\u{1B}b\u{FFFF}c\u{E000}")
    }

    @Test(arguments: [
        "<cp hex=\"D800\"/>", "<cp hex=\"110000\"/>", "<cp hex=\"xyz\"/>", "<cp hex=\"0001\" extra=\"1\"/>",
    ])
    func aCodePointThatIsNoCharacterIsRefused(_ element: String) throws {
        let edited = try Self.simpleXLIFF().replacingOccurrences(
            of: "<target>y</target>", with: "<target>a\(element)b</target>")
        #expect(throws: TranslationError.self) { try XLIFFFormat.read(Array(edited.utf8)) }
    }

    /// Any text at all comes back from XLIFF as it was: random strings of the characters
    /// that matter to XML, to `<cp>` and to its markers.
    @Test func anyTextSurvivesAnXLIFFRoundTrip() throws {
        let alphabet: [Unicode.Scalar] = [
            "\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{1B}", "\u{1F}", "\u{FFFE}", "\u{FFFF}", "\u{E000}",
            "\u{E001}",
            "\u{F8FF}", "\t", "\n", "\r", " ", "<", ">", "&", "\"", "'", "]", "c", "p", "h", "x", "=", "/", "#", ";",
            "0", "1", "é",
            "\u{7F}", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{FFFD}", "\u{1F600}", "\u{10FFFF}", "\u{301}", "\u{200D}",
        ]
        var random = SeededGenerator(seed: 16_009)
        let texts = (0..<300).map { _ in
            String(
                String.UnicodeScalarView(
                    (1...(1 + Int(random.next() % 24))).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))]
                    }))
        }
        func charter(_ language: String) -> Charter {
            Charter(
                source: CharterSource(input: "\(language).json", format: .json, sha256: "0"), language: language,
                cookies: texts.enumerated().map { Cookie(name: "c\($0.offset)", purpose: $0.element) })
        }
        let units = TranslationUnits.make(
            source: charter("fr"), target: charter("en"), report: nil, targetLanguage: "en")
        let file = TranslationFile(sourceLanguage: "fr", targetLanguage: "en", units: units, skeleton: charter("fr"))
        let read = try XLIFFFormat.read(Array(try XLIFFFormat.write(file).utf8))
        // Equal texts share one unit: each distinct text once, in order.
        let translatable = read.units.filter(\.translatable)
        #expect(translatable.map(\.source) == file.units.filter(\.translatable).map(\.source))
        #expect(translatable.map(\.target) == file.units.filter(\.translatable).map(\.target))
        #expect(Set(translatable.map(\.source)) == Set(texts))
        #expect(translatable.allSatisfy { $0.source == $0.target })
        #expect(read.skeleton == file.skeleton)
    }
}
