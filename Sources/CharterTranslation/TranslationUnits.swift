public import CharterDiff
public import CharterModel
internal import Foundation
internal import Crypto

/// What an export starts from: the source charter, what is published in the target
/// language, earlier versions and earlier translations.
public struct TranslationExport: Sendable {
    public var source: Charter
    /// The published target-language variant, if any (never a fallback page).
    public var target: Charter?
    public var targetLanguage: String
    /// The previous version of the source: with it, edited texts are told from inserted
    /// ones and marked stale with the text they replaced.
    public var previousSource: Charter?
    /// The previous version of the target: a target changed since is not stale.
    public var previousTarget: Charter?
    public var report: LocaleReport?
    /// Earlier translated files: their done targets pre-fill texts of the same source.
    public var memory: TranslationMemory

    public init(
        source: Charter, target: Charter?, targetLanguage: String, previousSource: Charter? = nil,
        previousTarget: Charter? = nil, report: LocaleReport? = nil, memory: TranslationMemory = TranslationMemory()
    ) {
        self.source = source
        self.target = target
        self.targetLanguage = targetLanguage
        self.previousSource = previousSource
        self.previousTarget = previousTarget
        self.report = report
        self.memory = memory
    }
}

/// The units of an export and what the translator or the user should know about them.
public struct TranslationUnitsResult: Sendable {
    public var units: [TranslationUnit]
    /// One line each, for stderr: what could not be told or was not pre-filled.
    public var notices: [String]
}

/// What an import gives: the target charter, and every unit that was not published.
public struct TranslationImport: Sendable {
    public var charter: Charter
    /// Units not published, one line each: no target, a fuzzy or `initial` target.
    public var skipped: [String]
    /// Units whose source is not the source charter's text, and source texts no unit
    /// translates: the file was not exported from this source (or was merged badly).
    public var differences: [String]
    /// Texts translated differently by two units of the file: neither is published.
    public var disagreements: [String]
    /// Whether the units were matched to another source than the file's own.
    public var rebased: Bool
    /// The published table's own words as translated (`FragmentUnits`), by report-string key.
    public var labels: [String: String] = [:]

    /// A file whose sources do not match is refused unless it is re-based.
    public var refused: Bool { !differences.isEmpty && !rebased }
    public var isClean: Bool { differences.isEmpty && skipped.isEmpty && disagreements.isEmpty }
}

/// Builds the units of a charter pair, and applies translated units back.
public enum TranslationUnits {
    /// The fields of a cookie a translator translates.
    static let cookieFields = ["purpose", "service", "location", "categoryLabel"]

    /// One place a translatable text sits in a charter.
    struct Place {
        var key: String
        var context: String
        var text: String
        var cookie: String?
        var field: String?
    }

    /// Units for every translatable text of `source`, with the targets `target` already
    /// has (compatibility entry: no previous version, no memory).
    public static func make(source: Charter, target: Charter?, report: LocaleReport?, targetLanguage: String)
        -> [TranslationUnit]
    {
        make(TranslationExport(source: source, target: target, targetLanguage: targetLanguage, report: report)).units
    }

    /// Units for every translatable text of the source: cookie texts keyed by cookie name
    /// and field, prose keyed by its alignment with the previous version, identical texts
    /// in one unit, targets from the published variant or the memory.
    public static func make(_ request: TranslationExport) -> TranslationUnitsResult {
        let source = request.source
        let target = request.target
        var notices: [String] = []
        let flagged = Dictionary(
            (request.report?.findings ?? []).filter {
                $0.language == request.targetLanguage && ($0.kind == .untranslated || $0.kind == .stale)
            }.map { ("\($0.cookie ?? "")|\($0.field ?? "")", $0.kind) }, uniquingKeysWith: { a, _ in a })
        var names: [TranslationUnit] = []
        var units: [TranslationUnit] = []
        let targetCookies = target.map { keyed($0.cookies) } ?? [:]
        let previousCookies = request.previousSource.map { keyed($0.cookies) } ?? [:]
        let previousTargetCookies = request.previousTarget.map { keyed($0.cookies) } ?? [:]
        for (key, cookie) in keyedList(source.cookies) {
            names.append(
                TranslationUnit(
                    id: "name.\(identifier(key))", context: "name of a cookie (kept as it is)", source: cookie.name,
                    target: nil, state: .initial, translatable: false))
            for field in cookieFields {
                guard let text = value(field, of: cookie), !text.isEmpty else { continue }
                let targetText = targetCookies[key].flatMap { value(field, of: $0) }
                var unit = TranslationUnit(
                    id: "cookie.\(identifier(key)).\(field)", context: "\(label(field)) of cookie \(cookie.name)",
                    source: text, target: targetText, state: targetText == nil ? .initial : .translated)
                if let before = previousCookies[key].flatMap({ value(field, of: $0) }), before != text, let targetText {
                    let updated =
                        previousTargetCookies[key].flatMap { value(field, of: $0) }.map { $0 != targetText } ?? false
                    if !updated { markStale(&unit, previous: before) }
                }
                var kind = flagged["\(cookie.name)|\(field)"]
                if kind == nil, targetText == text, source.language != target?.language { kind = .untranslated }
                switch kind {
                case .untranslated?:
                    unit.state = .initial
                    unit.notes.append("untranslated: the published text is still the source language's")
                case .stale? where unit.previousSource == nil:
                    unit.state = .initial
                    unit.notes.append("stale: the source text changed after this translation")
                default: break
                }
                units.append(unit)
            }
        }
        units += proseUnits(request, notices: &notices)
        if target != nil, request.previousSource == nil {
            notices.append("no previous version of the source given: stale texts cannot be told; give --previous FILE")
        }
        units = request.memory.fill(units, notices: &notices)
        return TranslationUnitsResult(units: names + shared(units), notices: notices)
    }

