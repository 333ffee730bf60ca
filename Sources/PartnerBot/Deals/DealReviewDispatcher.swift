import Foundation
import Logging
import ServiceLifecycle
import SlackPlatform

/// Enqueues the managers' review notices of new registrations, off the registrations' own
/// transactions: a registration commits its deal and audit line alone, and the notices of every
/// registration committed meanwhile follow in one transaction, moments later. Committed
/// registrations are never skipped: the cursor is in the database, so those of a process that
/// stopped are dispatched at the next start (and at graceful shutdown, before the outbox stops).
///
/// Measured (`http-register`, `peers`): enqueuing two notices inside each registration's
/// transaction cost the writer as much as the registration itself at 7 registrations per commit.
public struct DealReviewDispatcher: Service {
    let database: AppDatabase
    let settings: DealSettings
    let clock: any WallClock
    let logger: Logger
    /// How long a wake waits for more registrations to share the batch.
    let gather: Duration
    /// How often the database is checked without a wake (after a dispatch that failed: a full disk).
    let pollInterval: Duration

    public init(
        database: AppDatabase, settings: DealSettings, clock: any WallClock, logger: Logger, gather: Duration = .milliseconds(10),
        pollInterval: Duration = .seconds(5)
    ) {
        self.database = database
        self.settings = settings
        self.clock = clock
        self.logger = logger
        self.gather = gather
        self.pollInterval = pollInterval
    }

    public func run() async throws {
        let signal = database.reviewWake.signal
        while true {
            await dispatchWaiting()
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            await cancelWhenGracefulShutdown { await signal.wait(upTo: pollInterval) }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: gather) }
        }
    }

    /// Dispatches until no registration waits.
    /// - Returns: How many deals were dispatched.
    @discardableResult
    func dispatchWaiting() async -> Int {
        var dispatched = 0
        while true {
            do {
                let count = try await database.dispatchDealReviews(settings: settings, now: clock.now())
                dispatched += count
                if count < AppDatabase.reviewDispatchBatch { return dispatched }
            } catch {
                // A full disk or a read-only file: the next wake (or poll) tries again.
                logger.error("deals: cannot enqueue review notices", metadata: ["error": "\(error)"])
                return dispatched
            }
        }
    }
}
