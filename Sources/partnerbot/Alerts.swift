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

        @Flag(name: .long, help: "Only enqueue the messages; a running `partnerbot serve` delivers them.")
        var noDeliver = false

        @Option(name: .long, help: "How long to wait for delivery, in seconds (default 120); undelivered messages stay queued.")
        var deliverTimeout: Int = 120

        @OptionGroup var options: ConfigOptions

        func validate() throws {
            guard deliverTimeout > 0 else { throw ValidationError("--deliver-timeout must be a positive number of seconds") }
        }

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
            let database = try openDatabase(configuration)
            let time = AlertPassTime(asOf: asOfDate, ranAt: ranAt)
            let report = try await database.runAlertPass(settings: ProgramSettings(configuration), time: time, dryRun: dryRun)
            let stamp = ISO8601DateFormatter()
            let ran = time.isReplay ? " (run at \(stamp.string(from: ranAt)))" : ""
            print("alert pass as of \(stamp.string(from: asOfDate))\(ran)\(dryRun ? " (dry run: nothing written)" : ""):")
            for line in report.lines { print("  \(line)") }
            fflush(nil)  // the report comes before what delivery prints (the local chat sink)
            guard !dryRun, report.enqueuedCount > 0 else { return }
            if noDeliver {
                print("enqueued \(report.enqueuedCount) message(s); a running `partnerbot serve` delivers them")
                return
            }
            try await deliver(report, configuration: configuration, database: database, clock: clock)
        }

        private func deliver(_ report: AlertPassReport, configuration: BotConfiguration, database: AppDatabase, clock: SystemWallClock) async throws {
            let logger = CLILogging.bootstrap()
            let client = try chatClient(
                configuration: configuration, clock: clock, logger: logger,
                output: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) })
            let delivery = OutboxBatchDelivery(
                database: database, client: client, configuration: configuration.outbox, clock: clock, logger: logger,
                credentials: configuration.oauth?.credentials)
            let progress = try await delivery.deliver(report.enqueued, timeout: .seconds(deliverTimeout))
            var line = "delivered \(progress.sent)/\(progress.total) message(s)"
            if progress.dead > 0 { line += ", \(progress.dead) failed (see `partnerbot outbox status`)" }
            if progress.open > 0 { line += ", \(progress.open) still queued after \(deliverTimeout) s (a running `partnerbot serve` delivers them)" }
            print(line)
        }
    }
}
