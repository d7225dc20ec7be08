import CharterTestSupport
import CharterWatch
import Foundation
import Testing

/// The systemd unit and configuration charter ships work together as shipped: the
/// configuration is valid, and every path a round writes (store, reports, metrics, feed)
/// is one the unit lets it write. A feed outside `ReadWritePaths` was lost every night.
struct ShippedSetupTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scripts/systemd")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The value after `flag` on the unit's `ExecStart=` line.
    static func option(_ flag: String, in line: String) -> String? {
        let words = line.split(separator: " ").map(String.init)
        guard let index = words.firstIndex(of: flag), index + 1 < words.count else { return nil }
        return words[index + 1]
    }

    @Test func everyPathARoundWritesIsOneTheUnitAllows() throws {
        let unit = try Self.text("charter-watch.service")
        let lines = unit.split(separator: "\n").map(String.init)
        let allowed = lines.filter { $0.hasPrefix("ReadWritePaths=") }
            .flatMap { $0.dropFirst("ReadWritePaths=".count).split(separator: " ") }
            .map { $0.hasPrefix("-") ? String($0.dropFirst()) : String($0) }
        let state = lines.first { $0.hasPrefix("StateDirectory=") }.map { "/var/lib/" + $0.dropFirst("StateDirectory=".count) }
        let writable = allowed + (state.map { [$0] } ?? [])
        let start = try #require(lines.first { $0.hasPrefix("ExecStart=") })
        let config = try WatchConfig.load(try Self.text("charter.yml"))
        let written = [
            Self.option("--db", in: start), Self.option("--reports", in: start), Self.option("--metrics", in: start),
            config.notify?.atom,
        ]
        for path in written {
            let path = try #require(path)
            #expect(writable.contains { path.hasPrefix($0 + "/") }, "\(path) is not writable under \(writable)")
        }
        #expect(Self.option("--config", in: start) == "/etc/charter/charter.yml")
        #expect(unit.contains("SuccessExitStatus=1 3"), "changes and re-consent are results, not failures")
    }

    @Test func theShippedConfigurationPassesItsOwnCheck() throws {
        let result = try run(TestPaths.charterBinary, ["watch", "--check-config", "--config", Self.folder.appendingPathComponent("charter.yml").path])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
