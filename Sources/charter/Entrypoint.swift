import ArgumentParser
import CharterCommands
import Foundation

/// Runs a command and turns every outcome into the contract's exit codes: 0 and 1 as
/// the command says, 3 for re-consent, 2 for any error, with one line on stderr.
@main
enum Entrypoint {
    static func main() async {
        // A file-size limit (`ulimit -f`) must fail a write with EFBIG, which the store
        // turns into a rolled-back transaction, rather than kill charter mid-write.
        signal(SIGXFSZ, SIG_IGN)
        // A reader that closed the pipe (`charter … | head`) makes a write fail with EPIPE,
        // reported with exit 2, instead of killing charter with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try CharterCommand.parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
            failIfOutputWasLost()
        } catch let exit as ExitCode {
            failIfOutputWasLost()
            Foundation.exit(exit.rawValue)
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("charter: \(failure.message)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = CharterCommand.exitCode(for: error)
            if code == .success {
                CharterCommand.exit(withError: error)
            }
            let message = CharterCommand.fullMessage(for: error)
            FileHandle.standardError.write(Data((message.hasPrefix("Error") || message.hasPrefix("Usage") ? message : "charter: " + message).utf8 + [0x0A]))
            Foundation.exit(2)
        }
    }

    /// A command that printed its result to a stdout that could not take it has failed.
    static func failIfOutputWasLost() {
        guard let failure = StandardStreams.outputFailure else { return }
        FileHandle.standardError.write(Data("charter: cannot write to standard output: \(failure)\n".utf8))
        Foundation.exit(2)
    }
}
