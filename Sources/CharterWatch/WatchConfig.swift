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

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            url = try c.decode(String.self, forKey: .url)
            languages = try c.decodeIfPresent([String].self, forKey: .languages) ?? []
            method = try c.decodeIfPresent(LanguageMethod.self, forKey: .method) ?? (url.contains("{lang}") ? .template : .cookie)
            scope = try c.decodeIfPresent(String.self, forKey: .scope)
            render = try c.decodeIfPresent(RenderMode.self, forKey: .render) ?? .auto
        }
    }

    public struct Notify: Sendable, Decodable {
        public var webhook: String?
        public var atom: String?
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

    /// Reads and checks a configuration, with errors that name the key.
    public static func load(_ text: String) throws(WatchError) -> WatchConfig {
        let config: WatchConfig
        do {
            config = try YAMLDecoder().decode(WatchConfig.self, from: text)
        } catch let error as DecodingError {
            throw .invalidConfig(Self.describe(error))
        } catch {
            throw .invalidConfig(String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable YAML")
        }
        var seen = Set<String>()
        for (index, source) in config.sources.enumerated() {
            guard !source.id.isEmpty, source.id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw .invalidConfig("sources[\(index)].id: \"\(source.id)\" must be letters, digits, - _ or .")
            }
            guard seen.insert(source.id).inserted else { throw .invalidConfig("sources[\(index)].id: \(source.id) is used twice") }
            let lowered = source.url.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
                throw .invalidConfig("sources[\(index)].url: only http and https URLs are watched")
            }
        }
        guard config.timeout > 0 else { throw .invalidConfig("timeout: must be more than 0 seconds") }
        guard config.concurrency > 0, config.perHost > 0 else { throw .invalidConfig("concurrency and per_host: must be at least 1") }
        guard config.renderConcurrency > 0 else { throw .invalidConfig("render_concurrency: must be at least 1") }
        guard config.brokenAfter > 0 else { throw .invalidConfig("broken_after: must be at least 1") }
        return config
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return path(context.codingPath + [key]) + ": missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return path(context.codingPath) + ": " + context.debugDescription
        @unknown default:
            return String(describing: error)
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().drop { $0 == "." }.description
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