    static func markStale(_ unit: inout TranslationUnit, previous: String) {
        unit.state = .initial
        unit.previousSource = previous
        unit.notes.append("stale: the source text changed after this translation (previous source in the file)")
    }

    /// One prose text: a heading or a paragraph, with the section it belongs to.
    struct ProseItem {
        var section: Int
        var paragraph: Int?
        var text: String
        var heading: String?

        var shape: String { "\(section).\(paragraph == nil ? "h" : "p")" }
        var context: String {
            guard let paragraph else { return "heading of section \(section + 1)" }
            return "paragraph \(paragraph + 1) of “\(heading ?? "—")”"
        }
    }

    static func prose(_ charter: Charter) -> [ProseItem] {
        var items: [ProseItem] = []
        for (index, section) in charter.sections.enumerated() {
            if let heading = section.heading, !heading.isEmpty {
                items.append(ProseItem(section: index, paragraph: nil, text: heading, heading: heading))
            }
            for (position, paragraph) in section.paragraphs.enumerated() where !paragraph.isEmpty {
                items.append(ProseItem(section: index, paragraph: position, text: paragraph, heading: section.heading))
            }
        }
        return items
    }

    /// Prose units: keyed by content as first seen (an edited text keeps its previous
    /// text's key), targets paired only where the published prose lines up.
    static func proseUnits(_ request: TranslationExport, notices: inout [String]) -> [TranslationUnit] {
        let items = prose(request.source)
        let old = request.previousSource.map(prose)
        let alignment = old.map { ProseAlignment.align($0.map(\.text), items.map(\.text)) }
        let published = request.target.map(prose)
        let previousPublished = request.previousTarget.map(prose)
        // Where each new text's published translation is: the target follows the new
        // version's layout, or the previous one's (then through the alignment).
        var targetIndex: (Int) -> Int? = { _ in nil }
        var followsNew = false
        if let published {
            if published.map(\.shape) == items.map(\.shape) {
                targetIndex = { $0 }
                followsNew = true
            } else if let old, let alignment, published.map(\.shape) == old.map(\.shape) {
                targetIndex = { alignment[$0] }
            } else if !items.isEmpty {
                notices.append(
                    "the published \(request.targetLanguage) prose does not line up with the source's"
                        + (old == nil ? " (give --previous FILE for the source version it translates)" : "")
                        + ": prose targets not pre-filled")
            }
        }
        var used: [String: String] = [:]
        var units: [TranslationUnit] = []
        for (index, item) in items.enumerated() {
            let before = alignment?[index].flatMap { old?[$0] }
            var key = "prose." + digest(before?.text ?? item.text)
            if let owner = used[key], owner != item.text { key = "prose." + digest(item.text) }
            if let owner = used[key], owner != item.text {
                key = "prose." + digest((before?.text ?? "") + "\u{0}" + item.text)
            }
            used[key] = item.text
            let targetText = targetIndex(index).flatMap { published?[$0].text }
            var unit = TranslationUnit(
                id: key, context: item.context, source: item.text, target: targetText,
                state: targetText == nil ? .initial : .translated)
            if let before, before.text != item.text, targetText != nil {
                var updated = false
                if followsNew, let oldIndex = alignment?[index], let previousPublished, let old,
                    previousPublished.map(\.shape) == old.map(\.shape)
                {
                    updated = previousPublished[oldIndex].text != targetText
                }
                if !updated { markStale(&unit, previous: before.text) }
            }
            if targetText == item.text, request.source.language != request.target?.language {
                unit.state = .initial
                unit.notes.append("untranslated: the published text is still the source language's")
            }
            units.append(unit)
        }
        return units
    }

