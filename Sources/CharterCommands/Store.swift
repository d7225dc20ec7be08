public import ArgumentParser
internal import CharterCheck
internal import CharterExtract
internal import CharterModel
internal import CharterStore
internal import CharterWatch
internal import Foundation

extension CharterCommand {
    /// `charter store …`: maintenance of the store.
    public struct Store: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "store",
            abstract: "Maintain the store of watched charters.", subcommands: [Reextract.self, Prune.self])
        public init() {}

        /// `charter store reextract`: read the stored pages again with this extractor.
        public struct Reextract: AsyncParsableCommand {
            public static let configuration = CommandConfiguration(
                commandName: "reextract",
                abstract: "Re-extract the latest stored page of every source and language with this version of charter.",
                discussion: """
                    After an upgrade, the same pages may read better. A different reading is stored \
                    as a new version caused by the extractor, not by the page, so that history and \
                    diffs never blame the site for charter's own improvement.
                    """)

            @OptionGroup public var database: StoreOptions

            public init() {}

            public func run() async throws {
                let store = try StoreAccess.open(database.db)
                let extractor = CharterExtractor()
                var changed = 0
                do throws(StoreError) {
                    for snapshot in try store.latestSnapshots() {
                        let label = "\(snapshot.source)@\(snapshot.language)"
                        let charter: Charter
                        do {
                            // Read as the watch read it: with the source's scope.
                            charter = try extractor.reextract(snapshot, scope: snapshot.scope)
                        } catch {
                            StandardStreams.out("\(label): the stored page no longer extracts (\(error)); kept as it was\n")
                            continue
                        }
                        guard charter.hasCookieTable else {
                            StandardStreams.out("\(label): this extractor finds no cookie table in the stored page; kept as it was\n")
                            continue
                        }
                        if charter.contentSHA256 == snapshot.contentSHA256 {
                            StandardStreams.out("\(label): unchanged\n")
                        } else {
                            _ = try store.recordReextraction(snapshot, charter: charter, extractor: extractor.revision, at: Date())
                            StandardStreams.out("\(label): new version from the extractor (\(charter.cookies.count) cookies)\n")
                            changed += 1
                        }
                    }
                } catch {
                    throw CommandFailure(error.description)
                }
                if changed > 0 { throw ExitCode(1) }
            }
        }
    }
}
