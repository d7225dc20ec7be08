import CharterTestSupport
import Foundation
import Testing

/// The outside tools that judge an exported file, as translators' tools would read it.
enum FileChecks {
    /// Runs the first of `candidates` that is installed; records an issue when none is.
    static func runTool(_ candidates: [String], _ arguments: [String], missing: String) throws -> ProcessResult? {
        guard let tool = candidates.first(where: FileManager.default.fileExists) else {
            Issue.record(Comment(rawValue: missing))
            return nil
        }
        return try run(URL(fileURLWithPath: tool), arguments)
    }

    /// `xmllint` reads the file as well-formed XML (no network).
    static func expectWellFormedXML(_ file: URL) throws {
        guard
            let check = try runTool(
                ["/usr/bin/xmllint", "/usr/local/bin/xmllint"], ["--noout", "--nonet", file.path],
                missing: "xmllint is not installed (apt-get install libxml2-utils): the XLIFF file was not checked")
        else { return }
        #expect(check.status == 0, "\(check.stderr)")
    }

    /// `msgfmt --check` compiles the PO file without an error, and `pofilter` (what
    /// translation tools check) finds no broken escape, line break, printf or XML tag.
    static func expectValidPO(_ file: URL) throws {
        if let check = try runTool(
            ["/usr/bin/msgfmt", "/usr/local/bin/msgfmt"], ["--check", "-o", "/dev/null", file.path],
            missing: "msgfmt is not installed (apt-get install gettext): the PO file was not checked")
        {
            #expect(check.status == 0, "\(check.stderr)")
        }
        try expectNothingFromPofilter(file)
    }

    /// The OASIS XLIFF 2.0 core schema, put in `.deps/xliff` by `Scripts/install-deps.sh`.
    static let xliffSchema = TestPaths.packageRoot.appendingPathComponent(".deps/xliff/xliff-core-2.0.xsd")

    /// Well-formed, valid against the OASIS XLIFF 2.0 core schema, and clean for pofilter.
    static func expectValidXLIFF(_ file: URL) throws {
        try expectWellFormedXML(file)
        guard FileManager.default.fileExists(atPath: xliffSchema.path) else {
            Issue.record("no XLIFF 2.0 schema at \(xliffSchema.path) (run Scripts/install-deps.sh): the file was not validated")
            return
        }
        if let check = try runTool(
            ["/usr/bin/xmllint", "/usr/local/bin/xmllint"], ["--noout", "--nonet", "--schema", xliffSchema.path, file.path],
            missing: "xmllint is not installed (apt-get install libxml2-utils): the XLIFF file was not validated")
        {
            #expect(check.status == 0, "\(check.stderr)")
        }
        try expectNothingFromPofilter(file)
    }

    /// `pofilter` writes the units that fail its checks; it must write none.
    static func expectNothingFromPofilter(_ file: URL) throws {
        let candidates = ["/usr/local/bin/pofilter", "/usr/bin/pofilter", NSHomeDirectory() + "/.local/bin/pofilter"]
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/pofilter" }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pofilter-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent(file.lastPathComponent)
        guard let check = try runTool(
            candidates, ["-t", "escapes", "-t", "newlines", "-t", "printf", "-t", "xmltags", "-i", file.path, "-o", output.path],
            missing: "pofilter is not installed (pip install 'translate-toolkit>=3.20'): the file was not checked")
        else { return }
        #expect(check.status == 0, "\(check.stderr)")
        let failed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        #expect(!failed.contains("<unit") && failed.components(separatedBy: "msgid \"").count <= 2, "pofilter: \(failed)")
    }
}
