public import CharterLocales
public import CharterModel
internal import CharterHTML
internal import Foundation

/// Turns a published cookie charter (HTML, text table, Markdown) into the canonical
/// model.
public struct CharterExtractor: Sendable {
    public let lexicons: LexiconSet
    public let byteLimit: Int

    public init(lexicons: LexiconSet = .embedded, byteLimit: Int = CharterExtractor.defaultByteLimit) {
        self.lexicons = lexicons
        self.byteLimit = byteLimit
    }

    /// The largest input read by default (50 MiB).
    public static let defaultByteLimit = HTMLParser.defaultByteLimit

    public func extract(_ input: ExtractionInput) throws(ExtractionError) -> Charter {
        let format = input.format ?? InputFormat.detect(name: input.name, contentType: input.contentType, bytes: input.bytes)
        if format == .json { return try decodeCharter(input) }

        let document: HTMLDocument
        do throws(HTMLParseError) {
            switch format {
            case .html, .json:
                document = try HTMLParser.parse(
                    input.bytes, contentType: input.contentType, scope: input.scope, byteLimit: byteLimit)
            case .text, .markdown:
                guard !input.bytes.isEmpty else { throw HTMLParseError.empty }
                guard input.bytes.count <= byteLimit else {
                    throw HTMLParseError.tooLarge(bytes: input.bytes.count, limit: byteLimit)
                }
                guard !input.bytes.prefix(8192).contains(0) else { throw HTMLParseError.binary }
                let text = Self.decodeText(input.bytes)
                document = try HTMLParser.parse(Array(PlainTextConverter.html(from: text).utf8), contentType: "text/html; charset=utf-8", byteLimit: .max)
            }
        } catch {
            throw .unreadable(error.description)
        }
        var work = 0
        return assemble(document, format: format, input: input, work: &work)
    }

    /// The nodes and cells extraction goes through for an input: what the linearity
    /// tests count (8× the page must cost at most about 8× the work), never time.
    package func work(_ input: ExtractionInput) throws(ExtractionError) -> Int {
        let document: HTMLDocument
        do throws(HTMLParseError) {
            document = try HTMLParser.parse(input.bytes, contentType: input.contentType, byteLimit: byteLimit)
        } catch {
            throw .unreadable(error.description)
        }
        var work = 0
        _ = assemble(document, format: .html, input: input, work: &work)
        return work
    }

    func assemble(_ document: HTMLDocument, format: InputFormat, input: ExtractionInput, work: inout Int) -> Charter {
        let blocks = BlockReader(document).blocks(steps: &work)
        var warnings: [String] = []
        if document.charset.repaired {
            warnings.append("the page declares \(document.charset.name) but is not valid \(document.charset.name); invalid bytes were replaced")
        }

        let pageText = Self.text(of: blocks)
        let lowered = LexiconText.lowercase(pageText)
        let mentionsCookies = Self.mentionsCookieWord(lowered)
        let reader = TableReader(lexicons: lexicons, pageMentionsCookies: mentionsCookies)
        var cookies: [Cookie] = []
        var parties: [DisclosedParty] = []
        var cookieTables = 0
        var partyTables = 0
        var previousMap: ColumnMap?
        var tableRows: [Int: [String]] = [:]
        for (position, block) in blocks.enumerated() {
            guard case .table(let table) = block else { continue }
            let grid = TableGrid(table: table, in: document)
            work += grid.steps
            let section = sectionCategory(before: position, in: blocks, caption: grid.caption)
            switch reader.read(grid, tableIndex: cookieTables, section: section, previous: previousMap) {
            case .cookies(let found, let tableWarnings):
                cookies += found
                warnings += tableWarnings
                cookieTables += 1
                previousMap = reader.findHeader(grid).0
            case .parties(let found):
                parties += found.map { party in
                    var party = party
                    party.origin?.table = partyTables
                    return party
                }
                partyTables += 1
            case .notCookieTable:
                // Its text is the charter's too (a table of purposes and legal bases, the
                // controller's address): kept in the prose, row by row, so a change to it
                // is reported.
                tableRows[position] = grid.rowTexts()
            }
        }

        // Cookies described as cards rather than rows, read when the page has no table
        // naming them (a page that has both lists each cookie in its table).
        if cookies.isEmpty {
            let cards = LabelledRecords(lexicons: lexicons)
            for record in cards.records(in: blocks) {
                let section = sectionCategory(before: record.start, in: blocks, caption: nil)
                cookies += cards.cookies(record, table: cookieTables, section: section, reader: reader)
                cookieTables += 1
            }
        }

        let detected = lexicons.detectLanguage(lowercased: String(Substring(lowered.unicodeScalars.prefix(20_000))))
        // A server's language (`<html lang>`, `Content-Language`, first of its list) is
        // kept only when it is a well-formed tag: it reaches attributes, XML and headers.
        let declared = document.declaredLanguage.flatMap { Self.serverLanguage($0, from: "lang attribute", &warnings) }
        let contentLanguage = input.contentLanguage.flatMap { header in
            Self.serverLanguage(String(header.split(separator: ",").first ?? ""), from: "Content-Language", &warnings)
        }
        if let detected, let declared, LanguageTag.primary(declared) != detected {
            warnings.append("the page declares lang=\"\(declared)\" but its text is in \(detected)")
        }
        let source = CharterSource(
            // Secrets in a URL (user-info, query values) never reach the charter or its reports.
            input: URLRedaction.redacted(input.name), format: format, url: input.url.map(URLRedaction.redacted),
            requestedLanguage: input.requestedLanguage,
            contentLanguage: contentLanguage, declaredLanguage: format == .html ? declared : nil,
            detectedLanguage: detected,
            charset: format == .html ? "\(document.charset.name) (\(document.charset.source.rawValue))" : "UTF-8",
            fetchedAt: input.fetchedAt, sha256: SHA256Digest.hex(of: input.bytes), setCookieNames: input.setCookieNames)
        return Charter(
            source: source,
            language: detected ?? declared.map(LanguageTag.primary) ?? contentLanguage.map(LanguageTag.primary) ?? input.requestedLanguage,
            title: title(document, blocks: blocks), sections: Self.sections(blocks, tableRows: tableRows), cookies: cookies,
            parties: parties,
            warnings: warnings)
    }

