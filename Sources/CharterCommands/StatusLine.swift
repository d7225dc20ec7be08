internal import Foundation

/// The progress line of a long round on a terminal.
///
/// `[done/total] source@lang: outcome`, rewritten in place, shown only once the round
/// has lasted `delay` seconds (a quick round leaves no trace), erased at the end. Log
/// lines are printed above it, so they never mix with it.
///
/// Every write happens under one lock, in the order asked.
package final class StatusLine: @unchecked Sendable {
    /// Carriage return, then erase to the end of the line.
    package static let erase = "\r\u{1B}[K"

    /// The one for this process's stderr.
    package static let standardError = StatusLine { FileHandle.standardError.write(Data($0.utf8)) }

    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    private let columns: @Sendable () -> Int
    private var enabled = false
    private var revealed = false
    private var onScreen = false
    private var latest: String?
    private var timer: Task<Void, Never>?

    package init(
        columns: @escaping @Sendable () -> Int = StatusLine.terminalColumns, write: @escaping @Sendable (String) -> Void
    ) {
        self.columns = columns
        self.write = write
    }

    /// Starts counting: the line shows `delay` seconds from now, if the round is still on.
    package func start(delay: Double = 2) {
        lock.withLock {
            enabled = true
            revealed = delay <= 0
        }
        guard delay > 0 else { return }
        let task = Task { [weak self] in
            try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
            if !Task.isCancelled { self?.reveal() }
        }
        lock.withLock { timer = task }
    }

    /// The round's latest state; drawn at once when the line is showing.
    package func update(_ line: String) {
        lock.withLock {
            guard enabled else { return }
            latest = line
            if revealed { draw() }
        }
    }

    /// A line of its own (a log line, newline included) above the progress line.
    package func printAbove(_ text: String) {
        lock.withLock {
            if onScreen {
                write(Self.erase + text)
                onScreen = false
                draw()
            } else {
                write(text)
            }
        }
    }

    /// Erases the line before something else is written to the same terminal (stdout);
    /// the next update draws it again.
    package func erase() {
        lock.withLock {
            if onScreen { write(Self.erase) }
            onScreen = false
        }
    }

    /// The round is over: the line goes, and nothing more is drawn.
    package func finish() {
        lock.withLock {
            timer?.cancel()
            timer = nil
            enabled = false
            revealed = false
            latest = nil
            if onScreen { write(Self.erase) }
            onScreen = false
        }
    }

    private func reveal() {
        lock.withLock {
            guard enabled else { return }
            revealed = true
            draw()
        }
    }

    /// Draws the latest state; called with the lock held.
    ///
    /// A line wider than the terminal would wrap, and `\r` would then erase only its last
    /// row: it is cut to fit.
    private func draw() {
        guard let latest else { return }
        let width = max(10, columns() - 1)
        let line = latest.count > width ? String(latest.prefix(width - 1)) + "…" : latest
        write(Self.erase + line)
        onScreen = true
    }

    /// The width of the terminal on stderr; 80 when it cannot be read.
    @Sendable package static func terminalColumns() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
