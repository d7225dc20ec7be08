public import CharterLocales
public import CharterModel

/// Aligns the language variants of one charter on cookie key against a source language,
/// and reports what is missing, extra, contradictory, untranslated or stale — the checks
/// translation tools run on PO and XLIFF files, run here on the published pages.
public struct LocaleAlign: Sendable {
    public let lexicons: LexiconSet

    public init(lexicons: LexiconSet = .embedded) { self.lexicons = lexicons }

    /// - Parameters:
    ///   - source: the language the others are compared with; the first variant's when nil.
    ///   - previous: earlier versions by language; a target text left unchanged while its
    ///     source changed is stale (gettext's fuzzy).
    public func align(_ variants: [LocaleVariant], source: String? = nil, previous: [String: Charter] = [:]) -> LocaleReport {
        let sourceLanguage = source ?? variants.first?.requested ?? ""
        var summaries: [VariantSummary] = []
        var findings: [LocaleFinding] = []
        var scanned: [LocaleFinding] = []
        let sourceVariant = variants.first { LanguageTag.primary($0.requested) == LanguageTag.primary(sourceLanguage) }
        let languages = variants.map(\.requested)

        for variant in variants {
            let language = variant.requested
            let served = variant.charter.source.servedLanguage
            let detected = variant.charter.source.detectedLanguage ?? served.map(LanguageTag.primary)
            let mismatch = detected.map { LanguageTag.primary($0) != LanguageTag.primary(language) } ?? false
            let fallback = mismatch && (detected.map { LanguageTag.primary($0) == LanguageTag.primary(sourceLanguage) } ?? false)
                && variant.requested != sourceVariant?.requested
            summaries.append(VariantSummary(
                requested: language, served: served, detected: detected, fallback: fallback,
                input: variant.charter.source.input, cookies: variant.charter.cookies.count))
            if mismatch {
                findings.append(LocaleFinding(
                    kind: .servedLanguageMismatch, severity: .critical, language: language, cookie: nil, field: nil,
                    message: "asked for \(language), the page's text is in \(detected ?? "another language")"
                        + (served.map { " (the server says \($0))" } ?? "")
                        + (fallback ? ": the site fell back to its default language" : ""),
                    source: nil, target: nil))
                continue  // Never compared as if it were the language asked.
            }
            scanned += wrongLanguageParagraphs(variant, languages: languages, sourceLanguage: sourceLanguage)
            guard let sourceVariant, variant.requested != sourceVariant.requested else { continue }
            findings += compare(
                sourceVariant.charter, variant.charter, language: language, sourceLanguage: sourceLanguage,
                previousSource: previous[sourceVariant.requested], previousTarget: previous[language])
        }
        findings = Self.withoutRepeats(findings + scanned)
        return LocaleReport(
            source: sourceLanguage, variants: summaries, findings: findings,
            completeness: Self.completeness(variants, summaries: summaries, findings: findings, source: sourceVariant))
    }

    /// One finding per text in the wrong language on a page (several variants can point
    /// at the same one), the first made kept.
    static func withoutRepeats(_ findings: [LocaleFinding]) -> [LocaleFinding] {
        var seen: Set<[String]> = []
        return findings.filter { finding in
            guard finding.kind == .wrongLanguage || finding.kind == .untranslated else { return true }
            let text = finding.cookie == nil ? (finding.target ?? finding.source ?? "") : (finding.source ?? "")
            return seen.insert([finding.kind.rawValue, finding.language, finding.cookie ?? "", finding.field ?? "", text]).inserted
        }
    }

