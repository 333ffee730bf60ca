import ArgumentParser
import Foundation
import PartnerBot
import PartnerBotDev
import SlackPlatform

/// `partnerbot alerts run`: one alert pass from the command line.
struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Alerts to managers and partners.", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run exactly one alert pass, deliver what it fired, and print it.",
            discussion: """
                --as-of decides what is due (e.g. --as-of 2027-03-01T09:00:00Z): with --dry-run it previews \
                that moment and writes nothing; without it the pass records what fired in the alert ledger \
                and its messages are delivered now, before the command exits (the real clock decides delivery, \
                never the simulated one). A running `partnerbot serve` may deliver some of them first; nothing \
                is sent twice.
                """)

        @Option(name: .long, help: "The moment to evaluate (ISO 8601, e.g. 2027-03-01T09:00:00Z or 2027-03-01); default now.")
        var asOf: String?

        @Flag(name: .long, help: "Decide what would fire, write nothing.")
        var dryRun = false

        @OptionGroup var delivery: DeliveryOptions

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let configuration = try options.load()
            let clock = SystemWallClock()
            let ranAt = clock.now()
            var asOfDate = ranAt
            if let asOf {
                guard let parsed = ISO8601Time.parse(asOf) else {
                    throw CLIError("--as-of must be an ISO 8601 time like 2027-03-01T09:00:00Z (or a date like 2027-03-01), got \(asOf)")
                }
                asOfDate = parsed
            }
            let database = try await openDatabase(configuration)
            let time = AlertPassTime(asOf: asOfDate, ranAt: ranAt)
            let report = try await database.runAlertPass(settings: ProgramSettings(configuration), time: time, dryRun: dryRun)
            let stamp = ISO8601DateFormatter()
            let ran = time.isReplay ? " (run at \(stamp.string(from: ranAt)))" : ""
            print("alert pass as of \(stamp.string(from: asOfDate))\(ran)\(dryRun ? " (dry run: nothing written)" : ""):")
            for line in report.lines { print("  \(line)") }
            guard !dryRun else { return }
            try await delivery.deliver(report.enqueued, configuration: configuration, database: database)
        }
    }
}
