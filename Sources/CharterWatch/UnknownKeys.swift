/// A configuration key charter does not know is an error, with the likely key it meant:
/// `langauges: [fr]` ran a source under no language at all, `webhok:` silently sent no
/// notification. Checked while decoding, so the YAML is not composed a second time.
enum UnknownKeys {
    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func check(_ decoder: any Decoder, known: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys where !known.contains(key.stringValue) {
            let guess = known.min { distance(key.stringValue, $0) < distance(key.stringValue, $1) }
            let suggestion = guess.flatMap { distance(key.stringValue, $0) <= 2 ? "; did you mean `\($0)`?" : nil }
                ?? " (known: \(known.joined(separator: ", ")))"
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "unknown key `\(key.stringValue)`" + suggestion)
        }
    }

    /// Edit distance with transpositions ("langauges" is one from "languages").
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], previous2[j - 2] + 1) }
            }
            previous2 = previous
            previous = current
        }
        return previous[b.count]
    }
}
