internal import CharterLocales
internal import Foundation

/// The language reports are written in, from the environment.
enum ReportLanguage {
    static func fromEnvironment() -> String { ReportStrings.environmentLanguage(ProcessInfo.processInfo.environment) }
}
