import ArgumentParser
import Foundation
import PartnerBot
import PartnerBotDev

/// `partnerbot demo`: the whole story end to end, printed as a transcript.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole story end to end (temporary database, local chat sink, real HTTP server, signed requests) and print what each person saw.",
        discussion: "Exits non-zero if any step did not behave.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration = try options.load()
        let failures = try await Demo.run(commandsDirectory: configuration.commandsDirectory) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        print("")
        if failures.isEmpty {
            print("demo: every step behaved ✓")
        } else {
            throw CLIError("demo: \(failures.count) step(s) did not behave:\n" + failures.map { "  ✗ \($0)" }.joined(separator: "\n"))
        }
    }
}
