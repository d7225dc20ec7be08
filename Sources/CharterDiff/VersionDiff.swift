public import CharterLocales
public import CharterModel

/// Compares two versions of one charter cookie by cookie: matched by key (name, and
/// provider where a name appears more than once), with renames recognised among the
/// unmatched, fields compared as values (retention as a duration), and the prose
/// compared word by word per section.
public struct VersionDiff: Sendable {
    public let lexicons: LexiconSet

    public init(lexicons: LexiconSet = .embedded) { self.lexicons = lexicons }

    public func changes(from old: Charter, to new: Charter) -> (cookies: [CookieChange], prose: [ProseChange]) {
        let pairs = CookieMatching.pair(old.cookies, new.cookies)
        var changes: [CookieChange] = []
        for (before, after) in pairs.matched {
            let fields = fieldChanges(before, after)
            guard !fields.isEmpty else { continue }
            let kind: CookieChange.Kind = fields["category"] != nil ? .moved : .modified
            changes.append(CookieChange(kind: kind, cookie: after.name, fields: fields, old: before, new: after, rules: []))
        }
        var removed = pairs.removed
        var added = pairs.added
        for rename in renames(&removed, &added) { changes.append(rename) }
        for cookie in removed {
            changes.append(CookieChange(kind: .removed, cookie: cookie.name, fields: [:], old: cookie, new: nil, rules: []))
        }
        for cookie in added {
            changes.append(CookieChange(kind: .added, cookie: cookie.name, fields: [:], old: nil, new: cookie, rules: []))
        }
        return (changes, proseChanges(old.sections, new.sections))
    }

    /// Field-level differences that mean something: equal durations, reordered
    /// domain lists and folded text are no change.
    func fieldChanges(_ old: Cookie, _ new: Cookie) -> [String: FieldChange] {
        var fields: [String: FieldChange] = [:]
        func text(_ name: String, _ a: String?, _ b: String?) {
            guard a != b else { return }
            let diff = WordDiff.compare(a ?? "", b ?? "")
            fields[name] = FieldChange(old: a, new: b, words: diff.runs, rewritten: diff.rewritten)
        }
        text("name", old.name, new.name)
        text("provider", old.provider, new.provider)
        text("service", old.service, new.service)
        text("location", old.location, new.location)
        text("purpose", old.purpose, new.purpose)
        if old.category != new.category {
            fields["category"] = FieldChange(old: old.category.rawValue, new: new.category.rawValue)
        }
        if old.party != new.party {
            fields["party"] = FieldChange(old: old.party?.rawValue, new: new.party?.rawValue)
        }
        switch (old.retention, new.retention) {
        case (nil, nil): break
        case (let a?, let b?) where a.isEquivalent(to: b): break
        default: fields["retention"] = FieldChange(old: old.retention?.text, new: new.retention?.text)
        }
        // Equal text first: most cookies of a new version did not change, and building
        // the sets for every one of them was most of a diff's time.
        if old.domain != new.domain, Self.domainSet(old.domain) != Self.domainSet(new.domain) {
            fields["domain"] = FieldChange(old: old.domain, new: new.domain)
        }
        if old.extra != new.extra {
            for key in Set(old.extra.keys).union(new.extra.keys).sorted() where old.extra[key] != new.extra[key] {
                fields["extra." + key] = FieldChange(old: old.extra[key], new: new.extra[key])
            }
        }
        return fields
    }

    static func domainSet(_ text: String?) -> Set<String> {
        Set((text ?? "").lowercased().split { $0 == " " || $0 == "," || $0 == ";" }.map(String.init))
    }

    /// An unmatched removed and added cookie with the same provider and otherwise
    /// near-identical fields are one cookie renamed.
    func renames(_ removed: inout [Cookie], _ added: inout [Cookie]) -> [CookieChange] {
        var result: [CookieChange] = []
        for old in removed {
            guard let provider = old.provider.map(CookieMatching.bare), !provider.isEmpty else { continue }
            let candidates = added.enumerated().filter { _, new in
                new.provider.map(CookieMatching.bare) == provider && new.category == old.category && new.party == old.party
            }
            let scored = candidates.map { entry -> (Int, Double) in
                (entry.offset, Self.similarity(old.purpose, entry.element.purpose))
            }
            guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= 0.8 else { continue }
            let new = added[best.0]
            let retentionSame = old.retention.map { r in new.retention.map(r.isEquivalent) ?? false } ?? (new.retention == nil)
            guard retentionSame || old.retention == nil || new.retention == nil else { continue }
            var fields = fieldChanges(old, new)
            fields["name"] = FieldChange(old: old.name, new: new.name)
            let evidence = "same provider (\(new.provider ?? "")), same category (\(new.category.rawValue)), purpose \(Int((best.1 * 100).rounded()))% alike"
                + (retentionSame ? ", same retention" : "")
            result.append(CookieChange(
                kind: .renamed, cookie: new.name, previousName: old.name, evidence: evidence, fields: fields, old: old,
                new: new, rules: []))
            added.remove(at: best.0)
        }
        let renamedOld = Set(result.compactMap(\.previousName))
        removed.removeAll { renamedOld.contains($0.name) }
        return result
    }

