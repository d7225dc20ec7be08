import CharterModel
import CharterReport

/// Any texts as a charter's language, title, cookie names, providers, purposes and
/// retentions, rendered as text and Markdown. A terminal must never receive a control
/// character (ESC, C1, anything but a line break) or a bidirectional override; Markdown
/// must keep one table row per cookie (no raw line break inside a row).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRenderers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // Fields separated by 0xFF, a byte no UTF-8 text holds.
    let fields = UnsafeBufferPointer(start: data, count: size).split(separator: 0xFF, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    func field(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
    var cookies: [Cookie] = []
    var index = 2
    while index < fields.count, cookies.count < 8 {
        cookies.append(Cookie(
            name: field(index), provider: field(index + 1), purpose: field(index + 2),
            category: CookieCategory.allCases[cookies.count % CookieCategory.allCases.count],
            retention: Retention(text: field(index + 3)), domain: field(index + 1)))
        index += 4
    }
    let charter = Charter(
        source: CharterSource(input: "fuzz", format: .html, declaredLanguage: field(0), sha256: "0"),
        language: field(0), title: field(1), cookies: cookies, warnings: [field(1)])

    let text = CharterTextRenderer.render(charter)
    for scalar in text.unicodeScalars {
        let value = scalar.value
        let control = (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value)
        let bidi = (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F || value == 0x061C
        if control || bidi { fatalError("text output holds U+\(String(value, radix: 16, uppercase: true))") }
    }
    let markdown = CharterMarkdownRenderer.render(charter)
    let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Name") && !$0.hasPrefix("| ---") }
    if rows.count != cookies.count {
        fatalError("Markdown has \(rows.count) table rows for \(cookies.count) cookies")
    }
    for scalar in markdown.unicodeScalars where (scalar.value < 0x20 && scalar.value != 0x0A) || scalar.value == 0x1B {
        fatalError("Markdown output holds U+\(String(scalar.value, radix: 16))")
    }
    return 0
}
