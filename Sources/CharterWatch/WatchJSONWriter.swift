internal import CharterDiff
internal import CharterModel
public import Foundation

/// The round's JSON summary, written to a file as the round goes: the document
/// `CharterJSON.encoder(pretty: true).encode(summary)` makes, byte for byte, without
/// holding the summary. Checks go straight to the document; language alignments, which
/// come between them but sort after `finishedAt`, wait in a second file.
public final class WatchJSONWriter {
    /// The complete document, once `finish` has returned.
    public let document: URL
    private let folder: URL
    private let checks: FileHandle
    private let locales: FileHandle
    private let encoder = CharterJSON.encoder(pretty: true)
    private var checkCount = 0
    private var localeCount = 0
    /// The first write that failed: a disk full mid-round is reported once, at the end.
    private var failure: (any Error)?

    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        document = folder.appendingPathComponent("summary.json")
        let aside = folder.appendingPathComponent("locales.json")
        _ = FileManager.default.createFile(atPath: document.path, contents: nil)
        _ = FileManager.default.createFile(atPath: aside.path, contents: nil)
        checks = try FileHandle(forWritingTo: document)
        locales = try FileHandle(forWritingTo: aside)
        write(#"{\#n  "checks" : ["#, to: checks)
    }

    deinit {
        try? checks.close()
        try? locales.close()
        try? FileManager.default.removeItem(at: folder)
    }

    public func add(_ entry: WatchSummary.Entry) {
        switch entry {
        case .check(let check):
            write(element(check, first: checkCount == 0), to: checks)
            checkCount += 1
        case .locales(let aligned):
            write(element(aligned, first: localeCount == 0), to: locales)
            localeCount += 1
        }
    }

    /// Closes the document; throws the first write that failed.
    public func finish(_ tally: WatchTally) throws {
        let counts = #""counts" : {\#n    "changed" : \#(tally.changed),\#n    "checks" : \#(tally.checks),\#n    "failed" : \#(tally.failed)\#n  }"#
        write(
            closing(checkCount) + #",\#n  \#(counts),\#n  "exitCode" : \#(tally.exitCode),\#n  "finishedAt" : \#(date(tally.finishedAt)),\#n  "locales" : ["#,
            to: checks)
        do {
            try locales.synchronize()
            let aside = try FileHandle(forReadingFrom: folder.appendingPathComponent("locales.json"))
            defer { try? aside.close() }
            while failure == nil, let chunk = try aside.read(upToCount: 1 << 20), !chunk.isEmpty {
                try checks.write(contentsOf: chunk)
            }
        } catch {
            failure = failure ?? error
        }
        write(
            closing(localeCount) + #",\#n  "startedAt" : \#(date(tally.startedAt)),\#n  "verdict" : "\#(tally.verdict.rawValue)"\#n}"#,
            to: checks)
        if let failure { throw failure }
        try checks.synchronize()
    }

    /// One array element, indented as it is inside the whole document.
    private func element(_ value: some Encodable, first: Bool) -> [UInt8] {
        guard let data = try? encoder.encode(value) else { return [] }
        // JSON strings hold no raw line break: every one is indentation. Blank lines
        // (an empty array's) stay blank, as the encoder writes them.
        var bytes: [UInt8] = Array((first ? "" : ",").utf8) + Array("\n    ".utf8)
        bytes.reserveCapacity(data.count * 5 / 4 + 8)
        var previous: UInt8 = 0
        for byte in data {
            if previous == UInt8(ascii: "\n") && byte != UInt8(ascii: "\n") { bytes += [0x20, 0x20, 0x20, 0x20] }
            bytes.append(byte)
            previous = byte
        }
        return bytes
    }

    private func closing(_ count: Int) -> String { count == 0 ? "\n\n  ]" : "\n  ]" }

    private func date(_ date: Date) -> String {
        (try? encoder.encode(date)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    private func write(_ text: String, to handle: FileHandle) { write(Array(text.utf8), to: handle) }

    private func write(_ bytes: [UInt8], to handle: FileHandle) {
        guard failure == nil else { return }
        do { try handle.write(contentsOf: bytes) } catch { failure = error }
    }
}
