public import CharterExtract
public import CharterModel
public import CharterStore

extension CharterExtractor {
    /// Reads a stored page again, as it was fetched: what `charter store reextract` does
    /// for every source, and what a watch does before comparing with a version an older
    /// extractor read.
    /// - Parameter scope: the XPath the source is read with (a watched source's
    ///   `scope`): without it, a scoped page is read whole and looks changed.
    public func reextract(_ snapshot: StoredSnapshot, scope: String? = nil) throws(ExtractionError) -> Charter {
        // A rendered snapshot holds the browser's DOM, serialized in UTF-8.
        let contentType = snapshot.rendered ? "text/html; charset=utf-8" : snapshot.header("Content-Type")
        var charter = try extract(ExtractionInput(
            bytes: snapshot.body, name: snapshot.url, url: snapshot.url, contentType: contentType,
            contentLanguage: snapshot.header("Content-Language"),
            requestedLanguage: snapshot.language.isEmpty ? nil : snapshot.language, fetchedAt: snapshot.fetchedAt,
            setCookieNames: snapshot.setCookieNames, scope: scope))
        charter.observed = snapshot.observed
        return charter
    }
}
