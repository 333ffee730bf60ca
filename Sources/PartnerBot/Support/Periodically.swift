import ServiceLifecycle

/// The one idiom for the server's periodic work (alert passes, WAL checkpoints): run, then wait
/// `interval` (the wait ends early on graceful shutdown, swift-service-lifecycle's
/// `cancelWhenGracefulShutdown`), until shutdown or cancellation.
///
/// The interval separates the end of one run from the start of the next rather than ticking at a
/// fixed rate: a checkpoint that takes 40 ms under a burst is followed by 100 ms of quiet, not by
/// the next checkpoint 60 ms later (measured: a fixed-rate timer cost the registration burst about
/// a sixth of its throughput).
enum Periodically {
    /// Runs `work` every `interval` until graceful shutdown or cancellation.
    /// - Parameters:
    ///   - interval: Time between the end of a run and the start of the next.
    ///   - immediately: Whether to run once before the first interval has passed.
    ///   - work: One run; a run in progress finishes before shutdown goes on.
    static func run(every interval: Duration, immediately: Bool, _ work: () async -> Void) async {
        if immediately, !Task.isShuttingDownGracefully, !Task.isCancelled { await work() }
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            await work()
        }
    }
}
