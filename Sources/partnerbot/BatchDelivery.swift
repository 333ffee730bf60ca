import ArgumentParser
import Foundation
import PartnerBot
import SlackPlatform

/// How a command that enqueues messages delivers them: before it exits (the default), or left
/// to a running `partnerbot serve`.
struct DeliveryOptions: ParsableArguments {
    @Flag(name: .long, help: "Only enqueue the messages; a running `partnerbot serve` delivers them.")
    var noDeliver = false

    @Option(name: .long, help: "How long to wait for delivery, in seconds (default 120); undelivered messages stay queued.")
    var deliverTimeout: Int = 120

    func validate() throws {
        guard deliverTimeout > 0 else { throw ValidationError("--deliver-timeout must be a positive number of seconds") }
    }

    /// Delivers the outbox rows `enqueued` and prints where they stand.
    func deliver(_ enqueued: [ClosedRange<Int64>], configuration: BotConfiguration, database: AppDatabase) async throws {
        let count = enqueued.reduce(0) { $0 + $1.count }
        guard count > 0 else { return }
        if noDeliver {
            print("enqueued \(count) message(s); a running `partnerbot serve` delivers them")
            return
        }
        fflush(nil)  // what the command printed comes before what delivery prints (the local chat sink)
        let clock = SystemWallClock()
        let logger = CLILogging.bootstrap()
        let client = try chatClient(
            configuration: configuration, clock: clock, logger: logger,
            output: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) })
        let delivery = OutboxBatchDelivery(
            database: database, client: client, configuration: configuration.outbox, clock: clock, logger: logger,
            credentials: configuration.oauth?.credentials, tokenFallback: configuration.tokenFallback)
        let progress = try await delivery.deliver(enqueued, timeout: .seconds(deliverTimeout))
        var line = "delivered \(progress.sent)/\(progress.total) message(s)"
        if progress.dead > 0 { line += ", \(progress.dead) failed (see `partnerbot outbox status`)" }
        if progress.open > 0 { line += ", \(progress.open) still queued after \(deliverTimeout) s (a running `partnerbot serve` delivers them)" }
        print(line)
    }
}
