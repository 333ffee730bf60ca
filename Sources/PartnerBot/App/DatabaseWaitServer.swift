import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SlackPlatform
import Synchronization

/// What `serve` runs while its database cannot be written at start-up (a read-only file or file
/// system, no permission, a full disk, a PostgreSQL server that does not answer), until it can: the server listens on its port from the
/// start, so Slack, load balancers and people get an answer instead of a refused connection.
///
/// - `GET /livez` 200 (the process is up), `GET /health` 503 with the reason and since when;
/// - slash commands, signature verified first, get an ephemeral "nothing was registered or
///   changed, please try again" in the channel;
/// - interactions and events (verified) get 503 with `Retry-After`: Slack retries events, and a
///   click is refused rather than acknowledged and lost.
///
/// Every `retryInterval` it tries to open the database again; once that succeeds the waiting
/// server stops and `serve` starts the bot on the same port.
public enum DatabaseWaitServer {
    /// Serves until the database opens or a shutdown signal arrives.
    /// - Parameters:
    ///   - configuration: The bot configuration (host, port, signing secret, body limit).
    ///   - failure: Why the database could not be opened for writing.
    ///   - logger: Where the wait is logged.
    ///   - retryInterval: Time between attempts to open the database.
    ///   - stopsOnSignals: Whether SIGTERM and SIGINT end the wait (not in tests).
    ///   - onServerRunning: Called with the bound port once the waiting server listens.
    ///   - open: Opens the database (throws while it still cannot be written).
    /// - Returns: The database, or `nil` when a shutdown signal came first.
    public static func run(
        configuration: BotConfiguration, failure: StorageError, logger: Logger, retryInterval: Duration = .seconds(2),
        stopsOnSignals: Bool = true, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in },
        open: @escaping @Sendable () async throws -> AppDatabase
    ) async throws -> AppDatabase? {
        let since = Date()
        logger.error(
            "database cannot be written: answering 'nothing was saved' until it can",
            metadata: ["error": "\(failure)", "retry_seconds": "\(retryInterval.components.seconds)"])
        let retrier = OpenRetrier(open: open, interval: retryInterval, logger: logger)
        let app = Application(
            router: router(configuration: configuration, failure: failure, since: since),
            configuration: .init(address: .hostname(configuration.server.host, port: configuration.server.port), serverName: "partnerbot"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.server.port) },
            logger: logger)
        // The retrier returning (the database opened) shuts the waiting server down.
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: app), .init(service: retrier, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: stopsOnSignals ? [.sigterm, .sigint] : [], logger: logger))
        try await group.run()
        let database = retrier.opened.withLock { $0 }
        if database != nil { logger.notice("database writable again: starting the bot") }
        return database
    }

    /// What a slash command is told while nothing can be saved (the cause is for operators, in
    /// `/health` and the log, not for partners in chat).
    static let commandReply = MessageReply.ephemeral(
        "partnerbot can't save anything right now, so nothing was registered or changed. Please try again in a few minutes.")

    static func reason(_ failure: StorageError) -> String {
        switch failure {
        case .unwritable(_, let reason): reason
        case .unreachable: "its database server does not answer"
        case .cannotOpen, .corruptRow, .recordNotFound: "its database is unavailable"
        }
    }

    static func router(configuration: BotConfiguration, failure: StorageError, since: Date) -> Router<SlackRequestContext> {
        let router = Router(context: SlackRequestContext.self)
        router.get("livez") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
        router.get("health") { _, _ in
            OperationsRoutes.healthResponse(
                .init(
                    ok: false, migrations_known: AppDatabase.knownMigrations.count,
                    writes: "unavailable since \(since.formatted(.iso8601)): \(reason(failure)); retrying", error: "database unavailable"))
        }
        guard let secret = configuration.slack.signingSecret else { return router }
        let slack = router.group("slack")
            .add(middleware: SlackVerificationMiddleware(
                verifier: RequestVerifier(secret: secret, tolerance: Int64(configuration.slack.timestampToleranceSeconds)),
                clock: SystemWallClock(), maxBodyBytes: configuration.server.maxBodyBytes, metrics: BotMetrics()))
        slack.post("commands") { _, _ in SlackRoutes.json(commandReply.json) }
        for path in ["interactions", "events"] {
            slack.post(RouterPath(stringLiteral: path)) { _, _ in
                Response(
                    status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8", .retryAfter: "30"],
                    body: .init(byteBuffer: ByteBuffer(string: "partnerbot cannot save anything right now; try again later\n")))
            }
        }
        return router
    }

    /// Tries to open the database every interval; returning ends the waiting server.
    final class OpenRetrier: Service, Sendable {
        let open: @Sendable () async throws -> AppDatabase
        let interval: Duration
        let logger: Logger
        let opened = Mutex<AppDatabase?>(nil)

        init(open: @escaping @Sendable () async throws -> AppDatabase, interval: Duration, logger: Logger) {
            self.open = open
            self.interval = interval
            self.logger = logger
        }

        func run() async throws {
            while !Task.isShuttingDownGracefully, !Task.isCancelled {
                do {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
                } catch {
                    return
                }
                do {
                    let database = try await open()
                    opened.withLock { $0 = database }
                    return
                } catch {
                    logger.debug("database still cannot be written", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
