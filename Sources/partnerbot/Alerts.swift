import ArgumentParser
import Foundation
import PartnerBot
import SlackPlatform

/// `partnerbot alerts run`: one alert pass from the command line.
struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Alerts to managers and partners.", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run exactly one alert pass and print what fired.",
            discussion: "--as-of previews (with --dry-run) or replays a pass at another time, e.g. --as-of 2027-03-01T09:00:00Z.")

        @Option(name: .long, help: "The pass's clock (ISO 8601, e.g. 2027-03-01T09:00:00Z or 2027-03-01); default now.")
        var asOf: String?

        @Flag(name: .long, help: "Decide what would fire, write nothing.")
        var dryRun = false

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let configuration = try options.load()
            let now: Date
            if let asOf {
                guard let parsed = ISO8601Time.parse(asOf) else {
                    throw CLIError("--as-of must be an ISO 8601 time like 2027-03-01T09:00:00Z (or a date like 2027-03-01), got \(asOf)")
                }
                now = parsed
            } else {
                now = SystemWallClock().now()
            }
            let database = try openDatabase(configuration)
            let report = try await database.runAlertPass(settings: ProgramSettings(configuration), now: now, dryRun: dryRun)
            print("alert pass as of \(ISO8601DateFormatter().string(from: now))\(dryRun ? " (dry run: nothing written)" : ""):")
            for line in report.lines { print("  \(line)") }
        }
    }
}
