internal import Foundation

/// The one thread charter starts browsers from, alive as long as charter is.
///
/// `setpriv --pdeathsig KILL` asks the kernel to kill the browser when its parent
/// dies, and for the kernel the parent is the *thread* that started it. Swift's async
/// `main` on Linux ends the main thread (`dispatch_main`) and runs the main actor on
/// worker threads that libdispatch retires after a few idle seconds: a browser
/// started from one was killed about five seconds into any slow page. This thread
/// never ends, so the browser dies with charter and only then.
final class SpawnThread: @unchecked Sendable {
    static let shared = SpawnThread()

    private let condition = NSCondition()
    private var jobs: [() -> Void] = []

    private init() {
        let thread = Thread { [unowned self] in self.serve() }
        thread.name = "charter-browser-spawner"
        thread.start()
    }

    /// Runs `body` on the spawner thread and returns what it returned.
    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            condition.lock()
            jobs.append { continuation.resume(returning: body()) }
            condition.signal()
            condition.unlock()
        }
    }

    private func serve() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
