public import CharterLocales
public import CharterModel
internal import Foundation
internal import Plot

/// A charter's cookie tables as an HTML fragment ready to publish: a title, then one table
/// per category, every word charter writes in the language of `strings` (the page's):
/// the title, the column headers, category headings the page does not give, and
/// retentions, rendered from their amount and unit ("13 mois" is "13 Monate" in a German
/// table). Every text is escaped.
public enum CharterHTMLTableRenderer {
    /// - Parameter labels: the table's own words as a translator wrote them (title,
    ///   headers, category headings, by report-string key), over charter's.
    public static func render(_ charter: Charter, strings: ReportStrings, labels: [String: String] = [:]) -> String {
        let word: (String) -> String = { labels[$0] ?? strings.published($0) }
        let groups = CookieCategory.allCases.compactMap { category -> (String, [Cookie])? in
            let cookies = charter.cookies.filter { $0.category == category }
            guard !cookies.isEmpty else { return nil }
            return (cookies.first?.categoryLabel ?? word("table.category.\(category.rawValue)"), cookies)
        }
        // The service column when any cookie names one, in every table alike.
        let service = charter.cookies.contains { !($0.service ?? "").isEmpty }
        let text: (String) -> Node<HTML.BodyContext> = { DiffHTMLRenderer.text($0) }
        let header: (String) -> Node<HTML.TableRowContext> = { .th(.text(word("table.header." + $0))) }
        let fragment = Node<HTML.BodyContext>.div(
            .class("charter-cookies"),
            // Plot does not escape attribute values: only a well-formed tag is written.
            .unwrap(charter.language.flatMap(LanguageTag.wellFormed)) { .attribute(named: "lang", value: $0) },
            .h2(text(word("table.title"))),
            .forEach(groups) { label, cookies in
                .group(
                    .h3(text(label)),
                    .table(
                        .thead(.tr(header("name"), .if(service, header("service")), header("provider"), header("purpose"),
                                   header("retention"))),
                        .tbody(.forEach(cookies) { cookie in
                            .tr(.td(.code(text(cookie.name))), .if(service, .td(text(cookie.service ?? ""))),
                                .td(text(cookie.provider ?? "")), .td(text(cookie.purpose ?? "")),
                                .td(text(cookie.retention.map { retention($0, charter: charter, strings: strings) } ?? "")))
                        })))
            })
        return fragment.render(indentedBy: .spaces(1)) + "\n"
    }

    /// A retention in the table's language: from its amount and unit, or "end of session".
    /// A language without those words keeps the page's text when that text is written
    /// in it (its duration words are the language's), else gets English: never another
    /// language's words ("13 mois" in a Spanish table).
    public static func retention(
        _ retention: Retention, charter: Charter, strings: ReportStrings, lexicons: LexiconSet = .embedded
    ) -> String {
        let ownText = writtenIn(strings.requested, retention, lexicons: lexicons)
        func words(_ key: String) -> String? {
            strings.own(key) ?? (ownText || strings.published(key) == key ? nil : strings.published(key))
        }
        if retention.session, retention.seconds ?? 0 == 0, let session = words("retention.session") {
            return session
        }
        if let amount = retention.amount, let unit = retention.unit,
            let template = words("retention.\(unit).\(amount == 1 ? "one" : "other")")
        {
            return format(template, amount)
        }
        return retention.text
    }

    /// Whether a retention's text uses the language's own word for its unit (or session).
    static func writtenIn(_ language: String, _ retention: Retention, lexicons: LexiconSet) -> Bool {
        guard let durations = lexicons.lexicons[language]?.durations else { return false }
        let text = LexiconText.normalize(retention.text)
        let words = Set(LexiconText.words(normalized: text).map(String.init))
        if retention.session {
            return durations.session.contains { LexiconText.containsBytes(of: LexiconText.normalize($0), in: text) }
        }
        guard let unit = retention.unit else { return false }
        return (durations.units[unit] ?? []).contains { words.contains(LexiconText.normalize($0)) }
    }

    private static func format(_ template: String, _ amount: Int64) -> String {
        template.replacingOccurrences(of: "{n}", with: String(amount))
    }
}
