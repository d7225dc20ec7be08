public import Foundation
internal import AsyncHTTPClient
internal import Crypto
internal import NIOCore

/// How a webhook's receiver knows the POST came from this charter.
///
/// With `notify.secret` (or `secret_file`), `X-Charter-Signature: sha256=<hex>` is the
/// HMAC-SHA256 of the exact body bytes under the secret, and `X-Charter-Timestamp` the
/// Unix time of the attempt. The receiver recomputes the HMAC on the raw body, before parsing it, and compares in
/// constant time; the body's own `finishedAt` tells a replayed old round.
public struct WebhookSignature {
    public static let signatureHeader = "X-Charter-Signature"
    public static let timestampHeader = "X-Charter-Timestamp"

    private var mac: HMAC<SHA256>

    public init(secret: String) {
        mac = HMAC<SHA256>(key: SymmetricKey(data: Array(secret.utf8)))
    }

    public mutating func update(_ bytes: some DataProtocol) { mac.update(data: bytes) }

    /// `sha256=<64 hex digits>`.
    public func header() -> String {
        "sha256=" + mac.finalize().map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// The header for a body held whole.
    public static func header(for body: some DataProtocol, secret: String) -> String {
        var signature = WebhookSignature(secret: secret)
        signature.update(body)
        return signature.header()
    }
}

extension Notifier {
    /// POSTs `json`: 3 attempts, 2 s apart, each bounded by `timeout`; signed when a
    /// `secret` is given.
    public static func webhook(_ url: String, json: Data, timeout: Double, secret: String? = nil) async -> String? {
        let signature = secret.map { WebhookSignature.header(for: json, secret: $0) }
        return await post(url, timeout: timeout, headers: { signingHeaders(signature) }) { .bytes(ByteBuffer(bytes: json)) }
    }

    /// POSTs the JSON file at `document` (the round's summary), read in chunks as it is sent.
    ///
    /// A round's summary of any size is never held whole. With `reportBaseURL`,
    /// each check's `report` is its http(s) link instead of a path on this machine; with
    /// a `secret`, the file is read once first, in chunks, for the signature.
    public static func webhook(
        _ url: String, document: URL, timeout: Double, secret: String? = nil, reportBaseURL: String? = nil
    ) async -> String? {
        var body = document.path
        var signature = secret.map(WebhookSignature.init(secret:))
        var linked: URL?
        defer { if let linked { try? FileManager.default.removeItem(at: linked) } }
        do {
            if let reportBaseURL {
                let copy = FileManager.default.temporaryDirectory.appendingPathComponent("charter-webhook-\(UUID().uuidString).json")
                linked = copy
                try ReportLinker.link(document, to: copy, base: reportBaseURL) { signature?.update($0) }
                body = copy.path
            } else if signature != nil {
                try FileChunks.forEach(body) { signature?.update($0) }
            }
        } catch {
            return "the webhook was not sent: \(document.path) cannot be read (\(error.localizedDescription))"
        }
        guard let size = (try? FileManager.default.attributesOfItem(atPath: body))?[.size] as? Int else {
            return "the webhook was not sent: \(document.path) cannot be read"
        }
        let header = signature?.header()
        return await post(url, timeout: timeout, headers: { signingHeaders(header) }) { [body] in
            .stream(FileChunks(path: body), length: .known(Int64(size)))
        }
    }

    static func signingHeaders(_ signature: String?) -> [(String, String)] {
        guard let signature else { return [] }
        return [
            (WebhookSignature.signatureHeader, signature),
            (WebhookSignature.timestampHeader, String(Int(Date().timeIntervalSince1970))),
        ]
    }
}

/// Rewrites the round's summary with links for report paths, line by line as it streams:
/// the summary is written pretty-printed, where every line break is between tokens (a
/// JSON string holds none), so a line that starts with `"report" : "` is the key of a
/// check's report path, never text inside a string.
enum ReportLinker {
    static let key = Array(#""report" : ""#.utf8)

    /// Copies `document` to `output` with each report path turned into its link under
    /// `base`, handing each chunk written to `written` (the signature's input).
    static func link(_ document: URL, to output: URL, base: String, written: (Data) -> Void) throws {
        guard FileManager.default.createFile(atPath: output.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let out = try FileHandle(forWritingTo: output)
        defer { try? out.close() }
        var pending: [UInt8] = []
        var ready: [UInt8] = []
        func flush(force: Bool) throws {
            guard force || ready.count >= 1 << 16, !ready.isEmpty else { return }
            let data = Data(ready)
            try out.write(contentsOf: data)
            written(data)
            ready.removeAll(keepingCapacity: true)
        }
        try FileChunks.forEach(document.path) { chunk in
            pending += chunk
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                ready += rewrite(pending[start..<newline], base: base)
                ready.append(UInt8(ascii: "\n"))
                start = newline + 1
            }
            pending.removeFirst(start)
            try flush(force: false)
        }
        ready += rewrite(pending[...], base: base)
        try flush(force: true)
    }

    /// One line: unchanged unless it is a report path with a link.
    static func rewrite(_ line: ArraySlice<UInt8>, base: String) -> ArraySlice<UInt8> {
        guard let first = line.firstIndex(where: { $0 != UInt8(ascii: " ") }), line[first...].starts(with: key) else { return line }
        let valueStart = first + key.count - 1
        var valueEnd = line.endIndex
        if line.last == UInt8(ascii: ",") { valueEnd -= 1 }
        guard valueEnd > valueStart + 1,
            let path = try? JSONSerialization.jsonObject(with: Data(line[valueStart..<valueEnd]), options: .fragmentsAllowed) as? String,
            let link = ReportLink.url(report: path, base: base),
            let encoded = try? JSONSerialization.data(withJSONObject: link, options: [.fragmentsAllowed, .withoutEscapingSlashes])
        else { return line }
        return line[..<valueStart] + ArraySlice(encoded) + line[valueEnd...]
    }
}
