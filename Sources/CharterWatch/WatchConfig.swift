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

        enum CodingKeys: String, CodingKey { case id, url, languages, method, scope, render }

        /// A `file:///path` source, read from disk (`--allow-files` only).
        public var isFile: Bool { url.lowercased().hasPrefix("file:///") }

        public init(from decoder: any Decoder) throws {
            try UnknownKeys.check(decoder, known: ["id", "url", "languages", "method", "scope", "render"])
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
        }
    }

    public struct Notify: Sendable, Decodable {
        public var webhook: String?
        public var atom: String?
        /// Post the webhook every round; by default only when a check changed or failed.
        public var always: Bool

        enum CodingKeys: String, CodingKey { case webhook, atom, always }

        public init(from decoder: any Decoder) throws {
            try UnknownKeys.check(decoder, known: ["webhook", "atom", "always"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            webhook = try c.decodeIfPresent(String.self, forKey: .webhook)
            atom = try c.decodeIfPresent(String.self, forKey: .atom)
            always = try c.decodeIfPresent(Bool.self, forKey: .always) ?? false
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

    enum CodingKeys: String, CodingKey {
        case sources, timeout, concurrency, notify, browser
        case perHost = "per_host"
        case brokenAfter = "broken_after"
        case renderConcurrency = "render_concurrency"
    }

    public init(from decoder: any Decoder) throws {
        try UnknownKeys.check(
            decoder, known: ["sources", "timeout", "concurrency", "per_host", "broken_after", "notify", "render_concurrency", "browser"])
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
        let config: WatchConfig
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
        if let webhook = config.notify?.webhook, !Self.isWebURL(webhook) {
            // The URL itself is not repeated: a webhook URL is often a secret.
            throw invalid([.key("notify"), .key("webhook")], "only http and https webhooks are called")
        }
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
