public import Foundation

/// Where the HTML reports of changes go, and what each is called: the one place that
/// knows the convention. A report is written under a temporary name first and takes
/// its own name only once the store has recorded the check, so a refused check leaves
/// no orphan report and a recorded check names a report that exists.
public struct ReportFolder: Sendable {
    public let url: URL

    public init(_ url: URL) { self.url = url }

    /// `SOURCE-LANG-EPOCHSECONDS.html` (`page` for a source without languages).
    public static func name(source: String, language: String, at: Date) -> String {
        "\(source)-\(language.isEmpty ? "page" : language)-\(Int(at.timeIntervalSince1970)).html"
    }

    public func path(of name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `html` under a temporary name; nil when the folder cannot take it (the
    /// check is then recorded without a report, and says so).
    func stage(_ html: String, name: String) -> URL? {
        let staged = url.appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).partial")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: staged)
            return staged
        } catch {
            try? FileManager.default.removeItem(at: staged)
            return nil
        }
    }

    /// Gives a staged report its name (the store said yes), or removes it (the store
    /// said no). False when the rename failed.
    func settle(_ staged: URL, name: String, recorded: Bool) -> Bool {
        guard recorded else {
            try? FileManager.default.removeItem(at: staged)
            return true
        }
        return rename(staged.path, url.appendingPathComponent(name).path) == 0
    }
}
