import GRDB
import Logging
import ServiceLifecycle
import SlackPlatform

/// Where a batch of outbox rows stands: how many were delivered, dead-lettered, or are still open.
public struct OutboxBatchProgress: Sendable, Equatable {
    /// Delivered.
    public var sent = 0
    /// Dead-lettered (permanent failure or retries exhausted).
    public var dead = 0
    /// Still pending or being sent.
    public var open = 0

    /// Every row of the batch.
    public var total: Int { sent + dead + open }
}

extension AppDatabase {
    /// Where the rows in `batch` (outbox row id ranges) stand.
    public func outboxProgress(of batch: [ClosedRange<Int64>]) async throws -> OutboxBatchProgress {
        try await store.read { db in
            var progress = OutboxBatchProgress()
            for rows in batch {
                let counts = try SQLRow.fetchAll(
                    db, sql: "SELECT state, COUNT(*) AS n FROM outbox WHERE id BETWEEN ? AND ? GROUP BY state",
                    arguments: [rows.lowerBound, rows.upperBound])
                for row in counts {
                    let count: Int = row["n"]
                    switch OutboxRecord.State(rawValue: row["state"]) {
                    case .sent: progress.sent += count
                    case .dead: progress.dead += count
                    case .pending, .sending, nil: progress.open += count
                    }
                }
            }
            return progress
        }
    }
}

/// Delivers, before a command-line run exits, the outbox rows it has just enqueued (`partnerbot
/// alerts run`): an `OutboxWorker` runs in the process until every row of the batch is sent or
/// dead, or the timeout passes, then stops gracefully (in-flight calls finish).
///
/// It runs alongside a running server safely: claims are atomic, each channel's order holds
/// across processes (one open head per target), and only deliveries abandoned by a process that
/// died are sent again (a server killed mid-call no longer blocks its channels), never those
/// another live process has under way. Rows still open at the timeout stay queued for the
/// server's worker.
public struct OutboxBatchDelivery: Sendable {
    let database: AppDatabase
    let client: any SlackWebAPIClient
    let configuration: OutboxConfiguration
    let clock: any WallClock
    let logger: Logger
    let credentials: OAuthClientCredentials?
    let tokenFallback: InstallationTokens.Fallback

    /// Creates a delivery.
    /// - Parameters:
    ///   - database: Where the outbox lives.
    ///   - client: The Web API (live libcurl client, or the local chat sink).
    ///   - configuration: Concurrency, pacing and retries, as the server's worker uses them.
    ///   - clock: Stamps rows.
    ///   - logger: For delivery failures.
    ///   - credentials: The app's client credentials, to refresh installation tokens (token
    ///     rotation) that expire while it delivers; without them stored tokens are used as they are.
    ///   - tokenFallback: What messages that belong to no installation are sent with
    ///     (`BotConfiguration.tokenFallback`).
    public init(
        database: AppDatabase, client: any SlackWebAPIClient, configuration: OutboxConfiguration, clock: any WallClock, logger: Logger,
        credentials: OAuthClientCredentials? = nil, tokenFallback: InstallationTokens.Fallback = .configuredToken
    ) {
        self.tokenFallback = tokenFallback
        self.database = database
        self.client = client
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.credentials = credentials
    }

    /// Delivers `batch` and returns where it stands when done or at the timeout.
    /// - Parameters:
    ///   - batch: Outbox row id ranges (e.g. `AlertPassReport.enqueued`).
    ///   - timeout: How long to wait for the last row.
    ///   - onProgress: Called with each change of the counts (for a progress line).
    public func deliver(
        _ batch: [ClosedRange<Int64>], timeout: Duration, onProgress: @escaping @Sendable (OutboxBatchProgress) -> Void = { _ in }
    ) async throws -> OutboxBatchProgress {
        var progress = try await database.outboxProgress(of: batch)
        onProgress(progress)
        guard progress.open > 0 else { return progress }
        // Someone is waiting: look for work another process freed (a head it was sending) and for
        // deliveries abandoned by a process that died more often than the server does.
        var configuration = configuration
        configuration.pollInterval = min(configuration.pollInterval, .milliseconds(100))
        configuration.abandonedCheckInterval = min(configuration.abandonedCheckInterval, .seconds(1))
        let tokens = InstallationTokens(
            database: database, client: client, credentials: credentials, clock: clock, logger: logger, fallback: tokenFallback)
        let worker = OutboxWorker(database: database, client: client, configuration: configuration, clock: clock, logger: logger, tokens: tokens)
        let group = ServiceGroup(configuration: .init(services: [.init(service: worker)], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let deadline = ContinuousClock.now + timeout
            do {
                while progress.open > 0, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(25))
                    let next = try await database.outboxProgress(of: batch)
                    if next != progress {
                        progress = next
                        onProgress(progress)
                    }
                }
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return progress
        }
    }
}
