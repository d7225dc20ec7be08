import Foundation
import Testing

/// Compares `rendered` with `Golden/<name>` beside this file; `RECORD_GOLDENS=1` rewrites
/// the file and fails, so a recording is never taken for a pass.
func expectGolden(_ rendered: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(rendered.utf8).write(to: url)
        Issue.record("recorded \(name); run again without RECORD_GOLDENS", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no golden file \(name): record it with RECORD_GOLDENS=1", sourceLocation: sourceLocation)
        return
    }
    #expect(rendered == expected, "\(name) differs from its golden file", sourceLocation: sourceLocation)
}
