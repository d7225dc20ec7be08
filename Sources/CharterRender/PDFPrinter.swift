public import Foundation

/// Prints an HTML report to PDF through the headless Chromium charter already drives
/// (DevTools `Page.printToPDF`): A4, backgrounds kept, a header and a footer on every page.
public enum PDFPrinter {
    /// The PDF of `html`.
    ///
    /// - Parameters:
    ///   - header: an HTML fragment shown at the top of every page (Chromium's header
    ///     template: inline styles only, no scripts or external resources).
    ///   - footer: the same at the bottom; `<span class="pageNumber"></span>` and
    ///     `<span class="totalPages"></span>` are filled in by the browser.
    ///   - browser: the Chromium executable (else `CHARTER_CHROMIUM`, else the usual places).
    public static func pdf(
        html: String, header: String, footer: String, browser: String? = nil, timeout: Double = 60
    ) async throws(RenderError) -> Data {
        let executable = try HeadlessBrowser.locate(browser)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "charter-pdf-\(UUID().uuidString.prefix(8))")
        let page = folder.appendingPathComponent("report.html")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: page)
        } catch {
            throw .browserFailed("the report could not be written for the browser: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let running = try await HeadlessBrowser.launch(executable: executable, within: min(timeout, 20))
        defer { running.stop() }
        let connection = try await DevToolsConnection.connect(to: running.endpoint, maxMessage: 256 << 20)
        defer { Task { await connection.close() } }
        let deadline = ContinuousClock.now + .seconds(timeout)

        let target = try await connection.send("Target.createTarget", ["url": "about:blank"])
        guard let targetID = target.string("targetId") else { throw .protocolFailed("no tab was created") }
        let attached = try await connection.send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        guard let session = attached.string("sessionId") else { throw .protocolFailed("the tab could not be attached") }
        try await connection.send("Page.enable", session: session)
        let url = page.absoluteString
        let navigation = try await connection.send("Page.navigate", ["url": url], session: session)
        if let failure = navigation.string("errorText"), !failure.isEmpty {
            throw .pageFailed(url: url, reason: failure)
        }
        while true {
            if let closed = connection.closed { throw .browserFailed("\(closed) while loading the report") }
            let state = try await connection.send(
                "Runtime.evaluate", ["expression": "document.readyState", "returnByValue": true], session: session)
            if state.object("result")?.string("value") == "complete" { break }
            if ContinuousClock.now >= deadline { throw .timedOut(url: url, seconds: timeout) }
            try? await Task.sleep(for: .milliseconds(50))
        }
        // A4 in inches; the top margin leaves room for the identity header.
        let printed = try await connection.send(
            "Page.printToPDF",
            [
                "paperWidth": 8.27, "paperHeight": 11.69, "marginTop": 0.95, "marginBottom": 0.6, "marginLeft": 0.55,
                "marginRight": 0.55, "printBackground": true, "displayHeaderFooter": true, "headerTemplate": header,
                "footerTemplate": footer, "preferCSSPageSize": false,
            ], session: session)
        guard let encoded = printed.string("data"), let data = Data(base64Encoded: encoded),
            data.starts(with: Array("%PDF".utf8))
        else {
            throw .protocolFailed("the browser returned no PDF")
        }
        _ = try? await connection.send("Browser.close")
        return data
    }
}
