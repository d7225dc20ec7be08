public import ArgumentParser
internal import CharterDiff

/// `charter`: the root command. Each subcommand lives in its own file as an extension.
public struct CharterCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "charter",
        abstract: "Read published cookie charters, diff their versions and languages, and flag re-consent.",
        discussion: """
            charter reads a cookie policy page (HTML, a tab-separated text table or a Markdown \
            table, from a file, stdin or an http(s) URL) and turns its cookie tables into one \
            canonical model.

            Exit codes: 0 success, 1 nothing found or changes without re-consent, \
            3 re-consent needed, 2 error.
            """,
        version: ReportIdentity.charterRelease,
        subcommands: [Extract.self, Diff.self, Locales.self, Xliff.self, Po.self, Tm.self, Watch.self, History.self, Show.self, Store.self, Review.self]
    )

    public init() {}
}
