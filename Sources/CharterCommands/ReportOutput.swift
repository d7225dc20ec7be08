internal import Foundation

/// Writes a report to stdout or to a file. A regular file (or a new path, or the regular
/// file a symlink points to) is replaced atomically, so a failure never leaves a
/// half-written report in place of a good one; anything else — a device, a FIFO — is
/// opened and written, never replaced by a file. Every failure is a `CommandFailure`.
enum ReportOutput {
    static func write(_ report: String, to path: String?) throws(CommandFailure) {
        guard let path else { return try StandardStreams.write(report) }
        try write(Data(report.utf8), to: path)
    }

    static func write(_ data: Data, to path: String) throws(CommandFailure) {
        // Through a symlink to what it names: the link stays a link.
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        var status = stat()
        let exists = stat(target.path, &status) == 0
        do {
            if !exists || (status.st_mode & S_IFMT) == S_IFREG {
                try data.write(to: target, options: .atomic)
            } else {
                let handle = try FileHandle(forWritingTo: target)
                defer { try? handle.close() }
                try handle.write(contentsOf: data)
            }
        } catch {
            throw CommandFailure("cannot write \(path): \(Self.reason(error))")
        }
    }

    /// The system's reason ("No space left on device"), not Foundation's wrapper text.
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }
}
