internal import CharterStore
public import Foundation
internal import AsyncHTTPClient
internal import CharterHTML
internal import CharterModel
internal import NIOCore
internal import NIOHTTP1

/// Tells people: a webhook POST of the round's JSON summary (retried), and an Atom feed
/// of the latest changes and failures, rebuilt from the store after every round.
public enum Notifier {
    /// POSTs `json` to `url`: 3 attempts, 2 s apart, each bounded by `timeout`.
    public static func webhook(_ url: String, json: Data, timeout: Double) async -> String? {
        await post(url, timeout: timeout) { .bytes(ByteBuffer(bytes: json)) }
    }

    /// POSTs the JSON file at `document`, read in chunks as it is sent: a round's summary
    /// of any size is never held whole.
    public static func webhook(_ url: String, document: URL, timeout: Double) async -> String? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: document.path))?[.size] as? Int else {
            return "the webhook was not sent: \(document.path) cannot be read"
        }
        return await post(url, timeout: timeout) { .stream(FileChunks(path: document.path), length: .known(Int64(size))) }
    }

    /// 3 attempts, 2 s apart, each bounded by `timeout`, each with a fresh `body`.
    static func post(_ url: String, timeout: Double, body: () -> HTTPClientRequest.Body) async -> String? {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else { return "the webhook URL must be http or https" }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { Task { try? await client.shutdown() } }
        var lastError = "no attempt made"
        for attempt in 1...3 {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "charter/1.0 (watch notification)")
            request.body = body()
            do {
                let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
                _ = try? await response.body.collect(upTo: 1 << 20)
                if (200..<300).contains(Int(response.status.code)) { return nil }
                lastError = "HTTP \(response.status.code)"
            } catch {
                lastError = "\(error)"
            }
            if attempt < 3 { try? await Task.sleep(nanoseconds: 2_000_000_000) }
        }
        return "the webhook failed 3 times: \(lastError)"
    }

    /// The feed's text alone: `atomFeed(_:title:updated:)` also counts what was replaced.
    public static func atom(_ events: [WatchEvent], title: String, updated: Date) throws -> String {
        try atomFeed(events, title: title, updated: updated).xml
    }

    /// An Atom 1.0 feed of the store's latest events (new versions and failures).
    ///
    /// Titles hold what servers sent (a language, a reason): what XML cannot hold becomes
    /// U+FFFD, and is counted for the caller's warning.
    public static func atomFeed(_ events: [WatchEvent], title: String, updated: Date) throws -> AtomFeed {
        var xml = try XMLWriter()
        xml.start("feed", namespace: "http://www.w3.org/2005/Atom")
        xml.element("id", text: "urn:charter:watch")
        xml.element("title", text: title)
        xml.element("updated", text: CharterJSON.timestamp(events.first?.at ?? updated))
        xml.start("author")
        xml.element("name", text: "charter watch")
        xml.end()
        for event in events {
            xml.start("entry")
            xml.element("id", text: "urn:charter:check:\(event.check)")
            xml.element("title", text: event.title)
            xml.element("updated", text: CharterJSON.timestamp(event.at))
            if let report = event.report {
                xml.start("link")
                xml.attribute("rel", "alternate")
                xml.attribute("type", "text/html")
                xml.attribute("href", URL(fileURLWithPath: report).absoluteString)
                xml.end()
            }
            xml.start("content")
            xml.attribute("type", "text")
            xml.text(event.summary)
            xml.end()
            xml.end()
        }
        xml.end()
        let replaced = xml.replacedCharacters
        return AtomFeed(xml: try xml.finish(), replacedCharacters: replaced)
    }
}

/// A written feed, and the warning to show when some characters could not be kept.
public struct AtomFeed: Sendable {
    public let xml: String
    /// Characters XML cannot hold (control characters, U+FFFE, U+FFFF) written as U+FFFD.
    public let replacedCharacters: Int

    public var warning: String? {
        guard replacedCharacters > 0 else { return nil }
        let count = replacedCharacters == 1 ? "1 character" : "\(replacedCharacters) characters"
        return "\(count) that the Atom feed cannot hold (control characters, U+FFFE, U+FFFF): written as U+FFFD"
    }
}

/// A file as a sequence of 64 KiB buffers, opened when the sequence is read.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let path: String

    final class AsyncIterator: AsyncIteratorProtocol {
        let path: String
        var handle: FileHandle?

        init(path: String) { self.path = path }
        deinit { try? handle?.close() }

        func next() async throws -> ByteBuffer? {
            if handle == nil { handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)) }
            guard let chunk = try handle?.read(upToCount: 1 << 16), !chunk.isEmpty else { return nil }
            return ByteBuffer(bytes: chunk)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(path: path) }
}

/// One entry of the feed: a new version or a failed check.
public struct WatchEvent: Sendable {
    public var check: Int64
    public var at: Date
    public var title: String
    public var summary: String
    public var report: String?

    public init(check: Int64, at: Date, title: String, summary: String, report: String?) {
        self.check = check
        self.at = at
        self.title = title
        self.summary = summary
        self.report = report
    }
}
