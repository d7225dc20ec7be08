internal import CharterModel
internal import CharterStore
internal import CharterTranslation
internal import Foundation

/// What a watch store knows of a source's translations: each language's latest version,
/// the source as it was when the target last changed (stale texts are those edited
/// since), and every earlier pair of versions as translation memory.
struct StoredTranslations {
    var latest: [String: Charter] = [:]
    var previous: [String: Charter] = [:]

    /// - Parameter memory: receives the pairs of every stored target version with the
    ///   source version current when it was first seen.
    static func load(
        db: String, source id: String, sourceLanguage: String, targetLanguage: String?, into memory: inout TranslationMemory
    ) throws -> StoredTranslations {
        let store = try StoreAccess.open(db, readOnly: true)
        let source = SourceID(id)
        func versions(_ language: String) throws -> [StoredVersion] {
            do {
                return try store.versionNumbers(source, language: language).compactMap {
                    try store.version(source, language: language, number: $0)
                }
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
        }
        let sources = try versions(sourceLanguage)
        guard let latestSource = sources.last else {
            throw CommandFailure("\(db) has no version of \(id)@\(sourceLanguage)")
        }
        var stored = StoredTranslations()
        stored.latest[sourceLanguage] = latestSource.charter
        /// The source version current when `date` was.
        func sourceVersion(at date: Date) -> StoredVersion? { sources.last { $0.firstSeenAt <= date } }
        guard let targetLanguage else {
            if sources.count > 1 { stored.previous[sourceLanguage] = sources[sources.count - 2].charter }
            return stored
        }
        let targets = try versions(targetLanguage)
        if let latestTarget = targets.last {
            stored.latest[targetLanguage] = latestTarget.charter
            // What the translator last followed: the source when the target last changed.
            stored.previous[sourceLanguage] = sourceVersion(at: latestTarget.firstSeenAt)?.charter
            if targets.count > 1 { stored.previous[targetLanguage] = targets[targets.count - 2].charter }
        } else if sources.count > 1 {
            stored.previous[sourceLanguage] = sources[sources.count - 2].charter
        }
        for target in targets {
            guard let pair = sourceVersion(at: target.firstSeenAt) else { continue }
            try memory.add(
                source: pair.charter, target: target.charter, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                origin: "\(id)@\(targetLanguage) as stored on \(CharterJSON.timestamp(target.firstSeenAt))")
        }
        return stored
    }
}
