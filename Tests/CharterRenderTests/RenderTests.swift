import CharterModel
import CharterRender
import CharterStore
import CharterTestSupport
import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Testing

/// A loopback site whose cookie tables are written by scripts, in the shapes of
/// Cookiebot's declaration and OneTrust's cookie list, and that sets cookies both by
/// script and by `Set-Cookie`.
final class ScriptedSite: @unchecked Sendable {
    private let lock = NSLock()
    private var _pageRequests: [TestRequest] = []
    var pageRequests: [TestRequest] { lock.withLock { _pageRequests } }

    static func fixture(_ name: String) -> String {
        try! String(contentsOfFile: TestPaths.fixture(name, in: "CharterRenderTests").path, encoding: .utf8)
    }

    func respond(_ request: TestRequest) -> TestResponse {
        let path = String(request.path.prefix { $0 != "?" })
        switch path {
        case "/cookies":
            lock.withLock { _pageRequests.append(request) }
            let french = request.cookie("django_language") == "fr"
            return .html(
                Self.fixture(french ? "cookiebot-page-fr.html" : "cookiebot-page.html"),
                headers: [("Set-Cookie", "csrftoken=abc; Max-Age=31449600; Path=/"), ("Content-Language", french ? "fr" : "en")])
        case "/consent.cookiebot.com/cd.js":
            return TestResponse(headers: [("Content-Type", "text/javascript")], body: Array(Self.fixture("cookiebot-cd.js").utf8))
        case "/policy":
            return .html(Self.fixture("onetrust-page.html"), headers: [("Set-Cookie", "sessionid=xyz; Path=/; HttpOnly")])
        case "/cdn.cookielaw.org/scripttemplates/otSDKStub.js":
            return TestResponse(headers: [("Content-Type", "text/javascript")], body: Array(Self.fixture("onetrust-sdk.js").utf8))
        case "/hanging":
            // A page whose script never arrives: the load event never fires.
            return .html(#"<html><body><p>Loading the cookie list…</p><script src="/never.js"></script></body></html>"#)
        case "/never.js":
            return TestResponse(headers: [("Content-Type", "text/javascript")], body: Array("//".utf8), delay: 60)
        default:
            return TestResponse(status: 404)
        }
    }
}

enum Browser {
    /// Whether a Chromium is installed where charter looks for one.
    static var available: Bool { PageRenderer.installedBrowser != nil }
    static let absent = "chromium is not installed (apt-get install chromium; .ci/run installs it): rendering was not tested"
}

/// The rendering path end to end through the `charter` binary: a real headless
/// Chromium, the DevTools protocol, the extractor on the DOM.
@Suite(.enabled(if: Browser.available, Comment(rawValue: Browser.absent)))
struct RenderEndToEndTests {
    func extract(_ arguments: [String], environment: [String: String] = [:]) throws -> (ProcessResult, [String: Any]?) {
        let result = try run(TestPaths.charterBinary, ["extract", "--format", "json"] + arguments, timeout: 60)
        let json = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result, json)
    }

