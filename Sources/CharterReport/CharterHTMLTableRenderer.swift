public import CharterLocales
public import CharterModel
internal import Plot

/// A charter's cookie tables as an HTML fragment ready to publish: one table per
/// category, headers in the charter's language. Every text is escaped.
public enum CharterHTMLTableRenderer {
    public static func render(_ charter: Charter, strings: ReportStrings) -> String {
        let groups = CookieCategory.allCases.compactMap { category -> (String, [Cookie])? in
            let cookies = charter.cookies.filter { $0.category == category }
            guard !cookies.isEmpty else { return nil }
            return (cookies.first?.categoryLabel ?? category.rawValue, cookies)
        }
        let text: (String) -> Node<HTML.BodyContext> = { DiffHTMLRenderer.text($0) }
        let fragment = Node<HTML.BodyContext>.div(
            .class("charter-cookies"),
            // Plot does not escape attribute values: only a well-formed tag is written.
            .unwrap(charter.language.flatMap(LanguageTag.wellFormed)) { .attribute(named: "lang", value: $0) },
            .forEach(groups) { label, cookies in
                .group(
                    .h3(text(label)),
                    .table(
                        .thead(.tr(.th(.text(strings.fieldLabel("name"))), .th(.text(strings.fieldLabel("provider"))),
                                   .th(.text(strings.fieldLabel("purpose"))), .th(.text(strings.fieldLabel("retention"))))),
                        .tbody(.forEach(cookies) { cookie in
                            .tr(.td(.code(text(cookie.name))), .td(text(cookie.provider ?? "")), .td(text(cookie.purpose ?? "")),
                                .td(text(cookie.retention?.text ?? "")))
                        })))
            })
        return fragment.render(indentedBy: .spaces(1)) + "\n"
    }
}
