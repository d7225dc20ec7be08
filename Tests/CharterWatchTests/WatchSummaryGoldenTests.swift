import CharterFetch
import CharterModel
import CharterStore
import CharterTestSupport
import CharterWatch
import Foundation
import Testing

/// The round's text and JSON summaries, as ops read them, against golden files: a
/// re-consent change, an unchanged language with an open language finding, a broken
/// source and a muted one. The clock is injected; the server's port and the temporary
/// folder are written as placeholders.
@Suite(.serialized)
struct WatchSummaryGoldenTests {
    @Test func theRoundsSummariesAreStable() async throws {
        let changed = ServerSwitch()
        let server = try await TestHTTPServer.start { request in
            // 404: never retried, so a loaded machine cannot turn it into a timeout.
            if request.path.hasPrefix("/down") || request.path.hasPrefix("/known") { return TestResponse(status: 404) }
            if request.path.hasPrefix("/en") {
                return .html(CheckPipelineTests.page("en", [("sessionid", "Login session", "Session")]), headers: [("Content-Language", "en")])
            }
            let french = changed.value
                ? CheckPipelineTests.page("fr", [("sessionid", "Session de connexion", "Session"), ("_ga", "Mesure d'audience", "13 mois"), ("_fbp", "Publicité ciblée", "3 mois")])
                : CheckPipelineTests.french
            return .html(french, headers: [("Content-Language", "fr")])
        }
        defer { Task { await server.stop() } }
        let place = try WatchPlace()
        defer { place.remove() }
        let config = try WatchConfig.load("""
            timeout: 60
            broken_after: 1
            sources:
              - id: portal
                url: \(server.baseURL)/{lang}/cookies
                languages: [fr, en]
              - id: down
                url: \(server.baseURL)/down
              - id: known
                url: \(server.baseURL)/known
                muted: until 2999-01-01
            """)
        let store = try CharterDatabase(path: place.db)
        let fetcher = PageFetcher()
        defer { Task { await fetcher.shutdown() } }
        let clock = Date(timeIntervalSince1970: 1_796_104_800)  // 2026-12-01T06:00:00Z
        let reports = place.folder.appendingPathComponent("reports")
        let watcher = Watcher(config: config, store: store, fetcher: fetcher, reports: reports, now: { clock })
        _ = await watcher.round()
        changed.value = true

        let json = try WatchJSONWriter()
        var text = ""
        let tally = await watcher.round { entry in
            json.add(entry)
            text += WatchTextRenderer.render(entry)
        }
        text += WatchTextRenderer.closing(tally)
        try json.finish(tally)
        let document = try String(contentsOf: json.document, encoding: .utf8)
        func placeholders(_ output: String) -> String {
            output.replacingOccurrences(of: server.baseURL, with: "http://127.0.0.1:PORT")
                .replacingOccurrences(of: reports.path, with: "REPORTS")
        }
        try expectGolden(placeholders(text), "round.txt")
        try expectGolden(placeholders(document), "round.json")
        #expect(tally.exitCode == 3, "re-consent first")
    }
}
