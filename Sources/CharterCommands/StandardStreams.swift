internal import Foundation

/// stdout for data, stderr for diagnostics.
///
/// stdout is written with `write(2)` and its failures kept: `> /dev/full` or a reader
/// that closed the pipe must end the command with exit 2 and the reason, not a crash,
/// a SIGPIPE death or a silent success (SIGPIPE is ignored by the entry point).
public enum StandardStreams {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var firstFailure: String?

    /// Why writing to stdout failed, if it did; nothing more is written after a failure.
    public static var outputFailure: String? { lock.withLock { firstFailure } }

    static func out(_ text: String) {
        guard outputFailure == nil else { return }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                lock.withLock { if firstFailure == nil { firstFailure = reason } }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Writes to stdout, or throws the reason it could not.
    static func write(_ text: String) throws(CommandFailure) {
        out(text)
        if let failure = outputFailure { throw CommandFailure("cannot write to standard output: \(failure)") }
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data(("charter: " + text + "\n").utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