    func compare(
        _ source: Charter, _ target: Charter, language: String, sourceLanguage: String, previousSource: Charter?,
        previousTarget: Charter?
    ) -> [LocaleFinding] {
        var findings: [LocaleFinding] = []
        func add(_ kind: LocaleFinding.Kind, _ severity: LocaleFinding.Severity, _ cookie: String?, _ field: String?,
                 _ message: String, _ sourceText: String? = nil, _ targetText: String? = nil) {
            findings.append(LocaleFinding(
                kind: kind, severity: severity, language: language, cookie: cookie, field: field, message: message,
                source: sourceText, target: targetText))
        }
        let pairs = CookieMatching.pair(source.cookies, target.cookies)
        for cookie in pairs.removed {
            add(.missing, .critical, cookie.name, nil, "\(cookie.name) is in \(sourceLanguage) but not in \(language)")
        }
        for cookie in pairs.added {
            add(.extra, .critical, cookie.name, nil, "\(cookie.name) is in \(language) but not in \(sourceLanguage)")
        }
        let previousSourceCharter = previousSource
        let previousTargetCharter = previousTarget
        let previousSource = previousSource.map { Dictionary($0.cookies.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
        let previousTarget = previousTarget.map { Dictionary($0.cookies.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }) } ?? [:]

        for (original, translated) in pairs.matched {
            let name = translated.name
            if original.category != translated.category {
                add(.categoryMismatch, .critical, name, "category",
                    "\(name) is \(original.category.rawValue) in \(sourceLanguage) but \(translated.category.rawValue) in \(language)",
                    original.categoryLabel, translated.categoryLabel)
            }
            if let a = original.party, let b = translated.party, a != b {
                add(.partyMismatch, .critical, name, "party", "\(name) is \(a.rawValue)-party in \(sourceLanguage) but \(b.rawValue)-party in \(language)")
            }
            if let a = original.retention, let b = translated.retention, !a.isEquivalent(to: b),
                a.seconds != nil || a.session, b.seconds != nil || b.session
            {
                add(.retentionMismatch, .critical, name, "retention",
                    "\(name) lives “\(a.text)” in \(sourceLanguage) but “\(b.text)” in \(language)", a.text, b.text)
            }
            for (field, a, b) in [("purpose", original.purpose, translated.purpose), ("service", original.service, translated.service),
                                  ("location", original.location, translated.location)] {
                guard let a, let b else { continue }
                if Self.numbers(a) != Self.numbers(b) {
                    add(.numberMismatch, .functional, name, field, "\(name): the \(field) has other numbers in \(language)", a, b)
                }
                if textLanguage(a, sourceLanguage: sourceLanguage, targetLanguage: language) == LanguageTag.primary(language),
                    a == b || lexicons.likelyLanguage(a, among: [LanguageTag.primary(language)], minimumHits: 2) != nil
                {
                    // The source page holds the variant's language: its fault, not the variant's.
                    findings.append(LocaleFinding(
                        kind: .wrongLanguage, severity: .functional, language: sourceLanguage, cookie: name, field: field,
                        message: "\(name): the \(field) on the \(sourceLanguage) page is in \(language)", source: a, target: b))
                } else if isUntranslated(b, source: a, sourceLanguage: sourceLanguage, targetLanguage: language) {
                    add(.untranslated, .functional, name, field, "\(name): the \(field) is still in \(sourceLanguage) in \(language)", a, b)
                } else if let before = previousSource[original.name], let targetBefore = previousTarget[translated.name],
                    Self.field(field, of: before) != a, Self.field(field, of: targetBefore) == b
                {
                    add(.stale, .functional, name, field,
                        "\(name): the \(field) changed in \(sourceLanguage) but not in \(language)", a, b)
                }
            }
        }
        findings += compareProse(
            source, target, language: language, sourceLanguage: sourceLanguage, previousSource: previousSourceCharter,
            previousTarget: previousTargetCharter)
        return findings
    }

    /// A target text is untranslated when it is the source text itself (and is made of
    /// words, not a name or a number), or when its words are the source language's.
    func isUntranslated(_ text: String, source: String, sourceLanguage: String, targetLanguage: String) -> Bool {
        // fr and fr-CA share their words: nothing is "left untranslated" between them.
        guard LanguageTag.primary(sourceLanguage) != LanguageTag.primary(targetLanguage) else { return false }
        let words = LexiconText.words(text)
        guard words.count >= 2 else { return false }
        // The same text in both: a sentence left untranslated, not a shared technical
        // term ("front office", "Google Analytics").
        if text == source {
            return words.count >= 4
                || lexicons.likelyLanguage(text, among: [LanguageTag.primary(sourceLanguage)], minimumHits: 1) != nil
        }
        return lexicons.likelyLanguage(text, among: [LanguageTag.primary(sourceLanguage), LanguageTag.primary(targetLanguage)], minimumHits: 2)
            == LanguageTag.primary(sourceLanguage)
    }

    static func numbers(_ text: String) -> [String] {
        text.split { !$0.isNumber }.map(String.init).sorted()
    }

    static func field(_ name: String, of cookie: Cookie) -> String? {
        switch name {
        case "purpose": return cookie.purpose
        case "service": return cookie.service
        case "location": return cookie.location
        default: return nil
        }
    }

}
