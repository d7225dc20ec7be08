internal import CharterLocales
public import CharterModel

/// Pairs the parts (sections, or the paragraphs of a section) of two language variants
/// without understanding either language, in time linear in their text.
///
/// Translations keep what no language translates: numbers, names, domains, brands
/// ("13", "Matomo", "_pk_id", "example.org"). A word of four letters or more, or any
/// token with a digit, found in exactly one part on each side votes for pairing those
/// two parts; parts that are each other's best are paired, kept in an order both sides
/// agree on (`ParagraphAlignment`), and the parts between two such anchors are paired in
/// order. Where one side has more parts between two anchors, the source parts known to
/// be new (added since the previous version) are the ones left unpaired first, then the
/// last ones — unless one or two parts face one more or one less of a length that matches
/// (at the variant's length ratio to the source): a paragraph split or merged, as
/// languages do, and nothing is missing.
enum CrossLanguagePairing {
    struct Result: Equatable {
        var pairs: [Pair] = []
        var sourceOnly: [Int] = []
        var targetOnly: [Int] = []
    }

    struct Pair: Equatable {
        var source: Int
        var target: Int
    }

    /// - Parameter ratio: the variant's text length over the source's, page-wide.
    static func pair(
        _ source: [String], _ target: [String], newInSource: Set<Int> = [], ratio: Double? = nil
    ) -> Result {
        // The same number of parts and nothing new: the structure did not change.
        if source.count == target.count && newInSource.isEmpty {
            return Result(pairs: source.indices.map { Pair(source: $0, target: $0) })
        }
        let ids = votedIDs(source, target)
        let lengths = (source: source.map(\.utf8.count), target: target.map(\.utf8.count))
        func gap(_ s: Range<Int>, _ t: Range<Int>, into result: inout Result) {
            // Only where one paragraph more or less sits among one or two: a split is local,
            // and over a longer passage the length would hide a paragraph missing.
            if let ratio, !s.isEmpty, !t.isEmpty, abs(s.count - t.count) == 1, min(s.count, t.count) <= 2,
                !s.contains(where: newInSource.contains)
            {
                // The same sentences, about as long: translators split at sentence ends.
                let sourceLength = Double(s.reduce(0) { $0 + lengths.source[$1] }) * min(max(ratio, 0.8), 1.25)
                let targetLength = Double(t.reduce(0) { $0 + lengths.target[$1] })
                if s.reduce(0, { $0 + sentences(source[$1]) }) == t.reduce(0, { $0 + sentences(target[$1]) }),
                    abs(sourceLength - targetLength) <= 0.35 * max(sourceLength, targetLength)
                {
                    // Split or merged: each part paired with the other side's closest in order.
                    for index in s {
                        let at = t.lowerBound + (index - s.lowerBound) * t.count / s.count
                        result.pairs.append(Pair(source: index, target: at))
                    }
                    return
                }
            }
            Self.gap(s, t, newInSource: newInSource, into: &result)
        }
        var work = 0
        var result = Result()
        var nextSource = 0
        var nextTarget = 0
        let anchors = ParagraphAlignment.anchors(ids.source, ids.target, work: &work)
        for anchor in anchors {
            gap(nextSource..<anchor.old, nextTarget..<anchor.new, into: &result)
            result.pairs.append(Pair(source: anchor.old, target: anchor.new))
            nextSource = anchor.old + 1
            nextTarget = anchor.new + 1
        }
        gap(nextSource..<source.count, nextTarget..<target.count, into: &result)
        result.pairs.sort { $0.source < $1.source }
        result.sourceOnly.sort()
        result.targetOnly.sort()
        return result
    }

    /// Parts paired by votes share an id; every other part has an id of its own.
    private static func votedIDs(_ source: [String], _ target: [String]) -> (source: [Int], target: [Int]) {
        let sourceMarks = source.map(marks)
        let targetMarks = target.map(marks)
        // Where a mark occurs: the part's index when in one part only, else -1.
        func places(_ parts: [Set<Substring>]) -> [Substring: Int] {
            var places: [Substring: Int] = [:]
            for (index, marks) in parts.enumerated() {
                for mark in marks { places[mark] = places[mark] == nil ? index : -1 }
            }
            return places
        }
        let inSource = places(sourceMarks)
        let inTarget = places(targetMarks)
        var votes: [Int: [Int: Int]] = [:]
        for (mark, s) in inSource where s >= 0 {
            if let t = inTarget[mark], t >= 0 { votes[s, default: [:]][t, default: 0] += 1 }
        }
        func better(_ a: (Int, Int), than b: (Int, Int)?) -> Bool {
            guard let b else { return true }
            return a.1 != b.1 ? a.1 > b.1 : a.0 < b.0
        }
        var bestTarget: [Int: (Int, Int)] = [:]
        var bestSource: [Int: (Int, Int)] = [:]
        for (s, row) in votes {
            for (t, count) in row {
                if better((t, count), than: bestTarget[s]) { bestTarget[s] = (t, count) }
                if better((s, count), than: bestSource[t]) { bestSource[t] = (s, count) }
            }
        }
        let sourceIDs = Array(source.indices)
        var targetIDs = target.indices.map { source.count + $0 }
        for (s, best) in bestTarget where bestSource[best.0]?.0 == s {
            targetIDs[best.0] = s
        }
        return (sourceIDs, targetIDs)
    }

