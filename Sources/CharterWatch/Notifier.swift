internal import Foundation
internal import AsyncHTTPClient
internal import NIOCore
internal import NIOHTTP1

/// Tells people, on every route the configuration names.
///
/// A webhook POST of the round's JSON summary (signed, retried; `Webhook.swift`), an Atom
/// feed of changes, breaks and recoveries rebuilt from the store after every round
/// (`AtomFeed.swift`), and a short message through Apprise (`Apprise.swift`).
/// `charter watch --test-notify` tries each route once (`TestNotify.swift`).
public enum Notifier {
    /// POSTs to `url`: 3 attempts, 2 s apart, each bounded by `timeout`.
    ///
    /// Each attempt gets a fresh `body` and `headers` (a timestamp is that of its
    /// attempt). Failures never repeat the URL: its path and query are often the
    /// webhook's secret.
    static func post(
        _ url: String, timeout: Double, headers: () -> [(String, String)] = { [] }, body: () -> HTTPClientRequest.Body
    ) async -> String? {
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
            for (name, value) in headers() { request.headers.add(name: name, value: value) }
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

    /// Each chunk of the file at `path` in turn, read synchronously (what is sent is
    /// first signed, from the same bytes).
    static func forEach(_ path: String, _ body: (Data) throws -> Void) throws {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty { try body(chunk) }
    }
}

/// A report's address for people who are not on this machine.
///
/// `base` (an http(s) URL, `notify.report_base_url`) followed by the report file's name,
/// percent-encoded. Never a `file://` path: a feed reader or a chat message is read
/// elsewhere.
public enum ReportLink {
    /// Unreserved characters (RFC 3986) only: a file name stays one path segment.
    static let segment = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Nil without a base URL or a report.
    public static func url(report: String?, base: String?) -> String? {
        guard let base, let report, !report.isEmpty else { return nil }
        let name = (report as NSString).lastPathComponent
        guard !name.isEmpty, let encoded = name.addingPercentEncoding(withAllowedCharacters: segment) else { return nil }
        return (base.hasSuffix("/") ? base : base + "/") + encoded
    }
}
