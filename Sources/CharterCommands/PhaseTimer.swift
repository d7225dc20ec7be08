internal import Foundation

/// Wall-clock time per phase of a command, printed on stderr with `--timings`, so a
/// user (and Scripts/bench.sh) can see where time goes without a profiler.
struct PhaseTimer {
    private var phases: [(String, Double)] = []
    private var last = DispatchTime.now().uptimeNanoseconds
    let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    mutating func lap(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        phases.append((phase, Double(now - last) / 1_000_000))
        last = now
    }

    func report() {
        guard enabled else { return }
        let text = phases.map { String(format: "%@ %.3f ms", $0.0, $0.1) }.joined(separator: ", ")
        FileHandle.standardError.write(Data(("charter: timings: " + text + "\n").utf8))
    }
}