    /// The category named by the nearest heading above a table: its caption, then bold
    /// lines and headings going up. A heading that names none ("Examples of the cookies
    /// we use") passes the question to the headings it sits under, up to two levels:
    /// "### Przykłady…" under "## Cookies analityczne" is an analytics table.
    func sectionCategory(before position: Int, in blocks: [Block], caption: String?) -> CookieLabel? {
        if let caption, let label = CookieLabel(caption, source: .heading, lexicons: lexicons) { return label }
        var below = Int.max  // the level of the last heading passed: only its parents count
        var climbs = 0
        for (distance, block) in blocks[..<position].reversed().enumerated() {
            if case .heading(let level, _) = block, level >= below { continue }
            // Consent platforms (Cookiebot's "Necessary (2)") label a table with a short
            // plain line, then a description: accept such a label right above a table.
            if distance < 2, case .paragraph(let text, false, _) = block, Block.isLabel(text),
                let label = CookieLabel(text, source: .heading, lexicons: lexicons)
            {
                return label
            }
            guard let text = block.headingText else { continue }
            if let label = CookieLabel(text, source: .heading, lexicons: lexicons) { return label }
            if case .heading(let level, _) = block {
                climbs += 1
                guard climbs <= 2, level > 1 else { return nil }
                below = level
            }
        }
        return nil
    }

    /// The tag a server sent, or nil with a warning when it is not a well-formed tag.
    static func serverLanguage(_ value: String, from origin: String, _ warnings: inout [String]) -> String? {
        if let tag = LanguageTag.wellFormed(value) { return tag }
        if !value.isEmpty { warnings.append("the page's \(origin) is not a BCP 47 language tag; ignored") }
        return nil
    }

    func title(_ document: HTMLDocument, blocks: [Block]) -> String? {
        if let title = document.elements(named: "title").first.map({ document.text(of: $0) }), !title.isEmpty {
            return title
        }
        for case .heading(_, let text) in blocks { return text }
        return nil
    }

    /// The prose: each heading opens a section, paragraphs and the rows of tables that
    /// list no cookie (`tableRows`, by block position) go under it.
    static func sections(_ blocks: [Block], tableRows: [Int: [String]] = [:]) -> [Section] {
        var sections: [Section] = []
        func append(_ text: String, _ kind: ParagraphKind) {
            if sections.isEmpty { sections.append(Section(level: 0, heading: nil)) }
            sections[sections.count - 1].append(text, kind: kind)
        }
        for (position, block) in blocks.enumerated() {
            switch block {
            case .heading(let level, let text):
                sections.append(Section(level: level, heading: text))
            case .paragraph(let text, _, _):
                append(text, block.paragraphKind ?? .text)
            case .table:
                for row in tableRows[position] ?? [] { append(row, .text) }
            case .chrome:
                continue
            }
        }
        return sections
    }

    static func text(of blocks: [Block]) -> String {
        var out = ""
        for block in blocks {
            switch block {
            case .heading(_, let text), .paragraph(let text, _, _), .chrome(let text):
                out += text
                out += "\n"
            case .table:
                continue
            }
            if out.utf8.count > 200_000 { break }
        }
        return out
    }

    /// "Cookie" in the languages that do not borrow the English word, so that a table
    /// whose headers no lexicon knows can still be read on such a page.
    static let cookieWords = [
        "cookie", "tracker", "traceur", "eväste", "kakor", "kaka", "süti", "kolačić", "kolacic", "piškot", "sīkdat",
        "slapuk", "küpsis", "informasjonskapsl", "cwci", "vafrakök", "μπισκότ", "куки", "çerez", "クッキー", "쿠키", "饼干",
    ]

    /// Whether lower-cased page text has one of `cookieWords`, searched as bytes
    /// (`String.contains` compares characters, a hundred times slower on a page).
    static func mentionsCookieWord(_ lowered: String) -> Bool {
        cookieWords.contains { LexiconText.containsBytes(of: $0, in: lowered) }
    }

    /// Text files are UTF-8 (a BOM is dropped); anything else is read as Windows-1252.
    static func decodeText(_ bytes: [UInt8]) -> String {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let text = String(validating: body, as: UTF8.self) { return text }
        return String(data: Data(body), encoding: .windowsCP1252) ?? String(decoding: body, as: UTF8.self)
    }

    func decodeCharter(_ input: ExtractionInput) throws(ExtractionError) -> Charter {
        do {
            return try CharterJSON.decode(input.bytes)
        } catch {
            throw .invalidCharterJSON(error.description)
        }
    }
}
