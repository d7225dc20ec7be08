import CharterModel
import CharterStore
import CharterTestSupport
import CharterWatch
import CharterFetch
import Foundation
import Testing

/// A round hands its checks on as it goes, in configuration order, and the JSON summary
/// is written as they come: what a round holds does not grow with the sources.
@Suite(.serialized)
struct WatchStreamingTests {
    static func watcher(sources: Int, base: String, store: CharterDatabase) throws -> (Watcher, PageFetcher) {
        var yaml = "timeout: 60\nconcurrency: 4\nsources:\n"
        for index in 0..<sources {
            yaml += "  - id: s\(index)\n    url: \(base)/pages/charte-cookies/\n    languages: [fr, en]\n"
        }
        yaml += "  - id: broken\n    url: \(base)/error\n"
        let fetcher = PageFetcher()
        return (Watcher(config: try WatchConfig.load(yaml), store: store, fetcher: fetcher), fetcher)
    }

    @Test func checksComeInConfigurationOrderWithEachSourcesLanguagesRightAfterThem() async throws {
        let server = try await TestHTTPServer.start(WatchEndToEndTests.Portal().respond)
        defer { Task { await server.stop() } }
        let store = try CharterDatabase()
        // 2 × 90 checks: more than the window of checks a round runs ahead.
        let (watcher, fetcher) = try Self.watcher(sources: 90, base: server.baseURL, store: store)
        var order: [String] = []
        let tally = await watcher.round { entry in
            switch entry {
            case .check(let check):
                order.append("\(check.source)@\(check.language)")
                if check.outcome == .failed, check.source != "broken" { Issue.record("\(check.source): \(check.reason ?? "")") }
            case .locales(let locales): order.append("locales \(locales.source)")
            }
        }
        await fetcher.shutdown()
        var expected: [String] = []
        for index in 0..<90 { expected += ["s\(index)@fr", "s\(index)@en", "locales s\(index)"] }
        expected.append("broken@")
        #expect(order == expected)
        #expect(tally.checks == 181)
        #expect(tally.failed == 1)
        #expect(tally.exitCode == 2)
    }

    @Test func theStreamedJSONSummaryIsWhatTheEncoderWritesForIt() async throws {
        let server = try await TestHTTPServer.start(WatchEndToEndTests.Portal().respond)
        defer { Task { await server.stop() } }
        let store = try CharterDatabase()
        let (watcher, fetcher) = try Self.watcher(sources: 3, base: server.baseURL, store: store)
        // First round: new versions and language alignments; second: nothing changed, no
        // alignment (an empty array).
        for round in 1...2 {
            let writer = try WatchJSONWriter()
            var entries = 0
            let tally = await watcher.round { entry in
                writer.add(entry)
                entries += 1
            }
            try writer.finish(tally)
            let document = try Data(contentsOf: writer.document)
            let summary = try CharterJSON.decoder().decode(WatchSummary.self, from: document)
            #expect(summary.checks.count + summary.locales.count == entries)
            #expect(summary.checks.count == 7)
            #expect(summary.locales.count == (round == 1 ? 3 : 0))
            #expect(summary.exitCode == tally.exitCode)
            #expect(try CharterJSON.encoder(pretty: true).encode(summary) == document)
        }
        await fetcher.shutdown()
    }
}
