/// A URL as charter shows it in messages and reports: user-info (`user:password@`) and
/// query values (`?api_key=…`) replaced by `***`, since both often hold secrets. The
/// store keeps the URL as configured, to fetch it again; nothing charter prints does.
public enum URLRedaction {
    public static func redacted(_ url: String) -> String {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://"),
            url[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }), colon > url.startIndex
        else { return url }
        let schemeEnd = url.index(colon, offsetBy: 3)
        let afterScheme = url[schemeEnd...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        var authority = String(afterScheme[..<authorityEnd])
        if let at = authority.lastIndex(of: "@") { authority = "***" + authority[at...] }
        var rest = String(afterScheme[authorityEnd...])
        if let question = rest.firstIndex(of: "?") {
            let fragmentStart = rest[question...].firstIndex(of: "#") ?? rest.endIndex
            let query = rest[rest.index(after: question)..<fragmentStart].split(separator: "&", omittingEmptySubsequences: false).map { pair in
                guard let equals = pair.firstIndex(of: "="), pair.index(after: equals) < pair.endIndex else { return String(pair) }
                return pair[...equals] + "***"
            }
            rest = String(rest[...question]) + query.joined(separator: "&") + rest[fragmentStart...]
        }
        return url[..<schemeEnd] + authority + rest
    }
}
