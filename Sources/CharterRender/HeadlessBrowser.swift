internal import Foundation

/// One headless Chromium with a throw-away profile, started for one render and always
/// stopped after it.
///
/// Three things keep a browser from outliving charter: it runs in its own process
/// group, which `stop()` kills whole; it is started through `setpriv --pdeathsig KILL`
/// from `SpawnThread` (which lives as long as charter), so the kernel kills it if
/// charter itself is killed; and its profile folder is removed on stop.
final class HeadlessBrowser: @unchecked Sendable {
    // Safe as @unchecked Sendable: `process` is only signalled and waited on, both
    // thread-safe, and `stopped` is guarded by `lock`.
    private let process: Process
    private let folder: URL
    private let lock = NSLock()
    private var stopped = false
    /// `ws://127.0.0.1:PORT/devtools/browser/ID`.
    let endpoint: String

    private init(process: Process, folder: URL, endpoint: String) {
        self.process = process
        self.folder = folder
        self.endpoint = endpoint
    }

    /// Where Chromium is looked for when no path is given, in order.
    static let candidates = [
        "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
    ]

    /// The executable to run: `explicit`, else `CHARTER_CHROMIUM`, else the first of
    /// `candidates` that exists.
    static func locate(_ explicit: String?) throws(RenderError) -> String {
        let environment = ProcessInfo.processInfo.environment["CHARTER_CHROMIUM"].flatMap { $0.isEmpty ? nil : $0 }
        if let chosen = explicit ?? environment {
            guard FileManager.default.isExecutableFile(atPath: chosen) else { throw .browserMissing(searched: [chosen]) }
            return chosen
        }
        guard let found = candidates.first(where: FileManager.default.isExecutableFile) else {
            throw .browserMissing(searched: candidates)
        }
        return found
    }

    static func arguments(profile: URL) -> [String] {
        var arguments = [
            "--headless", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
            "--user-data-dir=\(profile.path)", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-component-extensions-with-background-pages", "--disable-background-networking", "--disable-sync",
            "--disable-default-apps", "--disable-component-update", "--disable-gpu", "--disable-dev-shm-usage",
            "--mute-audio", "--metrics-recording-only", "--password-store=basic", "--no-pings", "--hide-scrollbars",
            "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication",
        ]
        // Chromium refuses to run as root with its sandbox on; CI and containers run as root.
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        arguments.append("about:blank")
        return arguments
    }

    /// Starts the browser and waits for its DevTools endpoint.
    static func launch(executable: String, within seconds: Double) async throws(RenderError) -> HeadlessBrowser {
        // Chromium's singleton socket goes in this folder, and a socket path has at most
        // 107 bytes: under a long TMPDIR, /tmp is used instead.
        let temporary = FileManager.default.temporaryDirectory
        let base = temporary.path.utf8.count <= 48 ? temporary : URL(fileURLWithPath: "/tmp")
        let folder = base.appendingPathComponent("charter-render-\(UUID().uuidString.prefix(8))")
        let profile = folder.appendingPathComponent("profile")
        let log = folder.appendingPathComponent("chromium.log")
        do {
            try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        } catch {
            throw .browserFailed("cannot create a profile folder in \(folder.deletingLastPathComponent().path)")
        }
        let process = Process()
        let setpriv = "/usr/bin/setpriv"
        if FileManager.default.isExecutableFile(atPath: setpriv) {
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--pdeathsig", "KILL", "--", executable] + arguments(profile: profile)
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments(profile: profile)
        }
        // Chromium keeps its singleton socket in TMPDIR: inside the folder, it goes with it.
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": folder.path]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try? FileHandle(forWritingTo: log)
        let spawning = UncheckedProcess(process: process)
        let started: Result<Void, any Error> = await SpawnThread.shared.run {
            Result { try spawning.process.run() }
        }
        if case .failure(let error) = started {
            try? FileManager.default.removeItem(at: folder)
            throw .browserFailed("\(executable) did not start: \(error.localizedDescription)")
        }

        // Chromium writes the port it chose and the browser's path to DevToolsActivePort.
        let portFile = profile.appendingPathComponent("DevToolsActivePort")
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOf: portFile, encoding: .utf8) {
                let lines = text.split(separator: "\n")
                if lines.count >= 2, let port = Int(lines[0]) {
                    return HeadlessBrowser(process: process, folder: folder, endpoint: "ws://127.0.0.1:\(port)\(lines[1])")
                }
            }
            if !process.isRunning {
                let reason = lastLine(of: log) ?? "no message"
                try? FileManager.default.removeItem(at: folder)
                throw .browserFailed("\(executable) exited with status \(process.terminationStatus) at start: \(reason)")
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        let browser = HeadlessBrowser(process: process, folder: folder, endpoint: "")
        browser.stop()
        throw .browserFailed("\(executable) did not open its DevTools endpoint within \(Int(seconds)) seconds")
    }

    /// Kills the browser and everything it started, and removes its profile. Safe to
    /// call more than once.
    func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        let pid = process.processIdentifier
        if pid > 0 {
            // Foundation starts the child in a process group of its own: kill the group
            // (renderer, GPU and zygote processes too), then the leader in case it is not.
            if getpgid(pid) == pid { kill(-pid, SIGKILL) }
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }

    private static func lastLine(of file: URL) -> String? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n")
        let line = lines.last { $0.contains("FATAL") } ?? lines.last { !$0.contains("dbus") && !$0.contains("crashpad") }
        return line.map { String($0.suffix(300)) }
    }
}

/// Carries the not-yet-started `Process` to the spawner thread, which alone touches
/// it until `run()` returns.
private struct UncheckedProcess: @unchecked Sendable {
    let process: Process
}
