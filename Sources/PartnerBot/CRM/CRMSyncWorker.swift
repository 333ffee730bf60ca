import CRM
import SlackPlatform
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Pushes deals to the CRM from the sync queue, and runs the open-opportunity checks of new
/// registrations. A push sends the deal as it is at that moment, so a retry never carries an
/// older state; one push per deal is under way at a time. Rate limits pause every push until
/// the CRM's `Retry-After`; transient failures are retried with backoff for as long as it takes;
/// a refusal (bad mapping, missing permission) is dead-lettered with the CRM's own words.
public final class CRMSyncWorker: Service, Sendable {
    let database: AppDatabase
    let connector: any CRMConnector
    let mapping: CRMMapping
    let protectionDays: Int
    let settings: CRMSyncSettings
    let clock: any WallClock
    let logger: Logger
    private let pausedUntil = Mutex<ContinuousClock.Instant?>(nil)

    /// Creates a worker.
    public init(
        database: AppDatabase, connector: any CRMConnector, mapping: CRMMapping, protectionDays: Int, settings: CRMSyncSettings = CRMSyncSettings(),
        clock: any WallClock, logger: Logger
    ) {
        self.database = database
        self.connector = connector
        self.mapping = mapping
        self.protectionDays = protectionDays
        self.settings = settings
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        let stopping = Atomic(false)
        await withGracefulShutdownHandler {
            var lastRecovery = ContinuousClock.now - settings.abandonedCheckInterval
            while !stopping.load(ordering: .acquiring) && !Task.isCancelled {
                if ContinuousClock.now - lastRecovery >= settings.abandonedCheckInterval {
                    lastRecovery = .now
                    await recoverAbandoned()
                }
                let worked = await pass()
                if !worked { await database.crmSignal.wait(upTo: idleWait()) }
            }
        } onGracefulShutdown: {
            stopping.store(true, ordering: .releasing)
            self.database.crmSignal.notify()
        }
    }

    /// One round: the due checks and pushes, concurrently. Returns whether there was anything to do.
    func pass() async -> Bool {
        if let paused = pausedUntil.withLock({ $0 }), paused > .now { return false }
        do {
            let lookups = try await database.claimCRMLookups(limit: settings.concurrency, now: clock.now())
            let claims = try await database.claimCRMSyncs(limit: settings.concurrency, now: clock.now())
            guard !lookups.isEmpty || !claims.isEmpty else { return false }
            await withDiscardingTaskGroup { group in
                for dealID in lookups { group.addTask { await self.lookUp(dealID) } }
                for claim in claims { group.addTask { await self.push(claim) } }
            }
            return true
        } catch {
            if !Task.isCancelled { logger.error("crm: cannot read the sync queue", metadata: ["error": "\(error)"]) }
            return false
        }
    }

    private func idleWait() -> Duration {
        guard let paused = pausedUntil.withLock({ $0 }) else { return settings.pollInterval }
        return max(.milliseconds(10), min(settings.pollInterval, paused - .now))
    }

    func recoverAbandoned() async {
        do {
            let recovered = try await database.recoverAbandonedCRMSyncs(now: clock.now(), lease: settings.abandonedLease)
                + database.recoverAbandonedCRMLookups(now: clock.now(), lease: settings.abandonedLease)
            if recovered > 0 { logger.notice("crm: retrying pushes and checks abandoned by a stopped process", metadata: ["count": "\(recovered)"]) }
        } catch {
            logger.error("crm: cannot look for abandoned pushes", metadata: ["error": "\(error)"])
        }
    }

    /// Pauses every push (a rate limit is per CRM account, not per deal).
    func pause(for wait: Duration) {
        let until = ContinuousClock.now + wait
        pausedUntil.withLock { $0 = max($0 ?? until, until) }
    }
}
