/// Why a page could not be read as HTML, phrased for the person who gave it.
public enum HTMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input holds no bytes at all.
    case empty
    /// The input looks like binary data (NUL bytes, no text encoding explains them).
    case binary
    /// The input is larger than the limit charter reads.
    case tooLarge(bytes: Int, limit: Int)
    /// libxml2 produced no document at all.
    case unparseable(String)
    /// The XPath expression given as a scope does not compile.
    case invalidXPath(String)

    public var description: String {
        switch self {
        case .empty:
            return "the input is empty"
        case .binary:
            return "the input is binary data, not an HTML or text page"
        case .tooLarge(let bytes, let limit):
            return "the input is \(bytes) bytes, over the limit of \(limit) bytes (raise it with --max-bytes)"
        case .unparseable(let reason):
            return "the HTML could not be parsed: \(reason)"
        case .invalidXPath(let expression):
            return "the XPath expression \(expression) is not valid"
        }
    }
}
