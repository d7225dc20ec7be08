import CharterStore
import CharterWatch
import CharterTestSupport
import Foundation
import Testing

/// `charter watch` end to end against a loopback portal that changes its pages and
/// misbehaves on purpose.
@Suite(.serialized)
struct WatchEndToEndTests {
    /// The portal's state, changed by the test between rounds.
    final class Portal: @unchecked Sendable {
        private let lock = NSLock()
        private var _statistics = false
        var statistics: Bool {
            get { lock.withLock { _statistics } }
            set { lock.withLock { _statistics = newValue } }
        }

        static let french = try! String(contentsOfFile: TestPaths.fixture("opendatasoft-portal-fr.html", in: "CharterExtractTests").path, encoding: .utf8)
        static let english = try! String(contentsOfFile: TestPaths.fixture("opendatasoft-portal-en.html", in: "CharterExtractTests").path, encoding: .utf8)
        /// The seed charter has necessary cookies only: a statistics cookie is a new purpose.
        static let statisticsTable = """
            </table>
            <h4>Cookies de mesure d'audience</h4>
            <table><tr><th>Nom du prestataire</th><th>Nom du cookies</th><th>Finalités</th><th>Durée de conservation</th></tr>
            <tr><td>Opendatasoft</td><td>_pk_id</td><td>Mesurer l'audience de la plateforme</td><td>13 mois</td></tr></table>
            """

