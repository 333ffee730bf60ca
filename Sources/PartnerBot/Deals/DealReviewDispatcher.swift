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
        var failures = 0
        while true {
            failures = await dispatchWaiting() == nil ? failures + 1 : 0
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            let wait = Self.wait(afterFailures: failures, poll: pollInterval)
            await cancelWhenGracefulShutdown { await signal.wait(upTo: wait) }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: gather) }
        }
    }

    /// How long to wait for a wake before looking again: the poll interval, or after failed
    /// dispatches a short pause that doubles each time up to it. On PostgreSQL a dispatch loses
    /// its serialization conflicts to registrations while a burst lasts (each registration reads
    /// the cursor): it tries again moments after, not a poll later.
    static func wait(afterFailures failures: Int, poll: Duration) -> Duration {
        guard failures > 0 else { return poll }
        return min(poll, .milliseconds(100) * (1 << min(failures - 1, 10)))
    }

    /// Dispatches until no registration waits.
    /// - Returns: How many deals were dispatched; `nil` when a dispatch failed.
    @discardableResult
    func dispatchWaiting() async -> Int? {
        var dispatched = 0
        while true {
            do {
                let count = try await database.dispatchDealReviews(settings: settings, now: clock.now())
                dispatched += count
                if count < AppDatabase.reviewDispatchBatch { return dispatched }
            } catch {
                // A full disk, a read-only file, conflicts lost all along a burst: tried again soon.
                logger.error("deals: cannot enqueue review notices", metadata: ["error": "\(error)"])
                return nil
            }
        }
    }
}
