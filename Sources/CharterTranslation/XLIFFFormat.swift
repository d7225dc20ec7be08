public import CharterModel
internal import CharterHTML
internal import Foundation

/// XLIFF 2.0 (OASIS core): one `<unit>` per translatable text, the source charter in
/// the file's `<skeleton>` so that an import rebuilds the whole target charter, and its
/// content hash in a file-level note so that an import can tell the file's sources.
public enum XLIFFFormat {
    static let namespace = "urn:oasis:names:tc:xliff:document:2.0"
    /// The id of the file-level note that records the source charter's content hash.
    static let hashNote = "charter-source-sha256"
    /// The category of the note that holds a stale unit's previous source.
    static let previousSourceCategory = "previous-source"

    /// The file's text alone: `document(for:)` also counts what was replaced.
    public static func write(_ file: TranslationFile) throws -> String {
        try document(for: file).text
    }

    /// Texts keep every character (`<cp hex="…"/>` for those XML cannot hold); attributes
    /// and notes cannot hold an element, and there such characters become U+FFFD.
    ///
    /// One segment per unit (`canResegment="no"`); cookie names are `translate="no"`
    /// units, and a cookie name inside a text is an `<mrk translate="no">`.
    public static func document(for file: TranslationFile) throws -> TranslationDocument {
        let json = XLIFFCodePoints.escapingJSON(CharterJSON.encode(file.skeleton, pretty: false))
        let marks = NameMarks(
            names: file.skeleton.cookies.map(\.name),
            avoiding: [json, file.skeleton.source.input]
                + file.units.flatMap {
                    [$0.id, $0.context, $0.source, $0.target ?? "", $0.previousSource ?? ""] + $0.notes
                })
        var xml = try XMLWriter()
        xml.start("xliff", namespace: namespace)
        xml.attribute("version", "2.0")
        xml.attribute("srcLang", file.sourceLanguage)
        xml.attribute("trgLang", file.targetLanguage)
        xml.start("file")
        xml.attribute("id", "charter")
        xml.attribute("original", file.skeleton.source.input)
        xml.element("skeleton", text: json)
        xml.start("notes")
        xml.element(
            "note", attributes: [("id", hashNote), ("category", hashNote)],
            text: file.sourceHash ?? file.skeleton.contentSHA256)
        xml.end()
        for unit in file.units {
            xml.start("unit")
            xml.attribute("id", unit.id)
            xml.attribute("name", unit.context)
            xml.attribute("canResegment", "no")
            if !unit.translatable { xml.attribute("translate", "no") }
            let notes =
                unit.notes.map { ("charter", $0) } + (unit.previousSource.map { [(previousSourceCategory, $0)] } ?? [])
            if !notes.isEmpty {
                xml.start("notes")
                for (category, note) in notes { xml.element("note", attributes: [("category", category)], text: note) }
                xml.end()
            }
            xml.start("segment")
            xml.attribute("state", unit.state.rawValue)
            for (name, text) in [("source", unit.source), ("target", unit.target)] {
                guard let text else { continue }
                xml.start(name)
                // Sources only: a pre-filled target stays plain text, which translation
                // tools replace whole (translate-toolkit edits only the first text node of a
                // target holding elements).
                xml.text(
                    unit.translatable && name == "source" ? marks.mark(text) : text,
                    unholdableAs: XLIFFCodePoints.element,
                    hexAttribute: XLIFFCodePoints.hexAttribute)
                xml.end()
            }
            xml.end()
            xml.end()
        }
        xml.end()
        xml.end()
        let replaced = xml.replacedCharacters
        return TranslationDocument(
            text: marks.elements(in: try xml.finish()), replacedCharacters: replaced,
            place: "an XLIFF attribute or note")
    }