        func respond(_ request: TestRequest) -> TestResponse {
            let language = request.cookie("django_language") ?? request.headers["accept-language"].map { String($0.prefix(2)) } ?? "fr"
            switch request.path {
            case "/pages/charte-cookies/":
                let etag = "\"\(language)-\(statistics ? 2 : 1)\""
                if language == "en", request.headers["if-none-match"] == etag { return TestResponse(status: 304, headers: [("ETag", etag)]) }
                var page = language == "en" ? Self.english : Self.french
                if statistics, language != "en" { page = page.replacingOccurrences(of: "</table>", with: Self.statisticsTable) }
                return .html(page, headers: [
                    ("Content-Language", language == "en" ? "en" : "fr"), ("Set-Cookie", "csrftoken=x; Path=/"),
                    ("Set-Cookie", "tracker_id=1; Path=/"), ("ETag", etag),
                ])
            case "/error": return TestResponse(status: 500)
            case "/empty": return TestResponse(headers: [("Content-Type", "text/html")], body: [])
            case "/no-table": return .html("<html lang=\"fr\"><body><h1>Maintenance</h1><p>Le site est en maintenance, revenez plus tard pour consulter nos cookies.</p></body></html>")
            case "/truncated": return TestResponse(headers: [("Content-Type", "text/html")], body: Array(Self.french.utf8.prefix(300)), declaredLength: 5000)
            case "/slow": return TestResponse(headers: [("Content-Type", "text/html")], body: Array(Self.french.utf8), delay: 4)
            // Far past any timeout here, so that a loaded machine cannot answer in time.
            case "/stalled": return TestResponse(headers: [("Content-Type", "text/html")], body: Array(Self.french.utf8), delay: 30)
            case "/loop": return TestResponse(status: 302, headers: [("Location", "/loop")])
            default: return TestResponse(status: 404)
            }
        }
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charter-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Starts `charter watch` in the background, for tests that interrupt or race it.
    static func startWatch(_ config: String, _ db: String) throws -> Process {
        let process = Process()
        process.executableURL = TestPaths.charterBinary
        process.arguments = ["watch", "--config", config, "--db", db]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func config(_ base: String, in folder: URL) throws -> String {
        let yaml = """
            timeout: 2
            concurrency: 4
            broken_after: 2
            notify:
              atom: \(folder.appendingPathComponent("feed.xml").path)
            sources:
              - id: portal
                url: \(base)/pages/charte-cookies/
                languages: [fr, en]
            """
        let path = folder.appendingPathComponent("charter.yml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func round(_ config: String, _ db: String) throws -> (status: Int32, summary: JSONValue?) {
        let result = try run(TestPaths.charterBinary, ["watch", "--config", config, "--db", db, "--format", "json"], timeout: 120)
        return (result.status, try? JSONValue.parse(Data(result.stdout.utf8)))
    }

    static func outcomes(_ summary: JSONValue?) -> [String: String] {
        guard case .array(let checks)? = summary?["checks"] else { return [:] }
        var result: [String: String] = [:]
        for check in checks {
            if case .string(let source)? = check["source"], case .string(let language)? = check["language"],
                case .string(let outcome)? = check["outcome"]
            {
                result["\(source)@\(language)"] = outcome
            }
        }
        return result
    }

    @Test func roundsStoreVersionsJudgeChangesAndNeverStoreFailures() async throws {
        let portal = Portal()
        let server = try await TestHTTPServer.start(portal.respond)
        defer { Task { await server.stop() } }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try Self.config(server.baseURL, in: folder)
        let db = folder.appendingPathComponent("charter.sqlite").path

        let first = try Self.round(config, db)
        #expect(Self.outcomes(first.summary) == ["portal@fr": "first-version", "portal@en": "first-version"])
        #expect(first.status == 0)
        // sessionid, django_language and cookies_preferences are declared, never set by the server.
        if case .array(let checks)? = first.summary?["checks"] {
            let rules = checks.flatMap { check -> [JSONValue] in if case .array(let f)? = check["findings"] { return f } else { return [] } }
            #expect(rules.contains { $0["rule"] == .string("declared-not-observed") && $0["level"] == .string("info") })
        }

        let store = try CharterDatabase(path: db)
        let versionsAfterFirst = try store.history(SourceID("portal")).compactMap(\.version)

        let second = try Self.round(config, db)
        #expect(second.status == 0)
        #expect(Self.outcomes(second.summary)["portal@fr"] == "unchanged")
        // The English page answers 304 to the conditional request.
        #expect(Self.outcomes(second.summary)["portal@en"] == "not-modified")
        #expect(Set(try store.history(SourceID("portal")).compactMap(\.version)) == Set(versionsAfterFirst))

        portal.statistics = true
        let third = try Self.round(config, db)
        #expect(third.status == 3)
        #expect(Self.outcomes(third.summary)["portal@fr"] == "new-version")
        #expect(try store.version(SourceID("portal"), language: "fr", back: 1) != nil)
        #expect(try store.version(SourceID("portal"), language: "fr", back: 2) == nil)

        // The cookie the server sets and the charter does not declare.
        guard case .array(let checks)? = third.summary?["checks"] else { Issue.record("no checks"); return }
        let findings = checks.flatMap { check -> [JSONValue] in if case .array(let f)? = check["findings"] { return f } else { return [] } }
        #expect(findings.contains { $0["rule"] == .string("undeclared-cookie") && $0["cookie"] == .string("tracker_id") })
        #expect(findings.contains { $0["rule"] == .string("RC-NEW-PURPOSE") || $0["rule"] == .string("RC-NEW-COOKIE-SAME-SCOPE") || $0["level"] == .string("reconsent") })

        // Locale alignment ran across fr and en.
        guard case .array(let locales)? = third.summary?["locales"] else { Issue.record("no locales"); return }
        #expect(!locales.isEmpty)

        let feed = try String(contentsOfFile: folder.appendingPathComponent("feed.xml").path, encoding: .utf8)
        #expect(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
        #expect(feed.contains("portal@fr: changed, verdict reconsent"))
        #expect(try store.integrityCheck() == "ok")
    }

    /// Each misbehaviour, as a path and the language asked (the portal has no German page
    /// and falls back to French).
    @Test(arguments: [
        ("/error", "fr"), ("/empty", "fr"), ("/no-table", "fr"), ("/truncated", "fr"), ("/stalled", "fr"), ("/loop", "fr"),
        ("/pages/charte-cookies/", "de"),
    ])
    func misbehaviourIsAFailedCheckAndNeverAVersion(_ path: String, _ language: String) async throws {
        let portal = Portal()
        let server = try await TestHTTPServer.start(portal.respond)
        defer { Task { await server.stop() } }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = """
            timeout: 1.5
            sources:
              - id: site
                url: \(server.baseURL)\(path)
                languages: [\(language)]
            """
        let config = folder.appendingPathComponent("charter.yml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: config))
        let db = folder.appendingPathComponent("charter.sqlite").path
        let result = try Self.round(config, db)
        #expect(result.status == 2)
        #expect(Self.outcomes(result.summary)["site@\(language)"] == "failed")
        let store = try CharterDatabase(path: db)
        #expect(try store.latestVersion(SourceID("site"), language: language) == nil)
        #expect(try store.history(SourceID("site")).map(\.outcome) == [.failed])
    }

    @Test func aWatchKilledMidRoundLeavesASoundStore() async throws {
        let portal = Portal()
        let server = try await TestHTTPServer.start(portal.respond)
        defer { Task { await server.stop() } }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var yaml = "timeout: 10\nconcurrency: 8\nsources:\n"
        for index in 0..<30 {
            yaml += "  - id: s\(index)\n    url: \(server.baseURL)\(index % 3 == 0 ? "/slow" : "/pages/charte-cookies/")\n    languages: [fr]\n"
        }
        let config = folder.appendingPathComponent("charter.yml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: config))
        let db = folder.appendingPathComponent("charter.sqlite").path
        let process = try Self.startWatch(config, db)
        try await Task.sleep(nanoseconds: 1_500_000_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let store = try CharterDatabase(path: db)
        #expect(try store.integrityCheck() == "ok")
        // The next round picks up where the killed one left off.
        let next = try Self.round(config, db)
        #expect(next.summary != nil)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func twoWatchesOnOneStoreNeverRunTogether() async throws {
        let portal = Portal()
        let server = try await TestHTTPServer.start(portal.respond)
        defer { Task { await server.stop() } }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = "timeout: 10\nsources:\n  - id: slow\n    url: \(server.baseURL)/slow\n    languages: [fr]\n"
        let config = folder.appendingPathComponent("charter.yml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: config))
        let db = folder.appendingPathComponent("charter.sqlite").path
        let first = try Self.startWatch(config, db)
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let second = try run(TestPaths.charterBinary, ["watch", "--config", config, "--db", db])
        // EX_TEMPFAIL, which a monitor tells from a failed check (2).
        #expect(second.status == 75)
        #expect(second.stderr.contains("another charter watch is running"))
        first.waitUntilExit()
        #expect(try CharterDatabase(path: db).history(SourceID("slow")).count == 1)
    }

    @Test func invalidConfigurationNamesTheKey() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("charter.yml").path
        try Data("sources:\n  - id: a\n    languages: [fr]\n".utf8).write(to: URL(fileURLWithPath: config))
        let result = try run(TestPaths.charterBinary, ["watch", "--config", config, "--db", folder.appendingPathComponent("x.sqlite").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("sources[0].url"))
        try Data("sources:\n  - id: a\n    url: file:///etc/passwd\n".utf8).write(to: URL(fileURLWithPath: config))
        let scheme = try run(TestPaths.charterBinary, ["watch", "--config", config, "--db", folder.appendingPathComponent("x.sqlite").path])
        #expect(scheme.status == 2)
        #expect(scheme.stderr.contains("line 3: sources[0].url: only http and https"), "\(scheme.stderr)")
    }

    @Test func fileSourcesAreWatchedOnlyWhenAllowed() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("charte-fr.html")
        try FileManager.default.copyItem(at: TestPaths.fixture("opendatasoft-portal-fr.html", in: "CharterExtractTests"), to: page)
        let config = folder.appendingPathComponent("charter.yml").path
        let template = folder.appendingPathComponent("charte-{lang}.html").path
        try "sources:\n  - id: export\n    url: file://\(template)\n    languages: [fr]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("files.sqlite").path
        let refused = try run(TestPaths.charterBinary, ["watch", "--config", config, "--db", db])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("line 3: sources[0].url: only http and https URLs are watched; file URLs only with --allow-files"), "\(refused.stderr)")
        let allowed = try run(TestPaths.charterBinary, ["watch", "--allow-files", "--config", config, "--db", db])
        #expect(allowed.status == 0 || allowed.status == 1, "\(allowed.stdout) \(allowed.stderr)")
        #expect(allowed.stdout.contains("export@fr: first-version"), "\(allowed.stdout)")
    }

    @Test(arguments: [
        ("sources:\n  - id: a\n    languages: [fr]\n", "line 2: sources[0].url: missing"),
        // A language reaches the Cookie header and `{lang}` in a URL: only a BCP 47 tag.
        ("sources:\n  - id: a\n    url: https://example.org/\n    languages: [\"en; sessionid=x\"]\n",
         "line 4: sources[0].languages: \"en; sessionid=x\" is not a BCP 47 language tag"),
        ("timeout: 5\nsources:\n  - id: a\n    url: https://example.org/\n    render: sometimes\n", "line 5: sources[0].render"),
        ("sources:\n  - id: a\n    url: https://example.org/\nconcurrency: 0\n", "line 4: concurrency: must be at least 1"),
        ("sources:\n  - id: a\n    url: https://example.org/\n  - id: a\n    url: https://example.org/2\n", "line 4: sources[1].id: a is used twice"),
        ("sources:\n  - id: a\n    url: [unclosed\n", "line 4"),
        ("sources:\n  - id: a\n    url: https://example.org/\nnotify:\n  webhook: file:///tmp/token-s3cr3t\n", "line 5: notify.webhook: only http and https"),
    ])
    func configurationErrorsNameTheKeyAndTheLine(_ yaml: String, _ expected: String) throws {
        do {
            _ = try WatchConfig.load(yaml)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(!error.description.contains("s3cr3t"), "the webhook URL was repeated")
        }
    }
}