    /// A new folder under TMPDIR with a short name (Chromium's socket path is short).
    static func scratch(_ prefix: String) throws -> URL {
        // Under /tmp, not the inherited TMPDIR: charter puts the browser's profile inside
        // TMPDIR only when that path is short (a socket path has at most 107 bytes), and
        // these tests find the browser by its profile path.
        let folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func findings(_ json: [String: Any]?) -> Set<String> {
        Set((json?["findings"] as? [[String: Any]] ?? []).map { "\($0["kind"]!) \($0["cookie"] as? String ?? "-")" })
    }

    @Test func cookiebotDeclarationIsRenderedWhenTheServedPageHasNoTable() async throws {
        let site = ScriptedSite()
        let server = try await TestHTTPServer.start(site.respond)
        defer { Task { await server.stop() } }
        let (result, json) = try extract(["--render", "auto", "--lang", "en", server.baseURL + "/cookies"])
        #expect(result.status == 0, "\(result.stderr)")
        let cookies = json?["cookies"] as? [[String: Any]] ?? []
        let categories = Dictionary(uniqueKeysWithValues: cookies.map { ($0["name"] as! String, $0["category"] as! String) })
        #expect(categories == [
            "CookieConsent": "necessary", "csrftoken": "necessary", "_ga": "statistics", "_ga_#": "statistics", "IDE": "marketing",
        ])
        let observed = (json?["observed"] as? [[String: Any]] ?? []).map { $0["name"] as! String }
        // The language cookie charter set itself is not the site's.
        #expect(observed == ["_ga", "_ga_ABC123", "_hjSessionUser_1", "csrftoken"])
        #expect(Self.findings(json) == [
            "set-before-consent _ga", "retention-understated _ga", "set-before-consent _ga_ABC123",
            "undeclared-cookie _hjSessionUser_1", "declared-not-observed CookieConsent", "declared-not-observed IDE",
        ])
        #expect((json?["warnings"] as? [String] ?? []).contains { $0.contains("cookiebot") })
        // The browser asked for the language as the static fetch does.
        let browserRequest = site.pageRequests.last
        #expect(browserRequest?.cookie("django_language") == "en")
        #expect(browserRequest?.headers["accept-language"]?.hasPrefix("en") == true)
    }

    /// A translator's question on a script-written declaration: the browser is asked
    /// for each language, so the consent manager writes each one.
    @Test func languageVariantsOfARenderedDeclarationAlign() async throws {
        let server = try await TestHTTPServer.start(ScriptedSite().respond)
        defer { Task { await server.stop() } }
        let result = try run(
            TestPaths.charterBinary, ["locales", "--render", "auto", "--langs", "en,fr", "--format", "json", server.baseURL + "/cookies"],
            timeout: 60)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let variants = report?["variants"] as? [[String: Any]] ?? []
        #expect(variants.map { $0["detected"] as? String } == ["en", "fr"], "\(result.stderr)")
        #expect(variants.map { $0["cookies"] as? Int } == [5, 5])
        let kinds = Set((report?["findings"] as? [[String: Any]] ?? []).map { $0["kind"] as! String })
        // Same cookies, categories and retentions ("1 an" = "1 year") in both languages.
        #expect(kinds.isDisjoint(with: ["missing", "extra", "category-mismatch", "retention-mismatch", "served-language-mismatch"]), "\(kinds)")
    }

    @Test func oneTrustCookieListIsRendered() async throws {
        let server = try await TestHTTPServer.start(ScriptedSite().respond)
        defer { Task { await server.stop() } }
        let (result, json) = try extract(["--render", "auto", server.baseURL + "/policy"])
        #expect(result.status == 0, "\(result.stderr)")
        let cookies = json?["cookies"] as? [[String: Any]] ?? []
        #expect(cookies.map { $0["name"] as! String } == ["OptanonConsent", "sessionid", "_gid", "test_cookie"])
        #expect(cookies.map { $0["category"] as! String } == ["necessary", "necessary", "statistics", "marketing"])
        #expect(cookies.map { $0["party"] as? String } == ["first", "first", "first", "third"])
        #expect(Self.findings(json) == [
            "set-before-consent _gid", "retention-understated _gid", "declared-not-observed OptanonConsent",
            "declared-not-observed test_cookie",
        ])
    }

    @Test func neverRendersAndObservesNothing() async throws {
        let server = try await TestHTTPServer.start(ScriptedSite().respond)
        defer { Task { await server.stop() } }
        let (never, neverJSON) = try extract(["--render", "never", server.baseURL + "/cookies"])
        #expect(never.status == 1)
        #expect(neverJSON?["observed"] is NSNull)
        #expect(neverJSON?["findings"] is NSNull)
    }

    @Test func aPageThatNeverLoadsFailsWithinTheTimeoutAndLeavesNoBrowser() async throws {
        let server = try await TestHTTPServer.start(ScriptedSite().respond)
        defer { Task { await server.stop() } }
        let folder = try Self.scratch("rt")
        defer { try? FileManager.default.removeItem(at: folder) }
        let started = Date()
        let result = try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["TMPDIR=\(folder.path)", TestPaths.charterBinary.path, "extract", "--render", "always", "--timeout", "3", server.baseURL + "/hanging"],
            timeout: 60)
        #expect(result.status == 2)
        #expect(result.stderr.contains("did not load in the browser within 3 seconds"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(BrowserProcesses.using(folder).isEmpty)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) == [])
    }

    /// The browser was once started from a libdispatch worker thread, and the kernel
    /// killed it (`--pdeathsig`) when that thread was retired, about five idle seconds
    /// into any slow page.
    @Test func aSlowPageKeepsItsBrowserUntilTheTimeout() async throws {
        let server = try await TestHTTPServer.start(ScriptedSite().respond)
        defer { Task { await server.stop() } }
        let result = try run(
            TestPaths.charterBinary, ["extract", "--render", "always", "--timeout", "10", server.baseURL + "/hanging"],
            timeout: 60)
        #expect(result.status == 2)
        #expect(result.stderr.contains("did not load in the browser within 10 seconds"), "\(result.stderr)")
    }

    @Test func noBrowserOutlivesACharterKilledMidRender() async throws {
        let server = try await TestHTTPServer.start(ScriptedSite().respond)
        defer { Task { await server.stop() } }
        let folder = try Self.scratch("rk")
        defer { try? FileManager.default.removeItem(at: folder) }
        let charter = Process()
        charter.executableURL = TestPaths.charterBinary
        charter.arguments = ["extract", "--render", "always", "--timeout", "120", server.baseURL + "/hanging"]
        charter.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": folder.path]) { $1 }
        let errors = Pipe()
        charter.standardOutput = FileHandle.nullDevice
        charter.standardError = errors
        try charter.run()
        // Wait until the browser is up and loading, then kill charter outright. The wait is
        // long because a loaded CI machine running every suite at once starts Chromium slowly.
        var waited = 0.0
        while !BrowserProcesses.started(under: folder), charter.isRunning, waited < 120 {
            try await Task.sleep(for: .milliseconds(100))
            waited += 0.1
        }
        guard charter.isRunning, BrowserProcesses.started(under: folder) else {
            if charter.isRunning { kill(charter.processIdentifier, SIGKILL) }
            charter.waitUntilExit()
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let browsers = BrowserProcesses.commandLines(containing: "chromium").joined(separator: "\n")
            let files = FileManager.default.subpaths(atPath: folder.path) ?? []
            Issue.record(
                "the browser never started (charter exited \(charter.terminationStatus)): \(said)\nin \(folder.path): \(files.prefix(8))\nchromium processes:\n\(browsers)")
            return
        }
        try await Task.sleep(for: .milliseconds(500))
        let port = try #require(BrowserProcesses.devToolsPort(under: folder))
        let logs = (FileManager.default.subpaths(atPath: folder.path) ?? []).filter { $0.hasSuffix("chromium.log") }
            .compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        #expect(
            BrowserProcesses.accepts(port: port),
            "the browser's DevTools port \(port) is not open; processes: \(BrowserProcesses.using(folder)); files: \(FileManager.default.subpaths(atPath: folder.path) ?? []); log: \(logs.joined().suffix(1500))")
        kill(charter.processIdentifier, SIGKILL)
        charter.waitUntilExit()
        // Two signs, either enough to fail: a process still naming the folder, and the
        // browser's DevTools port still answering.
        var left = BrowserProcesses.using(folder)
        var listening = BrowserProcesses.accepts(port: port)
        for _ in 0..<50 where !left.isEmpty || listening {
            try await Task.sleep(for: .milliseconds(100))
            left = BrowserProcesses.using(folder)
            listening = BrowserProcesses.accepts(port: port)
        }
        #expect(left.isEmpty, "Chromium processes outlived charter: \(left)")
        #expect(!listening, "a browser still listens on its DevTools port \(port) after charter was killed")
        for pid in left { kill(pid, SIGKILL) }
    }

    @Test func watchRendersAScriptWrittenSourceAndKeepsItsObservedCookies() async throws {
        let server = try await TestHTTPServer.start(ScriptedSite().respond)
        defer { Task { await server.stop() } }
        let folder = try Self.scratch("rw")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("charter.yml").path
        let db = folder.appendingPathComponent("charter.sqlite").path
        try """
            render_concurrency: 1
            sources:
              - id: shop
                url: \(server.baseURL)/cookies
                languages: [en]
              - id: policy
                url: \(server.baseURL)/policy
                render: never
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try run(TestPaths.charterBinary, ["watch", "--config", config, "--db", db, "--format", "json"], timeout: 120)
        // shop: a first version, with legal findings; policy: not rendered, so no table.
        #expect(result.status == 2, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let checks = summary?["checks"] as? [[String: Any]] ?? []
        let shop = checks.first { $0["source"] as? String == "shop" }
        #expect(shop?["outcome"] as? String == "first-version")
        let rules = Set((shop?["findings"] as? [[String: Any]] ?? []).map { $0["rule"] as! String })
        #expect(rules.isSuperset(of: ["set-before-consent", "retention-understated", "undeclared-cookie"]))
        #expect(checks.first { $0["source"] as? String == "policy" }?["outcome"] as? String == "failed")

        let store = try CharterDatabase(path: db)
        let snapshot = try #require(try store.latestSnapshots().first { $0.source.rawValue == "shop" })
        #expect(snapshot.rendered)
        #expect(snapshot.observed?.map(\.name) == ["_ga", "_ga_ABC123", "_hjSessionUser_1", "csrftoken"])
        #expect(String(decoding: snapshot.body, as: UTF8.self).contains("CookieDeclarationTable"))
    }

    @Test func aMissingBrowserIsAClearError() async throws {
        let server = try await TestHTTPServer.start(ScriptedSite().respond)
        defer { Task { await server.stop() } }
        let (result, _) = try extract(["--render", "always", "--browser", "/nonexistent/chromium", server.baseURL + "/cookies"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("apt-get install chromium"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}

/// Processes whose command line mentions a folder: the browsers started with a
/// profile under it.
enum BrowserProcesses {
    /// The command lines of running processes that contain `text` (for diagnostics).
    static func commandLines(containing text: String) -> [String] {
        processes().compactMap { pid in
            guard let line = read(pid, "cmdline")?.replacingOccurrences(of: "\0", with: " "), line.contains(text) else { return nil }
            return "\(pid): \(line.prefix(300))"
        }
    }

    /// Whether a browser charter started under `folder` has opened its DevTools
    /// endpoint (the file charter itself waits for).
    static func started(under folder: URL) -> Bool { activePortFile(under: folder) != nil }

    /// The DevTools port the browser wrote, first line of `DevToolsActivePort`.
    static func devToolsPort(under folder: URL) -> UInt16? {
        guard let file = activePortFile(under: folder), let text = try? String(contentsOf: file, encoding: .utf8) else {
            return nil
        }
        return text.split(separator: "\n").first.flatMap { UInt16($0) }
    }

    private static func activePortFile(under folder: URL) -> URL? {
        (FileManager.default.subpaths(atPath: folder.path) ?? []).first { $0.hasSuffix("DevToolsActivePort") }
            .map { folder.appendingPathComponent($0) }
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: UInt16) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Live processes that name `folder` in their command line or environment (charter
    /// gives the browser a TMPDIR inside it, which every process it starts inherits).
    static func using(_ folder: URL) -> [Int32] {
        processes().filter { pid in
            guard pid != getpid(), ["cmdline", "environ"].contains(where: { read(pid, $0)?.contains(folder.path) == true })
            else { return false }
            // A zombie has been killed already and only waits for its parent.
            return read(pid, "stat")?.contains(") Z ") != true
        }
    }

    private static func processes() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
    }

    private static func read(_ pid: Int32, _ file: String) -> String? {
        FileManager.default.contents(atPath: "/proc/\(pid)/\(file)").map { String(decoding: $0, as: UTF8.self) }
    }
}

/// What needs no browser: recognising consent managers, and the checks of observed
/// cookies against the table.
struct ConsentManagerTests {
    @Test(arguments: [
        (#"<script id="CookieDeclaration" src="https://consent.cookiebot.com/abc/cd.js"></script>"#, ConsentManager.cookiebot),
        (#"<div id="ot-sdk-cookie-policy"></div><script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js"></script>"#, .onetrust),
        (#"<script>window.didomiConfig = {};</script><div id="didomi-host"></div>"#, .didomi),
        (#"<script>window.axeptioSettings = {clientId: "x"};</script>"#, .axeptio),
        (#"<script src="/tarteaucitron/tarteaucitron.js"></script><div id="tarteaucitronServices"></div>"#, .tarteaucitron),
        (#"<script defer data-config="klaroConfig" src="/js/klaro.js"></script>"#, .klaro),
    ])
    func recognisesTheSixPlatforms(page: String, manager: ConsentManager) {
        #expect(ConsentManager.detect(in: Array(page.utf8)) == manager)
    }

    @Test func aPlainPageHasNone() {
        #expect(ConsentManager.detect(in: Array("<html><body><h1>Cookies</h1><p>We use cookies.</p></body></html>".utf8)) == nil)
    }

}

/// The corpus page whose table Cookiebot writes (third-party content, read in place).
@Suite(.enabled(if: TestPaths.corpus != nil, "skipped: no corpus at CHARTER_CORPUS or ../shared/corpus"))
struct ConsentManagerCorpusTests {
    @Test func theCorpusPageWhoseTableCookiebotInjectsIsRecognised() throws {
        let corpus = try #require(TestPaths.corpus)
        let pages = try FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent("pages").path)
            .filter { $0.hasPrefix("nemon.eu") && $0.hasSuffix(".html") }
        try #require(!pages.isEmpty, "no nemon.eu page in the corpus")
        for page in pages {
            let bytes = try [UInt8](Data(contentsOf: corpus.appendingPathComponent("pages/\(page)")))
            #expect(ConsentManager.detect(in: bytes) == .cookiebot, "\(page)")
        }
    }
}
