import CharterModel
import CharterTestSupport
import CharterTranslation
import Foundation
import Testing

/// Issue 18's fixtures: a French charter in two versions (v2 adds a paragraph at the top,
/// edits the intro and a cookie purpose) and its English and German translations of v1
/// (the German one leaves a purpose in French; the English one translates a shared
/// purpose two ways).
enum TranslatorFixtures {
    static let folder = TestPaths.fixture("", in: "CharterTranslationTests")
    static let frV1 = "charte-fr-v1.html"
    static let frV2 = "charte-fr-v2.html"
    static let en = "cookies-en-v1.html"
    static let de = "cookies-de-v1.html"
    static func target(_ language: String) -> String { language == "de" ? de : en }

    /// The texts v2 adds and edits.
    static let insertedParagraph = "Nouveau : cette charte s’applique aussi à l’application mobile du portail."
    static let editedIntro =
        "Afin de vous proposer le meilleur service possible, nous utilisons des cookies pour assurer le bon fonctionnement du portail et mesurer sa fréquentation."
    static let oldIntro =
        "Afin de vous proposer le meilleur service possible, nous utilisons des cookies pour assurer le bon fonctionnement du portail et mesurer son audience."
    static let oldCsrf = "Protéger les formulaires contre la falsification de requêtes."
    static let newCsrf = "Protéger les formulaires et les appels API contre la falsification de requêtes."
    static let sharedPurpose = "Mesurer l'audience du portail."

    /// Runs charter in the fixtures folder (relative inputs: the files hold no machine's
    /// path) with a fixed export time.
    static func charter(_ arguments: [String], in directory: URL = folder) throws -> ProcessResult {
        try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["-C", directory.path, "SOURCE_DATE_EPOCH=1796083200", TestPaths.charterBinary.path] + arguments)
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-i18-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func write(_ text: String, _ name: String, in folder: URL) throws -> URL {
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// Reads an exported file back with charter's own reader.
    static func read(_ text: String, format: String) throws -> TranslationFile {
        format == "po" ? try POFormat.read(Array(text.utf8)) : try XLIFFFormat.read(Array(text.utf8))
    }

    /// Runs a Python snippet (translate-toolkit); nil with an issue when python3 is missing.
    static func python(_ script: String, _ arguments: [String]) throws -> ProcessResult? {
        try FileChecks.runTool(
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" } + [
                "/usr/bin/python3"
            ],
            ["-c", script] + arguments,
            missing: "python3 is not installed: the translate-toolkit round trip was not run")
    }
}

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