    /// Identical source texts in one unit, every place listed; published translations
    /// that disagree are kept `initial` with both in a note.
    static func shared(_ units: [TranslationUnit]) -> [TranslationUnit] {
        var order: [String] = []
        var groups: [String: [TranslationUnit]] = [:]
        for unit in units {
            if groups[unit.source] == nil { order.append(unit.source) }
            groups[unit.source, default: []].append(unit)
        }
        return order.compactMap { source in
            guard let members = groups[source], var unit = members.first else { return nil }
            unit.places = members.map(\.context)
            guard members.count > 1 else { return unit }
            unit.id = "shared." + digest(source)
            unit.notes = [
                "shared: this text appears in \(members.count) places: " + unit.places.joined(separator: "; ")
            ]
            for note in members.flatMap(\.notes) where !unit.notes.contains(note) { unit.notes.append(note) }
            unit.previousSource = members.lazy.compactMap(\.previousSource).first
            let targets = members.compactMap(\.target)
            var distinct: [String] = []
            for target in targets where !distinct.contains(target) { distinct.append(target) }
            unit.target = distinct.first
            if distinct.count > 1 {
                unit.state = .initial
                unit.notes.append(
                    "the published translations disagree: " + distinct.map { "«\($0)»" }.joined(separator: " / "))
            } else if unit.target == nil || members.contains(where: { $0.state == .initial && $0.target != nil }) {
                unit.state = .initial
            } else {
                unit.state = .translated
            }
            return unit
        }
    }

    /// Every place of a translatable text in `charter`, in document order.
    static func places(_ charter: Charter) -> [Place] {
        var places: [Place] = []
        for (key, cookie) in keyedList(charter.cookies) {
            for field in cookieFields {
                guard let text = value(field, of: cookie), !text.isEmpty else { continue }
                places.append(
                    Place(
                        key: "cookie.\(identifier(key)).\(field)", context: "\(label(field)) of cookie \(cookie.name)",
                        text: text,
                        cookie: key, field: field))
            }
        }
        for item in prose(charter) {
            places.append(Place(key: "prose." + digest(item.text), context: item.context, text: item.text))
        }
        return places
    }