    public static func read(_ bytes: [UInt8]) throws -> TranslationFile {
        let (marked, codePoints) = try XLIFFCodePoints.marking(NameMarks.unwrapping(bytes))
        let root = try XMLReader.parse(marked)
        func text(_ element: XMLElement) throws -> String {
            try codePoints?.characters(in: element.text) ?? element.text
        }
        guard root.name == "xliff", root.namespace == namespace, root.attribute("version")?.hasPrefix("2.") == true
        else {
            throw TranslationError.invalid("not an XLIFF 2 document (root <\(root.name)>)")
        }
        guard let sourceLanguage = root.attribute("srcLang"), let targetLanguage = root.attribute("trgLang") else {
            throw TranslationError.invalid("the <xliff> element lacks srcLang or trgLang")
        }
        for tag in [sourceLanguage, targetLanguage] where !LanguageTag.isWellFormed(tag) {
            throw TranslationError.invalid("the <xliff> element's srcLang or trgLang is not a BCP 47 language tag")
        }
        guard let file = root.child("file"), let skeleton = file.child("skeleton") else {
            throw TranslationError.invalid("no <file> with a charter <skeleton>: export it with `charter xliff export`")
        }
        let charter: Charter
        do {
            charter = try CharterJSON.decode(Data(skeleton.text.utf8))
        } catch {
            throw TranslationError.invalid("the <skeleton> is not a charter: \(error)")
        }
        let hash = file.child("notes")?.children("note").first { $0.attribute("id") == hashNote }?.text
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let units = try file.children("unit").map { unit -> TranslationUnit in
            guard let id = unit.attribute("id"), let segment = unit.child("segment"),
                let source = segment.child("source")
            else {
                throw TranslationError.invalid("a <unit> lacks its id, segment or source")
            }
            let notes = unit.child("notes")?.children("note") ?? []
            return TranslationUnit(
                id: id, context: unit.attribute("name") ?? "", source: try text(source),
                target: try segment.child("target").map(text),
                state: segment.attribute("state").flatMap(TranslationUnit.State.init) ?? .initial,
                notes: try notes.filter { $0.attribute("category") != previousSourceCategory }.map(text),
                previousSource: try notes.first { $0.attribute("category") == previousSourceCategory }.map(text),
                translatable: unit.attribute("translate") != "no")
        }
        return TranslationFile(
            sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, units: units, skeleton: charter,
            sourceHash: hash)
    }
}

/// Cookie names inside a text, marked `<mrk translate="no">` for translation tools to keep.
///
/// Written as private-use marks the document does not hold (the writer
/// would indent an element inside a text), then turned into elements in the output;
/// read back by dropping the `<mrk>` tags, whose content is the text itself.
struct NameMarks {
    let names: [String]
    let open: Unicode.Scalar
    let close: Unicode.Scalar

    init(names: [String], avoiding texts: [String]) {
        // Names of three characters or more (not "id" inside a sentence), longest first.
        self.names = Set(names.filter { $0.count >= 3 && !$0.contains(where: \.isWhitespace) }).sorted {
            $0.count != $1.count ? $0.count > $1.count : $0 < $1
        }
        var used = Set<Unicode.Scalar>()
        for text in texts {
            for scalar in text.unicodeScalars where (0xE000...0xF8FF).contains(scalar.value) { used.insert(scalar) }
        }
        let free = (UInt32(0xE000)...0xF8FF).lazy.compactMap(Unicode.Scalar.init).filter { !used.contains($0) }
        var iterator = free.makeIterator()
        open = iterator.next() ?? "\u{E000}"
        close = iterator.next() ?? "\u{E001}"
    }

    /// `text` with each cookie name (a whole word) between marks: open, number, open,
    /// name, close.
    func mark(_ text: String) -> String {
        guard !names.isEmpty else { return text }
        var taken: [Range<String.Index>] = []
        for name in names {
            for range in text.ranges(of: name) where !taken.contains(where: { $0.overlaps(range) }) {
                let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
                let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
                if [before, after].contains(where: { $0.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }) {
                    continue
                }
                taken.append(range)
            }
        }
        guard !taken.isEmpty else { return text }
        var out = ""
        var position = text.startIndex
        for (index, range) in taken.sorted(by: { $0.lowerBound < $1.lowerBound }).enumerated() {
            out += text[position..<range.lowerBound]
            out.unicodeScalars.append(open)
            out += String(index + 1)
            out.unicodeScalars.append(open)
            out += text[range]
            out.unicodeScalars.append(close)
            position = range.upperBound
        }
        out += text[position...]
        return out
    }

    /// The written document with the marks turned into `<mrk>` elements.
    func elements(in document: String) -> String {
        guard document.unicodeScalars.contains(open) else { return document }
        var out = String.UnicodeScalarView()
        var inNumber = false
        for scalar in document.unicodeScalars {
            if scalar == open {
                out.append(contentsOf: (inNumber ? "\" translate=\"no\">" : "<mrk id=\"m").unicodeScalars)
                inNumber.toggle()
            } else if scalar == close {
                out.append(contentsOf: "</mrk>".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    nonisolated(unsafe) static let tag = #/</?(?:[A-Za-z_][\w.\-]*:)?mrk(?:[\x20\t\r\n][^>]*)?>/#

    /// The document without its `<mrk>` tags (their content stays in place).
    static func unwrapping(_ bytes: [UInt8]) -> [UInt8] {
        guard let text = String(validating: bytes, as: UTF8.self), text.contains("mrk") else { return bytes }
        return Array(text.replacing(tag, with: "").utf8)
    }
}
