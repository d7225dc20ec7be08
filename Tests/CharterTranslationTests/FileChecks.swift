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
            Issue.record(
                "no XLIFF 2.0 schema at \(xliffSchema.path) (run Scripts/install-deps.sh): the file was not validated")
            return
        }
        if let check = try runTool(
            ["/usr/bin/xmllint", "/usr/local/bin/xmllint"],
            ["--noout", "--nonet", "--schema", xliffSchema.path, file.path],
            missing: "xmllint is not installed (apt-get install libxml2-utils): the XLIFF file was not validated")
        {
            #expect(check.status == 0, "\(check.stderr)")
        }
        try expectNothingFromPofilter(file)
    }

    /// pofilter's checks (escapes, newlines, printf, XML tags) on every translated unit.
    ///
    /// pofilter itself cannot read XLIFF 2.0 (translate-toolkit's factory opens `.xlf` as
    /// 1.2, says so and writes nothing, which would pass): XLIFF 2.0 files are opened with
    /// translate-toolkit's `xliff2` store and given to the same checker.
    static func expectNothingFromPofilter(_ file: URL) throws {
        let head =
            (try? FileHandle(forReadingFrom: file).readData(ofLength: 512)).map { String(decoding: $0, as: UTF8.self) }
            ?? ""
        guard !head.contains("urn:oasis:names:tc:xliff:document:2.0") else { return try expectCleanXLIFF2Checks(file) }
        try expectNothingFromPofilterCommand(file)
    }

    static func expectCleanXLIFF2Checks(_ file: URL) throws {
        let script = """
            import sys
            from translate.storage import xliff2
            from translate.filters import checks
            with open(sys.argv[1], 'rb') as handle:
                store = xliff2.Xliff2File.parsestring(handle.read())
            checker = checks.StandardChecker()
            checked = 0
            for unit in store.units:
                if not unit.target:
                    continue
                checked += 1
                failures = checker.run_filters(unit)
                for name in ('escapes', 'newlines', 'printf', 'xmltags'):
                    if name in failures:
                        print(unit.getid() + ': ' + name)
            print('checked', checked, file=sys.stderr)
            """
        let candidates =
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
            + ["/usr/bin/python3"]
        guard
            let check = try runTool(
                candidates, ["-c", script, file.path], missing: "python3 is not installed: the file was not checked")
        else { return }
        #expect(
            check.status == 0,
            "translate-toolkit ≥ 3.20 (pip install 'translate-toolkit>=3.20') could not check the file: \(check.stderr)"
        )
        #expect(check.stdout.isEmpty, "translate-toolkit checks: \(check.stdout)")
    }

    /// `pofilter` writes the units that fail its checks; it must write none.
    static func expectNothingFromPofilterCommand(_ file: URL) throws {
        let candidates =
            ["/usr/local/bin/pofilter", "/usr/bin/pofilter", NSHomeDirectory() + "/.local/bin/pofilter"]
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/pofilter" }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pofilter-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent(file.lastPathComponent)
        guard
            let check = try runTool(
                candidates,
                [
                    "-t", "escapes", "-t", "newlines", "-t", "printf", "-t", "xmltags", "-i", file.path, "-o",
                    output.path,
                ],
                missing: "pofilter is not installed (pip install 'translate-toolkit>=3.20'): the file was not checked")
        else { return }
        #expect(check.status == 0, "\(check.stderr)")
        let failed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        #expect(
            !failed.contains("<unit") && failed.components(separatedBy: "msgid \"").count <= 2, "pofilter: \(failed)")
    }
}
