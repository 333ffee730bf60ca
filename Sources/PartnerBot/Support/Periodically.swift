import AsyncAlgorithms
import ServiceLifecycle

/// The one idiom for the server's periodic work (alert passes, WAL checkpoints): a timer
/// sequence that ends on graceful shutdown (swift-service-lifecycle's `cancelOnGracefulShutdown`).
enum Periodically {
    /// Runs `work` every `interval` until graceful shutdown or cancellation.
    /// - Parameters:
    ///   - interval: Time between two runs.
    ///   - immediately: Whether to run once before the first interval has passed.
    ///   - work: One run; a run in progress finishes before shutdown goes on.
    static func run(every interval: Duration, immediately: Bool, _ work: () async -> Void) async {
        if immediately, !Task.isShuttingDownGracefully, !Task.isCancelled { await work() }
        for await _ in AsyncTimerSequence(interval: interval, clock: .continuous).cancelOnGracefulShutdown() {
            await work()
        }
    }
}
