import CharterTestSupport
import Foundation
import Testing

/// Large and hostile inputs end to end through the binary: handled within the documented
/// limits (50 MiB per input by default), or refused in one line with exit code 2.
@Suite(.serialized)
struct LimitsTests {
    static func temporary(_ name: String, _ write: (FileHandle) throws -> Void) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString)-\(name)")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try write(handle)
        return url
    }

    static func json(_ text: String) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    @Test func aTableOf100000RowsIsReadWhole() throws {
        let page = try Self.temporary("rows.html") { out in
            out.write(Data("<html lang=en><body><h2>Analytics cookies</h2><table><tr><th>Cookie name</th><th>Provider</th><th>Purpose</th><th>Expiry</th></tr>\n".utf8))
            var chunk = ""
            for i in 0..<100_000 {
                chunk += "<tr><td>cookie_\(i)</td><td>Provider \(i % 50)</td><td>Measures audience segment \(i)</td><td>\(1 + i % 24) months</td></tr>\n"
                if chunk.utf8.count > 1 << 20 { out.write(Data(chunk.utf8)); chunk = "" }
            }
            out.write(Data((chunk + "</table></body></html>").utf8))
        }
        defer { try? FileManager.default.removeItem(at: page) }
        let result = try run(TestPaths.charterBinary, ["extract", "--format", "jsonl", page.path], timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let cookies = Self.json(result.stdout)?["cookies"] as? [[String: Any]]
        #expect(cookies?.count == 100_000)
        #expect(cookies?.last?["name"] as? String == "cookie_99999")
    }

    @Test func aCellOf49MBIsKeptWhole() throws {
        let size = 49_000_000
        let page = try Self.temporary("cell.html") { out in
            out.write(Data("<html lang=en><body><table><tr><th>Cookie name</th><th>Purpose</th><th>Expiry</th></tr><tr><td>_ga</td><td>".utf8))
            let block = Data(repeating: UInt8(ascii: "x"), count: 1_000_000)
            for _ in 0..<(size / block.count) { out.write(block) }
            out.write(Data("</td><td>2 years</td></tr></table></body></html>".utf8))
        }
        defer { try? FileManager.default.removeItem(at: page) }
        let result = try run(TestPaths.charterBinary, ["extract", "--format", "jsonl", page.path], timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let cookie = (Self.json(result.stdout)?["cookies"] as? [[String: Any]])?.first
        #expect((cookie?["purpose"] as? String)?.utf8.count == size)
    }

    @Test func anInputOverTheLimitIsRefusedBeforeItIsRead() throws {
        let page = try Self.temporary("big.html") { out in
            out.truncateFile(atOffset: 51 * 1024 * 1024)  // sparse: no disk used
        }
        defer { try? FileManager.default.removeItem(at: page) }
        let result = try run(TestPaths.charterBinary, ["extract", page.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("over the limit of 52428800 bytes"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// A response that would decompress to 1 GB: charter sends no Accept-Encoding and
    /// never decompresses, so the body stays 1 MB of gzip and is refused as binary.
    @Test func aCompressedBombIsNeverExpanded() async throws {
        let bomb = try Self.gzip(megabytes: 1024)
        let server = try await TestHTTPServer.start { _ in
            TestResponse(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], body: Array(bomb))
        }
        defer { Task { await server.stop() } }
        let result = try run(TestPaths.charterBinary, ["extract", "--max-bytes", "5000000", server.baseURL + "/cookies"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("binary"), "\(result.stderr)")
    }

    /// `megabytes` of "a", gzip-compressed as a stream (never held uncompressed).
    static func gzip(megabytes: Int) throws -> Data {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("bomb-\(UUID().uuidString).gz")
        defer { try? FileManager.default.removeItem(at: output) }
        let script = "import gzip, sys\nwith gzip.open(sys.argv[1], 'wb', 1) as f:\n    for _ in range(\(megabytes)): f.write(b'a' * 1048576)\n"
        _ = try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, output.path], timeout: 120)
        return try Data(contentsOf: output)
    }
}
