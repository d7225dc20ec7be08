public import CharterDiff
internal import CharterModel
internal import Foundation

/// A version diff as JSON (schema: `Sources/CharterDiff/Schemas/diff-v1.schema.json`).
public enum DiffJSONRenderer {
    public static func render(_ diff: VersionDiffResult) throws -> String {
        String(decoding: try CharterJSON.encoder(pretty: true).encode(diff), as: UTF8.self) + "\n"
    }
}
