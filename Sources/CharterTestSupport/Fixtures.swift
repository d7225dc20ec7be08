public import Foundation

/// Paths the tests share: the package root, fixtures, the corpus and the built binary.
public enum TestPaths {
    /// The package's root folder, found from this file's own path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture of a test target: `Tests/<target>/Fixtures/<name>`.
    public static func fixture(_ name: String, in target: String) -> URL {
        packageRoot.appendingPathComponent("Tests/\(target)/Fixtures/\(name)")
    }

    /// The corpus of real pages (third-party content, read in place): the folder in
    /// CHARTER_CORPUS, else `../shared/corpus`; nil when it is not there.
    public static var corpus: URL? {
        let path = ProcessInfo.processInfo.environment["CHARTER_CORPUS"]
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? URL(fileURLWithPath: path) : nil
    }

    /// The `charter` executable built beside the test bundle.
    public static var charterBinary: URL {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("charter")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/charter")
    }
}

/// The result of running the charter binary.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs a program with arguments and optional stdin, and waits for it.
public func run(_ executable: URL, _ arguments: [String], stdin: Data? = nil, timeout: Double = 60) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try? input.fileHandleForWriting.close()
    // Read both pipes while the process runs, so a large output never blocks it.
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        outData = out.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    if group.wait(timeout: .now() + timeout) == .timedOut { process.terminate() }
    process.waitUntilExit()
    group.wait()
    return ProcessResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}
