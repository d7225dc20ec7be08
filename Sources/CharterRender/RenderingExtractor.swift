public import CharterExtract
public import CharterFetch
public import CharterModel

/// Extraction with a headless browser behind it: the served page is read first, and
/// rendered only when the mode asks for it.
public struct RenderingExtractor: Sendable {
    public var extractor: CharterExtractor
    public var mode: RenderMode
    public var renderer: PageRenderer

    public init(extractor: CharterExtractor, mode: RenderMode, renderer: PageRenderer = PageRenderer()) {
        self.extractor = extractor
        self.mode = mode
        self.renderer = renderer
    }

    /// Why the served page `input`, read as `charter`, should be rendered; `nil` when
    /// it should not.
    public func reasonToRender(_ input: ExtractionInput, _ charter: Charter) -> String? {
        switch mode {
        case .never: return nil
        case .always: return "--render always"
        case .auto:
            guard !charter.hasCookieTable, charter.source.format == .html,
                let manager = ConsentManager.detect(in: input.bytes)
            else { return nil }
            return "the served page has no cookie table and embeds \(manager.rawValue)"
        }
    }

    /// The charter of a served page, rendered when `reasonToRender` says so. `request`
    /// is how the page was fetched, so the browser asks for the same language.
    public func extract(_ input: ExtractionInput, request: FetchRequest?) async throws -> Charter {
        let served = try extractor.extract(input)
        guard let reason = reasonToRender(input, served) else { return served }
        guard let request else {
            if mode == .always { throw RenderError.notAURL(input.name) }
            return served
        }
        return try await render(request, staticInput: input, reason: reason).charter
    }

    /// Renders `request` and extracts the DOM the browser ended with.
    public func render(
        _ request: FetchRequest, staticInput input: ExtractionInput, reason: String
    ) async throws -> (charter: Charter, page: RenderedPage) {
        let page = try await renderer.render(request)
        var rendered = input
        rendered.bytes = page.html
        rendered.url = page.finalURL
        // The DOM is serialized by the browser in UTF-8, whatever the page was served in.
        rendered.contentType = "text/html; charset=utf-8"
        rendered.format = .html
        var charter = try extractor.extract(rendered)
        charter.observed = page.observed
        charter.warnings.append("rendered in a headless browser: \(reason)")
        charter.warnings += page.warnings
        return (charter, page)
    }
}
