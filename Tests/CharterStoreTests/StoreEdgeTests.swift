import CharterModel
import CharterStore
import Foundation
import Testing

/// Store edges (issue 16, item 10): a store a newer charter migrated is refused, naming
/// both schemas; a store is read without being written.
struct StoreEdgeTests {
    static func temporaryStore() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder, folder.appendingPathComponent("charter.sqlite").path)
    }

    /// Marks the store as migrated by a later charter, as GRDB's migrator would.
    static func addFutureMigration(to path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('v9-future')\"); c.commit()", path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func aStoreFromANewerCharterIsRefusedNamingBothSchemas() throws {
        let (folder, path) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try CharterDatabase(path: path)
        try Self.addFutureMigration(to: path)
        for readOnly in [false, true] {
            #expect {
                _ = try CharterDatabase(path: path, readOnly: readOnly)
            } throws: { error in
                let text = "\(error)"
                return text.contains("newer charter") && text.contains("v9-future") && text.contains("knows up to v")
            }
        }
    }

    @Test func readingOnlyLeavesTheStoreUntouched() throws {
        let (folder, path) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        do { _ = try CharterDatabase(path: path) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try CharterDatabase(path: path, readOnly: true)
        #expect(try store.latestVersionHeader(SourceID("portal"), language: "fr") == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test(.enabled(if: getuid() != 0, "as root, file permissions do not make a store read-only"))
    func aStoreOnReadOnlyPermissionsCanBeRead() throws {
        let (folder, path) = try Self.temporaryStore()
        defer {
            chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        do { _ = try CharterDatabase(path: path) }
        chmod(path, 0o444)
        chmod(folder.path, 0o555)
        let store = try CharterDatabase(path: path, readOnly: true)
        #expect(try store.latestVersionHeader(SourceID("portal"), language: "fr") == nil)
    }
}