    private static func gap(
        _ source: Range<Int>, _ target: Range<Int>, newInSource: Set<Int>, into result: inout Result
    ) {
        var sourceGap = Array(source)
        if sourceGap.count > target.count {
            var surplus = sourceGap.count - target.count
            var kept: [Int] = []
            for index in sourceGap {
                if surplus > 0 && newInSource.contains(index) {
                    result.sourceOnly.append(index)
                    surplus -= 1
                } else {
                    kept.append(index)
                }
            }
            sourceGap = kept
        }
        let paired = min(sourceGap.count, target.count)
        for offset in 0..<paired {
            result.pairs.append(Pair(source: sourceGap[offset], target: target.lowerBound + offset))
        }
        result.sourceOnly += sourceGap.dropFirst(paired)
        result.targetOnly += target.dropFirst(paired)
    }

    /// How many sentences a text has: ends of sentence (`.`, `!`, `?`, `…` and their
    /// full-width forms) before a space or the end, counting the last sentence without one.
    static func sentences(_ text: String) -> Int {
        var count = 0
        var pending = false
        var previous: Character = " "
        for character in text {
            if character.isWhitespace {
                if ".!?…。！？".contains(previous) && pending {
                    count += 1
                    pending = false
                }
            } else if character.isLetter || character.isNumber {
                pending = true
            }
            previous = character
        }
        return count + (pending ? 1 : 0)
    }

    /// The tokens a translation is likely to keep.
    ///
    /// Tokens keep digits and the `_ . @ -` inside names and domains ("_pk_id",
    /// "exemple.fr", "13"), not at their ends.
    static func marks(_ text: String) -> Set<Substring> {
        let lowered = text.lowercased()
        var marks: Set<Substring> = []
        for token in lowered.split(whereSeparator: { !($0.isLetter || $0.isNumber || "_.@-".contains($0)) }) {
            var mark = token
            while let first = mark.first, ".-".contains(first) { mark = mark.dropFirst() }
            while let last = mark.last, ".-".contains(last) { mark = mark.dropLast() }
            if mark.count >= 4 || mark.contains(where: \.isNumber) { marks.insert(mark) }
        }
        return marks
    }
}

/// How a section of the source changed since its previous version, paragraph by paragraph.
struct SourceChanges {
    /// Paragraphs added since the previous version.
    var added: Set<Int> = []
    /// Paragraphs edited since the previous version, with their previous text.
    var changed: [Int: String] = [:]
    /// How many paragraphs of the previous version are gone.
    var removed = 0

    /// Same-language alignment: equal paragraphs anchor, and the ones between anchors
    /// pair in order (an edit), the longer side's rest added or removed.
    init(previous: [String]?, current: [String]) {
        guard let previous else {
            return
        }
        let (old, new) = ParagraphAlignment.ids(previous, current)
        var work = 0
        var o = 0
        var n = 0
        func gap(_ oldRange: Range<Int>, _ newRange: Range<Int>) {
            let paired = min(oldRange.count, newRange.count)
            for offset in 0..<paired { changed[newRange.lowerBound + offset] = previous[oldRange.lowerBound + offset] }
            added.formUnion(newRange.dropFirst(paired))
            removed += max(0, oldRange.count - paired)
        }
        for anchor in ParagraphAlignment.anchors(old, new, work: &work) {
            gap(o..<anchor.old, n..<anchor.new)
            o = anchor.old + 1
            n = anchor.new + 1
        }
        gap(o..<old.count, n..<new.count)
    }
}

