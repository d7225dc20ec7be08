import CharterTestSupport
import Foundation
import Testing

/// Where a report goes and what happens when it cannot get there (issue 16, item 7): a
/// full disk or a closed pipe on stdout is exit 2 with the reason (and a diff's verdict);
/// `--output` replaces only regular files atomically, writes through symlinks and into
/// devices and FIFOs without replacing them.
struct OutputFailureTests {
    static let binary = TestPaths.charterBinary
    static func report(_ name: String) -> String { TestPaths.fixture(name, in: "CharterReportTests").path }
    static let diffArguments = ["diff", report("portal-v1.html"), report("portal-v2.html")]

    /// Runs charter with stdout on `handle`; returns its exit status and stderr.
    static func running(_ arguments: [String], stdout handle: FileHandle) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = handle
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: message, as: UTF8.self))
    }

    @Test func aFullDiskOnStdoutIsExitTwoWithTheVerdict() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try Self.running(Self.diffArguments, stdout: full)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot write to standard output"))
        #expect(result.stderr.contains("verdict: reconsent"))
    }

    @Test func aClosedPipeIsExitTwoNotADeathBySignal() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let result = try Self.running(["extract", "--format", "json", TestPaths.fixture("opendatasoft-portal-fr.html", in: "CharterExtractTests").path],
                                  stdout: pipe.fileHandleForWriting)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("cannot write to standard output"))
    }

    @Test func outputThroughASymlinkKeepsTheLink() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.txt")
        let link = folder.appendingPathComponent("latest.txt")
        try Data("old".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let result = try run(Self.binary, Self.diffArguments + ["--output", link.path])
        #expect(result.status == 3)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("reconsent") || String(contentsOf: target, encoding: .utf8).count > 100)
    }

    @Test func outputIntoAFIFOWritesIntoItAndLeavesItAFIFO() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("report.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader that does not wait for a writer, so that nothing blocks if charter
        // replaces the FIFO instead of writing into it.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let result = try run(Self.binary, Self.diffArguments + ["--output", fifo])
        #expect(result.status == 3, "stderr: \(result.stderr)")
        var status = stat()
        #expect(stat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced by a file")
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = read(reader, &buffer, buffer.count)
        #expect(count > 100, "the report went into the FIFO")
    }
}
