import FakeSlack
import PartnerBot

/// `outbox-ceiling`: a broadcast to many channels against a workspace-wide ceiling the bot is not
/// told about. `FakeSlack` accepts at most `ceiling` calls in any second (429 with `Retry-After: 1`
/// beyond it) and one message per channel per second; the worker runs its default configuration
/// and must find and hold the ceiling by itself. Targets: the drain within 10 % of the
/// theoretical minimum (messages ÷ ceiling), at most 2 % of calls answered 429, nothing lost,
/// duplicated or reordered. Opt-in (`--only outbox-ceiling`): the full run takes over 8 minutes.
struct OutboxCeilingBenchmark: Benchmark {
    let name = "outbox-ceiling"
    let summary = "A 10,000-channel broadcast against a 20/s workspace ceiling the worker must learn (opt-in, ~9 min; --quick: 1,000)."
    var runsByDefault: Bool { false }

    let ceiling = 20

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        let messages = context.quick ? 1_000 : 10_000
        var behaviour = FakeSlackServer.Behaviour()
        behaviour.workspaceCeiling = ceiling
        behaviour.perChannelInterval = .seconds(1)
        let minimum = Double(messages) / Double(ceiling)
        context.progress("outbox-ceiling: \(messages) messages to \(messages) channels, ceiling \(ceiling)/s (minimum \(Int(minimum)) s)")
        let result = try await DrainRun(
            label: "ceiling", messages: messages, channels: messages, configuration: OutboxConfiguration(), transfers: 16, behaviour: behaviour,
            timeLimit: .seconds(Int64(minimum * 2) + 60)
        ).run(in: context)
        let calls = Double(result.accepted + result.rateLimited)
        let problems = result.lost + result.duplicates + result.dead + result.orderViolations + result.undelivered
        return [
            .target("drain time ÷ theoretical minimum (\(Int(minimum)) s)", result.elapsed.seconds / minimum, "×", .atMost(1.10), decimals: 3),
            .info("achieved rate ÷ ceiling", result.rate / Double(ceiling), "", decimals: 3),
            .target("calls answered 429", 100 * Double(result.rateLimited) / max(calls, 1), "%", .atMost(2), decimals: 2),
            .invariant("lost + duplicated + dead + out of order + undelivered", Double(problems), "msgs", .equals(0)),
            .invariant("calls ignoring Retry-After", Double(result.retryAfterViolations), "", .equals(0)),
        ]
    }
}