    /// Jaccard similarity of the word sets of two texts (1 when both are empty).
    static func similarity(_ a: String?, _ b: String?) -> Double {
        let wordsA = Set(LexiconText.words(normalized: LexiconText.normalize(a ?? "")))
        let wordsB = Set(LexiconText.words(normalized: LexiconText.normalize(b ?? "")))
        if wordsA.isEmpty && wordsB.isEmpty { return 1 }
        return Double(wordsA.intersection(wordsB).count) / Double(max(1, wordsA.union(wordsB).count))
    }

    /// Sections matched by heading, in order; each changed one diffed paragraph by
    /// paragraph, then word by word (`WordDiff.compare(paragraphs:_:)`).
    func proseChanges(_ old: [Section], _ new: [Section]) -> [ProseChange] {
        let oldKeys = old.map { $0.heading ?? "" }
        var changes: [ProseChange] = []
        var remaining = Dictionary(grouping: old.indices, by: { oldKeys[$0] })
        for section in new {
            let key = section.heading ?? ""
            if let index = remaining[key]?.first {
                remaining[key]?.removeFirst()
                // Compared as words: paragraphs split or joined differently say the same.
                if old[index].paragraphs.joined(separator: " ") != section.paragraphs.joined(separator: " ") {
                    let diff = WordDiff.compare(paragraphs: old[index].paragraphs, section.paragraphs)
                    let paragraphs = diff.paragraphs.map { paragraph in
                        ProseParagraph(
                            kind: paragraph.new.map(section.kind(at:)) ?? paragraph.old.map(old[index].kind(at:)) ?? .text,
                            words: paragraph.runs)
                    }
                    changes.append(
                        ProseChange(
                            kind: .modified, heading: section.heading, words: diff.runs, rewritten: diff.rewritten,
                            paragraphs: paragraphs))
                }
            } else {
                changes.append(Self.whole(section, kind: .added, operation: .insert))
            }
        }
        for index in remaining.values.flatMap({ $0 }).sorted() {
            changes.append(Self.whole(old[index], kind: .removed, operation: .delete))
        }
        return changes
    }

    /// A section added or removed, shown whole, paragraph by paragraph.
    static func whole(_ section: Section, kind: ProseChange.Kind, operation: WordRun.Operation) -> ProseChange {
        let text = section.paragraphs.joined(separator: " ")
        return ProseChange(
            kind: kind, heading: section.heading, words: text.isEmpty ? [] : [WordRun(operation: operation, text: text)],
            paragraphs: section.paragraphs.indices.compactMap { index in
                section.paragraphs[index].isEmpty
                    ? nil : ProseParagraph(kind: section.kind(at: index), words: [WordRun(operation: operation, text: section.paragraphs[index])])
            })
    }
}

/// Pairing cookies of two versions by key.
enum CookieMatching {
    /// Provider names compared without case and footnote marks ("Realytics**").
    static func bare(_ provider: String) -> String {
        var text = Substring(provider.lowercased())
        while let first = text.first, footnoteMarks.contains(first) { text.removeFirst() }
        while let last = text.last, footnoteMarks.contains(last) { text.removeLast() }
        return String(text)
    }

    private static let footnoteMarks: Set<Character> = [" ", "*", "†", "‡"]

    /// Cookies matched by name; a name listed several times is matched by provider,
    /// then in order.
    static func pair(_ old: [Cookie], _ new: [Cookie]) -> (matched: [(Cookie, Cookie)], removed: [Cookie], added: [Cookie]) {
        var unmatchedNew = Array(new.indices)
        var matched: [(Cookie, Cookie)] = []
        var removed: [Cookie] = []
        let newByName = Dictionary(grouping: new.indices, by: { new[$0].name })
        var used = Set<Int>()
        for cookie in old {
            let candidates = (newByName[cookie.name] ?? []).filter { !used.contains($0) }
            let provider = candidates.count > 1 ? cookie.provider.map(bare) : nil
            let sameProvider = candidates.count > 1 ? candidates.first { new[$0].provider.map(bare) == provider } : nil
            if let index = sameProvider ?? candidates.first {
                used.insert(index)
                matched.append((cookie, new[index]))
            } else {
                removed.append(cookie)
            }
        }
        unmatchedNew.removeAll { used.contains($0) }
        return (matched, removed, unmatchedNew.map { new[$0] })
    }
}