    /// The target charter: the skeleton, or `rebase`, with every translated text in place.
    ///
    /// `rebase` is the current source. Units are matched to places by their source
    /// text, which the skeleton must hold: a unit whose source it does not hold, or a
    /// text no unit translates, is a difference, and the file is refused unless re-based.
    public static func apply(_ file: TranslationFile, input: String, acceptFuzzy: Bool = false, rebase: Charter? = nil)
        -> TranslationImport
    {
        let base = rebase ?? file.skeleton
        var charter = base
        charter.language = file.targetLanguage
        charter.source = CharterSource(
            input: input, format: .json, requestedLanguage: file.targetLanguage, sha256: base.source.sha256)
        charter.warnings = []
        var differences: [String] = []
        if let recorded = file.sourceHash, recorded != file.skeleton.contentSHA256 {
            differences.append(
                "the file's skeleton is not the source it was exported from (content hash \(recorded.prefix(12))… recorded, \(file.skeleton.contentSHA256.prefix(12))… found)"
            )
        }
        let basePlaces = places(base)
        let baseTexts = Set(basePlaces.map(\.text))
        var bySource: [String: [TranslationUnit]] = [:]
        // The table's own words are not texts of the charter: they are applied apart.
        let textUnits = file.units.filter { !FragmentUnits.isFragment($0) }
        for unit in textUnits where unit.translatable { bySource[unit.source, default: []].append(unit) }
        for unit in textUnits where unit.translatable && !baseTexts.contains(unit.source) {
            differences.append("\(unit.id): its source is not a text of the source charter: «\(short(unit.source))»")
        }
        var reported = Set<String>()
        for place in basePlaces where bySource[place.text] == nil && reported.insert(place.text).inserted {
            differences.append(
                "\(place.key): a text of the source charter that no unit translates: «\(short(place.text))»")
        }
        var result = TranslationImport(
            charter: charter, skipped: [], differences: differences, disagreements: [], rebased: rebase != nil)
        if result.refused { return result }
        var translations: [String: String] = [:]
        for (source, units) in bySource.sorted(by: { $0.key < $1.key }) {
            let accepted = units.filter { !($0.target ?? "").isEmpty && ($0.isDone || acceptFuzzy) }
            var distinct: [String] = []
            for unit in accepted where !distinct.contains(unit.target ?? "") { distinct.append(unit.target ?? "") }
            if distinct.count > 1 {
                result.disagreements.append(
                    "«\(short(source))»: "
                        + accepted.map { "\($0.id) «\(short($0.target ?? ""))»" }.joined(separator: " / ")
                        + ": translated differently, neither published")
            } else if let translation = distinct.first {
                translations[source] = translation
            }
        }
        var skippedTexts = Set<String>()
        for unit in textUnits
        where unit.translatable && baseTexts.contains(unit.source) && translations[unit.source] == nil {
            guard skippedTexts.insert(unit.source).inserted else { continue }
            if result.disagreements.contains(where: { $0.hasPrefix("«\(short(unit.source))»") }) { continue }
            let why =
                (unit.target ?? "").isEmpty
                ? "no translation"
                : "\(unit.state == .initial ? "fuzzy or initial" : unit.state.rawValue) target not published (--accept-fuzzy publishes it)"
            result.skipped.append("\(unit.id): \(why): «\(short(unit.source))»")
        }
        var missing = 0
        for (index, (_, _)) in keyedList(charter.cookies).enumerated() {
            for field in cookieFields {
                guard let text = value(field, of: charter.cookies[index]), !text.isEmpty else { continue }
                if let translation = translations[text] {
                    set(field, of: &charter.cookies[index], to: translation)
                } else {
                    missing += 1
                }
            }
        }
        for index in charter.sections.indices {
            if let heading = charter.sections[index].heading, !heading.isEmpty {
                if let translation = translations[heading] {
                    charter.sections[index].heading = translation
                } else {
                    missing += 1
                }
            }
            for position in charter.sections[index].paragraphs.indices
            where !charter.sections[index].paragraphs[position].isEmpty {
                if let translation = translations[charter.sections[index].paragraphs[position]] {
                    charter.sections[index].paragraphs[position] = translation
                } else {
                    missing += 1
                }
            }
        }
        if missing > 0 {
            charter.warnings.append("\(missing) texts have no published translation; the source text was kept")
        }
        result.charter = charter
        result.labels = FragmentUnits.labels(file, acceptFuzzy: acceptFuzzy, skipped: &result.skipped)
        return result
    }

    static func short(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }

    /// A content key: the first 12 hex digits of the text's SHA-256.
    static func digest(_ text: String) -> String {
        String(SHA256Digest.hex(of: Data(text.utf8)).prefix(12))
    }

    /// Cookie key: the name, with its occurrence for names listed more than once.
    static func keyedList(_ cookies: [Cookie]) -> [(String, Cookie)] {
        var seen: [String: Int] = [:]
        return cookies.map { cookie in
            let count = seen[cookie.name, default: 0]
            seen[cookie.name] = count + 1
            return (count == 0 ? cookie.name : "\(cookie.name)#\(count + 1)", cookie)
        }
    }

    static func keyed(_ cookies: [Cookie]) -> [String: Cookie] {
        Dictionary(keyedList(cookies), uniquingKeysWith: { a, _ in a })
    }

    /// An XML NMTOKEN from a cookie key; names with other characters (`_ga_*`) get a
    /// short hash so that two names never share an id.
    static func identifier(_ key: String) -> String {
        let allowed = key.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" }
        let cleaned = String(allowed)
        guard cleaned != key else { return key }
        let digest = SHA256.hash(data: Data(key.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
        return cleaned + "-" + digest
    }

    static func label(_ field: String) -> String { field == "categoryLabel" ? "category label" : field }

    static func value(_ field: String, of cookie: Cookie) -> String? {
        switch field {
        case "purpose": return cookie.purpose
        case "service": return cookie.service
        case "location": return cookie.location
        case "categoryLabel": return cookie.categoryLabel
        default: return nil
        }
    }

    static func set(_ field: String, of cookie: inout Cookie, to text: String) {
        switch field {
        case "purpose": cookie.purpose = text
        case "service": cookie.service = text
        case "location": cookie.location = text
        case "categoryLabel": cookie.categoryLabel = text
        default: break
        }
    }
}
