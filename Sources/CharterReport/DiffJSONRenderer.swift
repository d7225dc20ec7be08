public import CharterDiff
internal import CharterModel

/// A version diff as JSON (schema: `Sources/CharterDiff/Schemas/diff-v1.schema.json`).
public enum DiffJSONRenderer {
    public static func render(_ diff: VersionDiffResult) -> String {
        var json = JSONWriter(
            pretty: true, emptyContainersAsFoundation: true, reserving: 4096 + 2048 * (diff.changes.count + diff.prose.count))
        diff.write(to: &json)
        return json.text + "\n"
    }
}
