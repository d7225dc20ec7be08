/// A failure a user can act on: printed as one line on stderr, exit code 2.
public struct CommandFailure: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
