internal import CharterDiff

/// Shortens the unchanged words of a prose redline to a few words of context around
/// each change, so a one-word edit in a long paragraph reads as one line.
enum ProseContext {
    static func trim(_ runs: [WordRun], context: Int = 8) -> [WordRun] {
        runs.enumerated().map { index, run in
            guard run.operation == .equal else { return run }
            let words = run.text.split(separator: " ")
            let keepBefore = index > 0 ? context : 0
            let keepAfter = index < runs.count - 1 ? context : 0
            guard words.count > keepBefore + keepAfter + 1 else { return run }
            var kept: [Substring] = []
            if keepBefore > 0 { kept += words.prefix(keepBefore) }
            kept.append("…")
            if keepAfter > 0 { kept += words.suffix(keepAfter) }
            return WordRun(operation: .equal, text: kept.joined(separator: " "))
        }
    }
}
