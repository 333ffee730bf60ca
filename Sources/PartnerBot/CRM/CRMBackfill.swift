import CRM
import Foundation
import Logging
import SlackPlatform

/// `partnerbot crm sync --backfill`: queues existing deals and pushes them with a sync worker in
/// this process (a running `serve` may share the work: claims are exclusive), until every deal is
/// pushed or refused, or nothing moved for `stallTimeout` (the CRM down, or rate limits longer
/// than that: what is left stays queued for `serve`). Pushes under way are always finished.
public struct CRMBackfill: Sendable {
    public var database: AppDatabase
    public var connector: any CRMConnector
    public var configuration: CRMConfiguration
    public var protectionDays: Int
    public var clock: any WallClock
    public var logger: Logger
    public var stallTimeout: Duration = .seconds(60)
    public var pollInterval: Duration = .milliseconds(200)

    public init(
        database: AppDatabase, connector: any CRMConnector, configuration: CRMConfiguration, protectionDays: Int, clock: any WallClock, logger: Logger
    ) {
        self.database = database
        self.connector = connector
        self.configuration = configuration
        self.protectionDays = protectionDays
        self.clock = clock
        self.logger = logger
    }

    /// Queues the deals registered at or after `since` and pushes them; `progress` is called when
    /// the numbers move. Returns where the deals stand at the end.
    public func run(since: Date?, progress: @Sendable (CRMBackfillProgress) -> Void) async throws -> CRMBackfillProgress {
        _ = try await database.queueCRMBackfill(since: since, now: clock.now())
        let worker = CRMSyncWorker(
            database: database, connector: connector, mapping: configuration.mapping, protectionDays: protectionDays,
            settings: configuration.sync, clock: clock, logger: logger)
        await worker.recoverAbandoned()
        var last = try await database.crmBackfillProgress(since: since)
        progress(last)
        var movedAt = ContinuousClock.now
        // Pass by pass: each waits for the pushes it started, so none is cut off at the end.
        while last.waiting > 0, ContinuousClock.now - movedAt < stallTimeout {
            if await !worker.pass() { try await Task.sleep(for: pollInterval) }
            let current = try await database.crmBackfillProgress(since: since)
            if current != last {
                movedAt = .now
                last = current
                progress(current)
            }
        }
        return last
    }
}
