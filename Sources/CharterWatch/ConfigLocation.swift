internal import Yams

/// Finds where a key of the YAML configuration is written, so that an error names the
/// line as well as the key.
struct ConfigLocation {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    /// Composed only when an error is described: a valid configuration of 10,000
    /// sources should not be held twice for the whole round.
    private var root: Node? { try? Yams.compose(yaml: text) }

    enum Step {
        case key(String)
        case index(Int)
    }

    /// The line of the deepest node on `path` that exists (the mapping a missing key
    /// belongs in, for instance).
    func line(_ path: [Step]) -> Int? {
        guard var node = root else { return nil }
        var line = node.mark?.line
        for step in path {
            let next: Node?
            switch step {
            case .key(let key): next = node.mapping?[Node(key)]
            case .index(let index): next = node.sequence.flatMap { index < $0.count ? $0[index] : nil }
            }
            guard let next else { break }
            node = next
            line = node.mark?.line ?? line
        }
        return line
    }

    /// `line 4: sources[0].url`: where, then which key.
    func describe(_ path: [Step]) -> String {
        let name = path.map { step -> String in
            switch step {
            case .key(let key): return "." + key
            case .index(let index): return "[\(index)]"
            }
        }.joined().drop { $0 == "." }
        return (line(path).map { "line \($0): " } ?? "") + name
    }
}
