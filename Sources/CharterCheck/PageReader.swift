public import CharterExtract
public import CharterFetch
public import CharterModel
internal import CharterRender
public import CharterStore
internal import Foundation

/// What reading a page gave: a charter, the server's "not modified", or why there is
/// nothing to read; with the page as fetched (or rendered), to keep.
public struct PageRead: Sendable {
    public enum Result: Sendable {
        case read(Charter)
        case notModified
        case failed(String)
    }

    public var result: Result
    /// The page as kept: the served bytes, or the DOM when it was rendered.
    public var snapshot: SnapshotInput?
}

/// Fetch → extract → render when needed: the reading of a page that `charter watch`
/// and `charter extract URL` share.
public struct PageReader: Sendable {
    public let extractor: CharterExtractor
    public let fetcher: PageFetcher
    public let browser: String?
    /// Browsers running at once (`render_concurrency`): a browser per page is heavy.
    let renderSlots: HostLimiter

    public init(extractor: CharterExtractor, fetcher: PageFetcher, browser: String? = nil, renderConcurrency: Int = 1) {
        self.extractor = extractor
        self.fetcher = fetcher
        self.browser = browser
        self.renderSlots = HostLimiter(limit: renderConcurrency)
    }

    public func read(_ target: CheckTarget, etag: String? = nil, lastModified: String? = nil) async -> PageRead {
        let request = target.request(etag: etag, lastModified: lastModified)
        let page: FetchedPage
        do {
            page = target.isFile ? try FetchedPage.file(request) : try await fetcher.fetch(request)
        } catch {
            return PageRead(result: .failed("fetch failed: \(error.description)"), snapshot: nil)
        }
        var snapshot = SnapshotInput(
            url: page.finalURL, status: page.status, headers: page.headers, setCookieNames: page.setCookieNames,
            body: page.body, fetchedAt: page.fetchedAt)
        if page.status == 304 { return PageRead(result: .notModified, snapshot: nil) }
        guard page.body.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            return PageRead(result: .failed("empty body"), snapshot: snapshot)
        }
        let served = ExtractionInput(
            bytes: page.body, name: page.finalURL, url: page.finalURL, contentType: page.contentType,
            contentLanguage: page.contentLanguage, requestedLanguage: target.language.isEmpty ? nil : target.language,
            fetchedAt: page.fetchedAt, setCookieNames: page.setCookieNames, scope: target.scope)
        let charter: Charter
        do {
            charter = try extractor.extract(served)
        } catch {
            return PageRead(result: .failed("unreadable page: \(error.description)"), snapshot: snapshot)
        }
        let reader = RenderingExtractor(extractor: extractor, mode: target.render, renderer: PageRenderer(browser: browser))
        guard let reason = reader.reasonToRender(served, charter) else { return PageRead(result: .read(charter), snapshot: snapshot) }
        await renderSlots.acquire("browser")
        let rendered: Result<(charter: Charter, page: RenderedPage), any Error>
        do {
            rendered = .success(try await reader.render(request, staticInput: served, reason: reason))
        } catch {
            rendered = .failure(error)
        }
        await renderSlots.release("browser")
        switch rendered {
        case .success(let rendered):
            // What was extracted is what is kept: the DOM, and the cookies of this visit.
            snapshot.body = rendered.page.html
            snapshot.rendered = true
            snapshot.observed = rendered.page.observed
            return PageRead(result: .read(rendered.charter), snapshot: snapshot)
        case .failure(let error):
            let reason = (error as? RenderError)?.description ?? String(describing: error)
            return PageRead(result: .failed("render failed: \(reason)"), snapshot: snapshot)
        }
    }

    /// The page behind a stored version, read again by this extractor, with the scope it
    /// was read with: what re-extraction and an upgraded watch compare against.
    public func reread(_ snapshot: StoredSnapshot, scope: String?) throws(ExtractionError) -> Charter {
        try extractor.reextract(snapshot, scope: scope)
    }
}
