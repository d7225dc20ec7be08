public import ArgumentParser

/// `--db`, shared by every command that reads or writes the store.
public struct StoreOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp("The store (SQLite).", valueName: "file"))
    public var db = "charter.sqlite"

    public init() {}
}