extension LocaleAlign {
    /// Paragraphs added, removed and changed per section, and paragraphs left in the
    /// source language.
    ///
    /// Sections and paragraphs are paired across the languages by
    /// `CrossLanguagePairing`; with the source's previous version, the source paragraphs
    /// new or edited since then are known, and with the variant's previous version too,
    /// whether the variant followed.
    func compareProse(
        _ source: Charter, _ target: Charter, language: String, sourceLanguage: String, previousSource: Charter?,
        previousTarget: Charter?
    ) -> [LocaleFinding] {
        var findings: [LocaleFinding] = []
        func add(
            _ kind: LocaleFinding.Kind, _ severity: LocaleFinding.Severity, _ message: String, _ sourceText: String?,
            _ targetText: String?, section: String?, blamed: String? = nil
        ) {
            findings.append(
                LocaleFinding(
                    kind: kind, severity: severity, language: blamed ?? language, cookie: nil, field: "paragraph",
                    message: message,
                    source: sourceText, target: targetText, section: section))
        }
        if source.sections.count != target.sections.count {
            findings.append(
                LocaleFinding(
                    kind: .proseMismatch, severity: .cosmetic, language: language, cookie: nil, field: "sections",
                    message:
                        "\(source.sections.count) sections in \(sourceLanguage), \(target.sections.count) in \(language)",
                    source: nil, target: nil))
        }
        func heading(_ section: Section) -> String { section.heading ?? "—" }
        func previousSection(_ section: Section, at index: Int, in charter: Charter?, count: Int) -> Section? {
            guard let charter else { return nil }
            if let same = charter.sections.first(where: { $0.heading == section.heading }) { return same }
            return charter.sections.count == count && index < charter.sections.count ? charter.sections[index] : nil
        }
        // How much longer the variant's prose is than the source's: languages differ.
        let sourceLength = source.sections.reduce(0) { $0 + $1.paragraphs.reduce(0) { $0 + $1.utf8.count } }
        let targetLength = target.sections.reduce(0) { $0 + $1.paragraphs.reduce(0) { $0 + $1.utf8.count } }
        let ratio = sourceLength > 0 && targetLength > 0 ? Double(targetLength) / Double(sourceLength) : nil
        let previousHeadings = Set(previousSource?.sections.map(\.heading) ?? [])
        let newSections =
            previousSource == nil
            ? [] : Set(source.sections.indices.filter { !previousHeadings.contains(source.sections[$0].heading) })
        let sections = CrossLanguagePairing.pair(
            source.sections.map { ([$0.heading ?? ""] + $0.paragraphs).joined(separator: "\n") },
            target.sections.map { ([$0.heading ?? ""] + $0.paragraphs).joined(separator: "\n") },
            newInSource: newSections)
        for index in sections.sourceOnly {
            let section = source.sections[index]
            for paragraph in section.paragraphs {
                add(
                    .paragraphAdded, .functional,
                    "the section “\(heading(section))” of \(sourceLanguage) has no counterpart in \(language)",
                    paragraph, nil,
                    section: section.heading)
            }
        }
        for index in sections.targetOnly {
            let section = target.sections[index]
            for paragraph in section.paragraphs {
                add(
                    .paragraphRemoved, .functional,
                    "the section “\(heading(section))” of \(language) has no counterpart in \(sourceLanguage)", nil,
                    paragraph,
                    section: section.heading)
            }
        }
        for pair in sections.pairs {
            let sourceSection = source.sections[pair.source]
            let targetSection = target.sections[pair.target]
            let name = heading(sourceSection)
            let before = previousSection(
                sourceSection, at: pair.source, in: previousSource, count: source.sections.count)
            let changes = SourceChanges(
                previous: previousSource == nil ? nil : (before?.paragraphs ?? []), current: sourceSection.paragraphs)
            let targetBefore = previousSection(
                targetSection, at: pair.target, in: previousTarget, count: target.sections.count)
            let paragraphs = CrossLanguagePairing.pair(
                sourceSection.paragraphs, targetSection.paragraphs, newInSource: changes.added, ratio: ratio)
            for index in paragraphs.sourceOnly {
                let text = sourceSection.paragraphs[index]
                add(
                    .paragraphAdded, .functional,
                    changes.added.contains(index)
                        ? "a paragraph added to “\(name)” in \(sourceLanguage) is not in \(language)"
                        : "a paragraph of “\(name)” in \(sourceLanguage) has no counterpart in \(language)",
                    text, nil, section: sourceSection.heading)
            }
            for index in paragraphs.targetOnly {
                add(
                    .paragraphRemoved, .functional,
                    "a paragraph of “\(name)” in \(language) has no counterpart in \(sourceLanguage)"
                        + (changes.removed > 0 ? " (removed from \(sourceLanguage) since the previous version)" : ""),
                    nil, targetSection.paragraphs[index], section: sourceSection.heading)
            }
            for pair in paragraphs.pairs where changes.changed[pair.source] != nil {
                let text = targetSection.paragraphs[pair.target]
                if let targetBefore {
                    // The variant's previous version is known: stale only if it did not move.
                    guard pair.target < targetBefore.paragraphs.count, targetBefore.paragraphs[pair.target] == text
                    else { continue }
                    add(
                        .paragraphChanged, .functional,
                        "a paragraph of “\(name)” changed in \(sourceLanguage) but not in \(language)",
                        sourceSection.paragraphs[pair.source], text, section: sourceSection.heading)
                } else {
                    add(
                        .paragraphChanged, .functional,
                        "a paragraph of “\(name)” changed in \(sourceLanguage) since the previous version: check its \(language) text"
                            + " (--previous \(language)=… tells whether it followed)",
                        sourceSection.paragraphs[pair.source], text, section: sourceSection.heading)
                }
            }
        }
        // The same paragraph on both pages: left untranslated in the variant, or, when it
        // is in the variant's language, the source page holds the variant's text.
        var sourceParagraphs: [String: Section] = [:]
        for section in source.sections {
            for paragraph in section.paragraphs where sourceParagraphs[paragraph] == nil {
                sourceParagraphs[paragraph] = section
            }
        }
        for section in target.sections {
            for paragraph in section.paragraphs {
                guard let sourceSection = sourceParagraphs[paragraph] else { continue }
                if textLanguage(paragraph, sourceLanguage: sourceLanguage, targetLanguage: language)
                    == LanguageTag.primary(language)
                {
                    add(
                        .wrongLanguage, .functional,
                        "the \(sourceLanguage) page has a paragraph of “\(heading(sourceSection))” in \(language)",
                        paragraph,
                        paragraph, section: sourceSection.heading, blamed: sourceLanguage)
                } else if isUntranslated(
                    paragraph, source: paragraph, sourceLanguage: sourceLanguage, targetLanguage: language)
                {
                    add(
                        .untranslated, .functional,
                        "a paragraph of “\(heading(section))” is still in \(sourceLanguage)", paragraph,
                        paragraph, section: section.heading)
                }
            }
        }
        return findings
    }

