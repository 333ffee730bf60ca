import FakeSlack
import PartnerBot

/// `outbox-drain`: how fast the outbox empties into a Web API on loopback, and whether it stays
/// correct while doing so.
///
/// - **unpaced**: pacing off (`perChannelInterval = .zero`), once per configured concurrency
///   (worker concurrency = libcurl transfers). Target ≥ 1,000 msg/s, no losses, no 429s.
/// - **paced**: the default configuration (1 s per channel, concurrency 4) against a fake that
///   answers 429 to a second message within 1 s in a channel. Zero 429s and zero losses; the
///   elapsed time cannot be below (messages per channel − 1) s.
struct OutboxDrainBenchmark: Benchmark {
    let name = "outbox-drain"
    let summary = "OutboxWorker + libcurl client draining a SQLite outbox into FakeSlack, unpaced and paced."

    /// Worker concurrencies for the unpaced drain.
    let concurrencies: [Int]

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        var rows: [ResultRow] = []
        let unpaced = context.quick ? (messages: 2_000, channels: 200) : (messages: 10_000, channels: 1_000)
        for concurrency in concurrencies {
            var configuration = OutboxConfiguration()
            configuration.perChannelInterval = .zero
            configuration.concurrency = concurrency
            context.progress("outbox-drain: \(unpaced.messages) messages to \(unpaced.channels) channels, pacing off, concurrency \(concurrency)")
            let result = try await DrainRun(
                label: "unpaced-\(concurrency)", messages: unpaced.messages, channels: unpaced.channels,
                configuration: configuration, transfers: concurrency, behaviour: FakeSlackServer.Behaviour()
            ).run(in: context)
            let prefix = "unpaced c=\(concurrency): "
            rows += [
                .target(prefix + "drain rate", result.rate, "msg/s", .atLeast(1_000)),
                .info(prefix + "drain time", result.elapsed.seconds, "s", decimals: 2),
            ]
            rows += correctnessRows(prefix: prefix, messages: unpaced.messages, result)
            if concurrency == concurrencies.first {
                rows.append(.info(prefix + "enqueue rate (batches of 500)", result.enqueueRate, "msg/s"))
            }
        }

        let paced = context.quick ? (messages: 1_000, channels: 100) : (messages: 10_000, channels: 1_000)
        let configuration = OutboxConfiguration()
        var behaviour = FakeSlackServer.Behaviour()
        behaviour.perChannelInterval = .seconds(1)
        let perChannel = (paced.messages + paced.channels - 1) / paced.channels
        let floor = configuration.perChannelInterval * (perChannel - 1)
        context.progress(
            "outbox-drain: \(paced.messages) messages to \(paced.channels) channels, pacing 1 s/channel (default configuration), at least \(floor)")
        let result = try await DrainRun(
            label: "paced", messages: paced.messages, channels: paced.channels, configuration: configuration,
            transfers: max(configuration.concurrency, 2), behaviour: behaviour
        ).run(in: context)
        let prefix = "paced: "
        rows += [
            .info(prefix + "drain time (floor \(NumberText.format(floor.seconds, decimals: 0)) s)", result.elapsed.seconds, "s", decimals: 2),
            .info(prefix + "drain rate (concurrency \(configuration.concurrency))", result.rate, "msg/s"),
            .info(prefix + "smallest gap between two messages in a channel", (result.minimumGap ?? .zero).milliseconds, "ms", decimals: 1),
        ]
        rows += correctnessRows(prefix: prefix, messages: paced.messages, result)
        return rows
    }

    /// Losses, duplicates, dead letters and order are invariants (one row, detailed when not zero);
    /// 429s and logged warnings are targets.
    private func correctnessRows(prefix: String, messages: Int, _ result: DrainRun.Result) -> [ResultRow] {
        let problems = [
            ("lost (marked sent, never accepted)", result.lost), ("duplicates", result.duplicates),
            ("dead-lettered", result.dead), ("out of order in a channel", result.orderViolations),
        ]
        var rows: [ResultRow] = [
            .invariant(prefix + "lost + duplicated + dead + out of order", Double(problems.reduce(0) { $0 + $1.1 }), "msgs", .equals(0))
        ]
        for (metric, count) in problems where count > 0 {
            rows.append(.invariant(prefix + metric, Double(count), "msgs", .equals(0)))
        }
        rows.append(.target(prefix + "429 answers", Double(result.rateLimited), "", .equals(0)))
        if result.retryAfterViolations > 0 {
            rows.append(.target(prefix + "calls ignoring Retry-After", Double(result.retryAfterViolations), "", .equals(0)))
        }
        if result.warnings + result.errors > 0 {
            rows.append(.target(prefix + "worker warnings + errors logged", Double(result.warnings + result.errors), "lines", .equals(0)))
        }
        if !result.finished {
            rows.append(.target(prefix + "undelivered at the time limit", Double(result.undelivered), "msgs", .equals(0)))
        }
        return rows
    }
}
