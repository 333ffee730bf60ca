import Foundation
import Logging
import ServiceLifecycle
import SlackPlatform

/// Deletes sent messages older than `outbox.retention_days`, in the background: batches of a
/// thousand rows, each its own short transaction, with a pause between batches so writers
/// (registrations, deliveries) get the database in between. Posts stay editable (see
/// ``AppDatabase/pruneSentOutbox(sentBefore:limit:)``).
public struct OutboxPruner: Service {
    let database: AppDatabase
    let retention: Duration
    let clock: any WallClock
    let logger: Logger
    let interval: Duration

    public init(database: AppDatabase, retention: Duration, clock: any WallClock, logger: Logger, interval: Duration = .seconds(60)) {
        self.database = database
        self.retention = retention
        self.clock = clock
        self.logger = logger
        self.interval = interval
    }

    /// Prunes every `interval` until graceful shutdown; with several instances on one PostgreSQL
    /// database, only the one holding the pruning lock does (see ``SingletonLock``).
    public func run() async throws {
        let lock = database.singletonLock(.outboxPruning, logger: logger)
        await Periodically.run(every: interval, immediately: true) {
            guard await lock.holds() else { return }
            await pruneOnce()
        }
        await lock.release()
    }

    /// Prunes until nothing older than the retention is left (or a minute's work is done).
    /// - Returns: How many messages were pruned.
    @discardableResult
    func pruneOnce() async -> Int {
        let cutoff = clock.now().addingTimeInterval(-TimeInterval(retention.components.seconds))
        var pruned = 0
        for _ in 0..<600 where !Task.isShuttingDownGracefully {
            do {
                let started = ContinuousClock.now
                let count = try await database.pruneSentOutbox(sentBefore: cutoff)
                pruned += count
                if count < 1_000 { break }
                // At most a quarter of the writer's time (and of a core): requests come first.
                try await Task.sleep(for: max(.milliseconds(20), (ContinuousClock.now - started) * 3))
            } catch {
                if !(error is CancellationError) { logger.warning("outbox: pruning sent messages failed", metadata: ["error": "\(error)"]) }
                break
            }
        }
        if pruned > 0 { logger.info("outbox: pruned sent messages past their retention", metadata: ["count": "\(pruned)"]) }
        return pruned
    }
}