    /// Of the two languages, the one a short text's words are in; nil when it cannot tell.
    func textLanguage(_ text: String, sourceLanguage: String, targetLanguage: String) -> String? {
        let a = LanguageTag.primary(sourceLanguage)
        let b = LanguageTag.primary(targetLanguage)
        guard a != b, LexiconText.words(text).count >= 2 else { return nil }
        return lexicons.likelyLanguage(text, among: [a, b], minimumHits: 1)
    }

    /// Paragraphs of a page in another of the compared languages than the page's own.
    ///
    /// The page holding them is the one at fault. A variant's paragraph in the source
    /// language is called untranslated, as the comparison calls it.
    func wrongLanguageParagraphs(_ variant: LocaleVariant, languages: [String], sourceLanguage: String)
        -> [LocaleFinding]
    {
        let own = LanguageTag.primary(variant.requested)
        let candidates = Array(Set(languages.map(LanguageTag.primary))).sorted()
        guard candidates.count > 1 else { return [] }
        let isSource = own == LanguageTag.primary(sourceLanguage)
        var findings: [LocaleFinding] = []
        for section in variant.charter.sections {
            for paragraph in section.paragraphs where LexiconText.words(paragraph).count >= 6 {
                guard let found = lexicons.likelyLanguage(paragraph, among: candidates, minimumHits: 3), found != own
                else { continue }
                if !isSource && found == LanguageTag.primary(sourceLanguage) {
                    findings.append(
                        LocaleFinding(
                            kind: .untranslated, severity: .functional, language: variant.requested, cookie: nil,
                            field: "paragraph",
                            message: "a paragraph of “\(section.heading ?? "—")” is still in \(sourceLanguage)",
                            source: nil,
                            target: paragraph, section: section.heading))
                } else {
                    findings.append(
                        LocaleFinding(
                            kind: .wrongLanguage, severity: .functional, language: variant.requested, cookie: nil,
                            field: "paragraph",
                            message:
                                "the \(variant.requested) page has a paragraph of “\(section.heading ?? "—")” in \(found)",
                            source: nil, target: paragraph, section: section.heading))
                }
            }
        }
        return findings
    }
}
