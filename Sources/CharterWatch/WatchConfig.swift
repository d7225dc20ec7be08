internal import CharterModel
public import CharterFetch
public import CharterRender
public import Foundation
internal import Yams

/// `charter.yml`: what to watch and how.
public struct WatchConfig: Sendable, Decodable {
    public struct Source: Sendable, Decodable {
        public var id: String
        public var url: String
        public var languages: [String]
        public var method: LanguageMethod
        /// An XPath limiting extraction to part of the page.
        public var scope: String?
        /// When to load the page in headless Chromium (default `auto`: only when the
        /// served page has no table and embeds a consent manager).
        public var render: RenderMode
        /// Until when the source's failures raise no alarm (`muted: until 2026-12-31`):
        /// a source known to be broken. It is still checked, and its changes are
        /// reported as ever: a re-consent is never muted.
        public var mutedUntil: Date?

        enum CodingKeys: String, CodingKey, CaseIterable { case id, url, languages, method, scope, render, muted }

        public func isMuted(at date: Date) -> Bool { mutedUntil.map { date < $0 } ?? false }

        /// A `file:///path` source, read from disk (`--allow-files` only).
        public var isFile: Bool { url.lowercased().hasPrefix("file:///") }

        public init(from decoder: any Decoder) throws {
            try UnknownKeys.check(decoder, known: CodingKeys.allCases.map(\.rawValue))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            url = try c.decode(String.self, forKey: .url)
            // `languages: fr` is one language, as a reader means it.
            let written = try (try? c.decodeIfPresent([String].self, forKey: .languages))
                ?? c.decodeIfPresent(String.self, forKey: .languages).map { [$0] } ?? []
            // A language reaches a Cookie header, a URL and the store's series: only a tag.
            if let bad = written.first(where: { !LanguageTag.isWellFormed($0) }) {
                throw DecodingError.dataCorruptedError(
                    forKey: .languages, in: c, debugDescription: "\"\(bad)\" is not a BCP 47 language tag (e.g. fr, en, pt-BR)")
            }
            // "EN" and "en" are one language, and one series in the store.
            languages = []
            for language in written.map(LanguageTag.canonical) where !languages.contains(language) { languages.append(language) }
            method = try c.decodeIfPresent(LanguageMethod.self, forKey: .method) ?? (url.contains("{lang}") ? .template : .cookie)
            scope = try c.decodeIfPresent(String.self, forKey: .scope)
            render = try c.decodeIfPresent(RenderMode.self, forKey: .render) ?? .auto
            if let muted = try c.decodeIfPresent(String.self, forKey: .muted) {
                guard let until = Self.muteEnd(muted) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .muted, in: c, debugDescription: "\"\(muted)\" is not \"until YYYY-MM-DD\" (or a date and time)")
                }
                mutedUntil = until
            }
        }

        /// `until 2026-12-31` (the end of that day, UTC), or an ISO 8601 date and time.
        static func muteEnd(_ text: String) -> Date? {
            var value = text.trimmingCharacters(in: .whitespaces)
            if value.lowercased().hasPrefix("until ") { value = String(value.dropFirst(6)).trimmingCharacters(in: .whitespaces) }
            if let instant = ISO8601DateFormatter().date(from: value) { return instant }
            let day = ISO8601DateFormatter()
            day.formatOptions = [.withFullDate]
            return day.date(from: value).map { $0.addingTimeInterval(86_400) }
        }
    }

    /// Where alerts go: a webhook, an Atom feed, Apprise's services.
    ///
    /// Secrets (the signing secret, Apprise URLs with their tokens) are best kept in files
    /// beside the configuration (`secret_file`, `apprise_file`), since configurations get
    /// committed; `load` reads them, and nothing charter prints repeats them.
    public struct Notify: Sendable, Decodable, CustomStringConvertible {
        public var webhook: String?
        public var atom: String?
        /// Post the webhook (and Apprise) every round; by default only when a check changed
        /// or failed.
        public var always: Bool
        /// The http(s) URL under which the HTML reports folder is served.
        ///
        /// Feed entries, the webhook's summary and Apprise messages link to reports there.
        /// No link without it (a `file://` path means nothing to a reader elsewhere).
        public var reportBaseURL: String?
        /// The feed's own URL, its `rel="self"` link; none when not given.
        public var feedURL: String?
        /// The webhook's HMAC-SHA256 key: `secret:` as written, or after `load` the
        /// content of `secret_file` (trailing line break removed).
        public var secret: String?
        public var secretFile: String?
        /// Apprise URLs: `apprise:` as written, and after `load` those of `apprise_file`
        /// too (one a line; blank lines and `#` comments skipped).
        public var apprise: [String]
        public var appriseFile: String?
        /// The Apprise command (a path, or a name looked up on PATH); default `apprise`.
        public var appriseCommand: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case webhook, atom, always, secret, apprise
            case reportBaseURL = "report_base_url"
            case feedURL = "feed_url"
            case secretFile = "secret_file"
            case appriseFile = "apprise_file"
            case appriseCommand = "apprise_command"
        }

        public init(from decoder: any Decoder) throws {
            try UnknownKeys.check(decoder, known: CodingKeys.allCases.map(\.rawValue))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            webhook = try c.decodeIfPresent(String.self, forKey: .webhook)
            atom = try c.decodeIfPresent(String.self, forKey: .atom)
            always = try c.decodeIfPresent(Bool.self, forKey: .always) ?? false
            reportBaseURL = try c.decodeIfPresent(String.self, forKey: .reportBaseURL)
            feedURL = try c.decodeIfPresent(String.self, forKey: .feedURL)
            secret = try c.decodeIfPresent(String.self, forKey: .secret)
            secretFile = try c.decodeIfPresent(String.self, forKey: .secretFile)
            // `apprise: URL` is one URL, as a reader means it.
            apprise = try (try? c.decodeIfPresent([String].self, forKey: .apprise))
                ?? c.decodeIfPresent(String.self, forKey: .apprise).map { [$0] } ?? []
            appriseFile = try c.decodeIfPresent(String.self, forKey: .appriseFile)
            appriseCommand = try c.decodeIfPresent(String.self, forKey: .appriseCommand)
        }

        /// The routes, with every secret and URL that may hold a token left out: safe to
        /// log.
        public var description: String {
            var parts: [String] = []
            if webhook != nil { parts.append("webhook" + (secret != nil ? " (signed)" : "")) }
            if let atom { parts.append("atom: \(atom)") }
            if !apprise.isEmpty { parts.append("apprise: \(apprise.count) URL\(apprise.count == 1 ? "" : "s")") }
            if always { parts.append("always") }
            return "notify(" + parts.joined(separator: ", ") + ")"
        }

        /// Checks the routes and reads the secret and Apprise files.
        ///
        /// Problems name the key and the file, never a secret or a URL (a URL may hold a
        /// token).
        mutating func resolve(_ invalid: ([ConfigLocation.Step], String) -> WatchError) throws(WatchError) {
            let at: (String) -> [ConfigLocation.Step] = { [.key("notify"), .key($0)] }
            if let webhook, !WatchConfig.isWebURL(webhook) {
                // The URL itself is not repeated: a webhook URL is often a secret.
                throw invalid(at("webhook"), "only http and https webhooks are called")
            }
            if let reportBaseURL, !WatchConfig.isWebURL(reportBaseURL) || reportBaseURL.contains(where: { "?#".contains($0) }) {
                throw invalid(
                    at("report_base_url"), "must be an http or https URL without query or fragment (the reports' file names are added to it)")
            }
            if let feedURL, !WatchConfig.isWebURL(feedURL) {
                throw invalid(at("feed_url"), "must be an http or https URL (where readers fetch the feed)")
            }
            if secret != nil, secretFile != nil { throw invalid(at("secret_file"), "give secret or secret_file, not both") }
            if secret?.isEmpty == true { throw invalid(at("secret"), "is empty") }
            if let secretFile {
                guard let text = try? String(contentsOfFile: secretFile, encoding: .utf8) else {
                    throw invalid(at("secret_file"), "\(secretFile) cannot be read")
                }
                let key = text.trimmingCharacters(in: .newlines)
                guard !key.isEmpty else { throw invalid(at("secret_file"), "\(secretFile) is empty") }
                secret = key
            }
            for (index, url) in apprise.enumerated() where !Self.isAppriseURL(url) {
                throw invalid([.key("notify"), .key("apprise"), .index(index)], "not an Apprise URL (service://…)")
            }
            if let appriseFile {
                guard let text = try? String(contentsOfFile: appriseFile, encoding: .utf8) else {
                    throw invalid(at("apprise_file"), "\(appriseFile) cannot be read")
                }
                var found = 0
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let url = line.trimmingCharacters(in: .whitespacesAndNewlines)
                    if url.isEmpty || url.hasPrefix("#") { continue }
                    guard Self.isAppriseURL(url) else {
                        throw invalid(at("apprise_file"), "\(appriseFile), line \(number + 1): not an Apprise URL (service://…)")
                    }
                    apprise.append(url)
                    found += 1
                }
                guard found > 0 else { throw invalid(at("apprise_file"), "\(appriseFile) holds no URL") }
            }
            if appriseCommand?.isEmpty == true { throw invalid(at("apprise_command"), "is empty") }
        }

        /// `service://…`: a scheme of letters, digits, `+`, `-` or `.`, then `://`, on one line.
        static func isAppriseURL(_ url: String) -> Bool {
            guard let range = url.range(of: "://"), range.lowerBound > url.startIndex,
                url[..<range.lowerBound].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
                range.upperBound < url.endIndex
            else { return false }
            return !url.contains(where: \.isNewline)
        }
    }

    public var sources: [Source]
    /// Seconds allowed for one fetch.
    public var timeout: Double
    /// Checks running at once.
    public var concurrency: Int
    /// Checks running at once against one host.
    public var perHost: Int
    /// Consecutive failed checks after which a source is reported as broken.
    public var brokenAfter: Int
    public var notify: Notify?
    /// Pages rendered at once: a browser per page is heavy.
    public var renderConcurrency: Int
    /// The Chromium to render with (default: CHARTER_CHROMIUM, else the usual places).
    public var browser: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case sources, timeout, concurrency, notify, browser
        case perHost = "per_host"
        case brokenAfter = "broken_after"
        case renderConcurrency = "render_concurrency"
    }

    public init(from decoder: any Decoder) throws {
        try UnknownKeys.check(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sources = try c.decode([Source].self, forKey: .sources)
        timeout = try c.decodeIfPresent(Double.self, forKey: .timeout) ?? 30
        concurrency = try c.decodeIfPresent(Int.self, forKey: .concurrency) ?? 4
        perHost = try c.decodeIfPresent(Int.self, forKey: .perHost) ?? 2
        brokenAfter = try c.decodeIfPresent(Int.self, forKey: .brokenAfter) ?? 3
        notify = try c.decodeIfPresent(Notify.self, forKey: .notify)
        renderConcurrency = try c.decodeIfPresent(Int.self, forKey: .renderConcurrency) ?? 1
        browser = try c.decodeIfPresent(String.self, forKey: .browser)
    }

    /// Reads and checks a configuration, with errors that name the key and its line.
    /// - Parameter allowFiles: accept `file://` sources (`charter watch --allow-files`).
    public static func load(_ text: String, allowFiles: Bool = false) throws(WatchError) -> WatchConfig {
        let location = ConfigLocation(text)
        var config: WatchConfig
        do {
            config = try YAMLDecoder().decode(WatchConfig.self, from: text)
        } catch let error as DecodingError {
            throw .invalidConfig(Self.describe(error, location))
        } catch let error as YamlError {
            throw .invalidConfig(Self.describe(error))
        } catch {
            throw .invalidConfig(String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable YAML")
        }
        func invalid(_ path: [ConfigLocation.Step], _ problem: String) -> WatchError {
            .invalidConfig(location.describe(path) + ": " + problem)
        }
        var seen = Set<String>()
        for (index, source) in config.sources.enumerated() {
            let at: (String) -> [ConfigLocation.Step] = { [.key("sources"), .index(index), .key($0)] }
            guard !source.id.isEmpty, source.id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw invalid(at("id"), "\"\(source.id)\" must be letters, digits, - _ or .")
            }
            guard seen.insert(source.id).inserted else { throw invalid(at("id"), "\(source.id) is used twice") }
            guard Self.isWebURL(source.url) || (allowFiles && source.isFile) else {
                throw invalid(at("url"), source.isFile
                    ? "only http and https URLs are watched; file URLs only with --allow-files" : "only http and https URLs are watched")
            }
        }
        guard config.timeout > 0 else { throw invalid([.key("timeout")], "must be more than 0 seconds") }
        guard config.concurrency > 0 else { throw invalid([.key("concurrency")], "must be at least 1") }
        guard config.perHost > 0 else { throw invalid([.key("per_host")], "must be at least 1") }
        guard config.renderConcurrency > 0 else { throw invalid([.key("render_concurrency")], "must be at least 1") }
        guard config.brokenAfter > 0 else { throw invalid([.key("broken_after")], "must be at least 1") }
        try config.notify?.resolve(invalid)
        return config
    }

    static func isWebURL(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return (lowered.hasPrefix("http://") || lowered.hasPrefix("https://")) && URL(string: url)?.host?.isEmpty == false
    }

    static func describe(_ error: DecodingError, _ location: ConfigLocation) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            // The line is that of the mapping the key is missing from.
            return location.describe(steps(context.codingPath) + [.key(key.stringValue)]) + ": missing"
        case .dataCorrupted(let context) where context.underlyingError is YamlError:
            return describe(context.underlyingError as! YamlError)
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return location.describe(steps(context.codingPath)) + ": " + context.debugDescription
        @unknown default:
            return String(describing: error)
        }
    }

    /// A YAML syntax error: libYAML's problem and where.
    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return "line \(mark.line): \(problem)"
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable YAML"
        }
    }

    static func steps(_ keys: [any CodingKey]) -> [ConfigLocation.Step] {
        keys.map { $0.intValue.map(ConfigLocation.Step.index) ?? .key($0.stringValue) }
    }
}

/// Why a watch round could not run at all.
public enum WatchError: Error, Sendable, CustomStringConvertible {
    case invalidConfig(String)
    case locked(String)

    public var description: String {
        switch self {
        case .invalidConfig(let reason): return "the watch configuration is not valid: \(reason)"
        case .locked(let path): return "another charter watch is running on \(path); this round was not started"
        }
    }
}
