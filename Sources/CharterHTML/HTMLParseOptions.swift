/// Options for parsing HTML, with bits of charter's own.
///
/// They are translated into libxml2's `HTML_PARSE_*` flags inside `HTMLParser`, so no C
/// constant is part of the public API. Whatever a caller passes, parsing always
/// recovers from errors, never touches the network and prints nothing.
public struct HTMLParseOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Drop text nodes made only of white space.
    public static let dropBlankText = HTMLParseOptions(rawValue: 1 << 0)
    /// Keep the text inside `<script>` and `<style>` (dropped by default: it is never
    /// charter content and it is most of a modern page's bytes).
    public static let keepScriptText = HTMLParseOptions(rawValue: 1 << 1)

    public static let `default`: HTMLParseOptions = []
}
