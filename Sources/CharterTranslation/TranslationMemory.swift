public import CharterModel
internal import CharterHTML
internal import Foundation

/// Earlier translations by exact source text: what an export pre-fills, and what
/// `charter tm export` writes as TMX.
public struct TranslationMemory: Sendable {
    /// One aligned pair, with where it came from.
    public struct Entry: Sendable, Hashable {
        public var source: String
        public var target: String
        public var origin: String
    }

    public var sourceLanguage: String?
    public var targetLanguage: String?
    public private(set) var entries: [Entry] = []
    /// Entry positions by source text.
    private var bySource: [String: [Int]] = [:]

    public init() {}

    /// Adds the done units of a translated file (never fuzzy or `initial` targets).
    public mutating func add(_ file: TranslationFile, origin: String) throws {
        try matchLanguages(source: file.sourceLanguage, target: file.targetLanguage, origin: origin)
        // The published table's words are charter's, not the page's: never memory.
        for unit in file.units where unit.translatable && unit.isDone && !FragmentUnits.isFragment(unit) {
            add(source: unit.source, target: unit.target ?? "", origin: origin)
        }
    }

    /// Adds the pairs of two aligned charters: every unit with a finished published target.
    ///
    /// With the versions before them, a text whose source changed while its target did
    /// not is stale, and not a pair.
    public mutating func add(
        source: Charter, target: Charter, sourceLanguage: String, targetLanguage: String, origin: String,
        previousSource: Charter? = nil, previousTarget: Charter? = nil
    ) throws {
        try matchLanguages(source: sourceLanguage, target: targetLanguage, origin: origin)
        let units = TranslationUnits.make(
            TranslationExport(
                source: source, target: target, targetLanguage: targetLanguage, previousSource: previousSource,
                previousTarget: previousTarget)
        ).units
        for unit in units where unit.translatable && unit.isDone {
            add(source: unit.source, target: unit.target ?? "", origin: origin)
        }
    }

    mutating func add(source: String, target: String, origin: String) {
        guard !source.isEmpty, !target.isEmpty else { return }
        let known = bySource[source, default: []]
        guard !known.contains(where: { entries[$0].target == target }) else { return }
        bySource[source] = known + [entries.count]
        entries.append(Entry(source: source, target: target, origin: origin))
    }

    private mutating func matchLanguages(source: String, target: String, origin: String) throws {
        if let sourceLanguage, let targetLanguage, sourceLanguage != source || targetLanguage != target {
            throw TranslationError.invalid(
                "\(origin) translates \(source) → \(target), not \(sourceLanguage) → \(targetLanguage)")
        }
        sourceLanguage = source
        targetLanguage = target
    }

    /// The one target the memory has for `source`, or every target when they disagree.
    func targets(for source: String) -> [Entry] { bySource[source, default: []].map { entries[$0] } }

    /// `units` with the texts that have no target pre-filled by exact source text
    /// (`translated`), and stale texts whose previous source is known (kept `initial`).
    func fill(_ units: [TranslationUnit], notices: inout [String]) -> [TranslationUnit] {
        guard !entries.isEmpty else { return units }
        return units.map { unit in
            var unit = unit
            guard unit.translatable,
                unit.target == nil || (unit.state == .initial && unit.previousSource == nil && !unit.notes.isEmpty)
            else {
                return unit
            }
            let exact = targets(for: unit.source)
            if exact.count == 1, let entry = exact.first {
                unit.target = entry.target
                unit.state = .translated
                unit.notes = ["pre-filled from translation memory (\(entry.origin)): same source text"]
            } else if exact.count > 1 {
                notices.append(
                    "\(unit.id): the translation memory translates «\(TranslationUnits.short(unit.source))» in \(exact.count) ways: not pre-filled"
                )
            } else if let previous = unit.previousSource, unit.target == nil, let entry = targets(for: previous).first {
                unit.target = entry.target
                unit.state = .initial
                unit.notes.append(
                    "pre-filled from translation memory (\(entry.origin)) for the previous source: review it")
            }
            return unit
        }
    }

    /// TMX 1.4b: one `<tu>` per pair, the source language first.
    public func tmx() throws -> TranslationDocument {
        let source = sourceLanguage ?? "und"
        let target = targetLanguage ?? "und"
        var xml = try XMLWriter()
        xml.start("tmx")
        xml.attribute("version", "1.4")
        xml.start("header")
        for (name, value) in [
            ("creationtool", "charter"), ("creationtoolversion", "1.0.0"), ("segtype", "paragraph"),
            ("o-tmf", "charter"),
            ("adminlang", "en"), ("srclang", source), ("datatype", "plaintext"),
        ] {
            xml.attribute(name, value)
        }
        xml.end()
        xml.start("body")
        for entry in entries {
            xml.start("tu")
            xml.start("prop")
            xml.attribute("type", "x-charter-origin")
            xml.text(entry.origin)
            xml.end()
            for (language, text) in [(source, entry.source), (target, entry.target)] {
                xml.start("tuv")
                xml.attribute("xml:lang", language)
                xml.element("seg", text: text)
                xml.end()
            }
            xml.end()
        }
        xml.end()
        xml.end()
        let replaced = xml.replacedCharacters
        return TranslationDocument(text: try xml.finish(), replacedCharacters: replaced, place: "a TMX file")
    }
}
