public import CharterModel
internal import CharterHTML
internal import Foundation

/// XLIFF 2.0 (OASIS core): one `<unit>` per translatable text, the source charter in
/// the file's `<skeleton>` so that an import rebuilds the whole target charter.
public enum XLIFFFormat {
    static let namespace = "urn:oasis:names:tc:xliff:document:2.0"

    /// The file's text alone: `document(for:)` also counts what was replaced.
    public static func write(_ file: TranslationFile) throws -> String {
        try document(for: file).text
    }

    /// Texts keep every character (`<cp hex="…"/>` for those XML cannot hold); attributes
    /// and notes cannot hold an element, and there such characters become U+FFFD.
    public static func document(for file: TranslationFile) throws -> TranslationDocument {
        var xml = try XMLWriter()
        xml.start("xliff", namespace: namespace)
        xml.attribute("version", "2.0")
        xml.attribute("srcLang", file.sourceLanguage)
        xml.attribute("trgLang", file.targetLanguage)
        xml.start("file")
        xml.attribute("id", "charter")
        xml.attribute("original", file.skeleton.source.input)
        xml.element("skeleton", text: XLIFFCodePoints.escapingJSON(CharterJSON.encode(file.skeleton, pretty: false)))
        for unit in file.units {
            xml.start("unit")
            xml.attribute("id", unit.id)
            xml.attribute("name", unit.context)
            if !unit.notes.isEmpty {
                xml.start("notes")
                for note in unit.notes { xml.element("note", attributes: [("category", "charter")], text: note) }
                xml.end()
            }
            xml.start("segment")
            xml.attribute("state", unit.state.rawValue)
            for (name, text) in [("source", unit.source), ("target", unit.target)] {
                guard let text else { continue }
                xml.start(name)
                xml.text(text, unholdableAs: XLIFFCodePoints.element, hexAttribute: XLIFFCodePoints.hexAttribute)
                xml.end()
            }
            xml.end()
            xml.end()
        }
        xml.end()
        xml.end()
        let replaced = xml.replacedCharacters
        return TranslationDocument(
            text: try xml.finish(), replacedCharacters: replaced, place: "an XLIFF attribute or note")
    }

    public static func read(_ bytes: [UInt8]) throws -> TranslationFile {
        let (marked, codePoints) = try XLIFFCodePoints.marking(bytes)
        let root = try XMLReader.parse(marked)
        func text(_ element: XMLElement) throws -> String {
            try codePoints?.characters(in: element.text) ?? element.text
        }
        guard root.name == "xliff", root.namespace == namespace, root.attribute("version")?.hasPrefix("2.") == true else {
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
        let units = try file.children("unit").map { unit -> TranslationUnit in
            guard let id = unit.attribute("id"), let segment = unit.child("segment"), let source = segment.child("source") else {
                throw TranslationError.invalid("a <unit> lacks its id, segment or source")
            }
            return TranslationUnit(
                id: id, context: unit.attribute("name") ?? "", source: try text(source),
                target: try segment.child("target").map(text),
                state: segment.attribute("state").flatMap(TranslationUnit.State.init) ?? .initial,
                notes: try unit.child("notes")?.children("note").map(text) ?? [])
        }
        return TranslationFile(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, units: units, skeleton: charter)
    }
}
