import Logging
import ServiceLifecycle

/// Receives Slack's events, interactions and slash commands over Socket Mode (SLACK.md §6b):
/// keeps ``SocketModeConfiguration/connections`` WebSockets open, hands every envelope to the
/// handler (concurrently) and acknowledges it with the handler's answer. Transport only: no
/// product logic, no deduplication (``SocketModeEnvelope/retryAttempt`` is passed through).
///
/// Run it in the product's `ServiceGroup`:
///
/// ```swift
/// let socketMode = SocketModeClient(
///     configuration: SocketModeConfiguration(appToken: appToken),
///     handler: { envelope in await dispatcher.answer(envelope) },
///     logger: logger)
/// let group = ServiceGroup(services: [database, socketMode, outbox], logger: logger)
/// try await group.run()
/// ```
///
/// - `disconnect` (`warning`, `refresh_requested`): a replacement opens first; the old
///   connection keeps serving until Slack closes it.
/// - A dropped socket is reopened with jittered exponential backoff while the others serve.
/// - `apps.connections.open` failures: rate limits (honouring `Retry-After`), 5xx and network
///   errors are retried with backoff; a refused token stops the client.
/// - Graceful shutdown: new envelopes are left for Slack to redeliver, those in flight are
///   handled and acknowledged, then the sockets close and ``run()`` returns.
public final class SocketModeClient: Service {
    let configuration: SocketModeConfiguration
    let handler: SocketModeHandler
    let logger: Logger
    let opener: ConnectionOpener
    let registry = ConnectionRegistry()

    /// Creates a client (it connects when run).
    ///
    /// - Parameters:
    ///   - configuration: The app token, API base URL, connection count and timings.
    ///   - handler: Answers each envelope; called concurrently, once per delivery.
    ///   - logger: Receives connection lifecycle lines (never the token or the socket URL).
    public init(configuration: SocketModeConfiguration, handler: @escaping SocketModeHandler, logger: Logger) {
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        self.opener = ConnectionOpener(configuration: configuration)
    }

    /// The connections currently open (they said `hello` and have not closed). While Slack has
    /// one replaced, this can exceed ``SocketModeConfiguration/connections`` for a moment.
    public var openConnections: Int { registry.openConnections }

    /// Keeps the connections open until graceful shutdown or cancellation; call once.
    ///
    /// On graceful shutdown it stops accepting envelopes, waits for those being handled to be
    /// acknowledged, closes the sockets and returns. Cancellation cuts the sockets at once.
    ///
    /// - Throws: ``SocketModeError`` when Slack refuses the app token or disables the link.
    public func run() async throws {
        logger.info(
            "Socket Mode starting",
            metadata: ["connections": "\(configuration.connections)", "api": "\(configuration.apiBaseURL)"])
        do {
            try await withGracefulShutdownHandler {
                try await withThrowingDiscardingTaskGroup { group in
                    for slot in 1...configuration.connections {
                        group.addTask { try await self.keepConnected(slot: slot) }
                    }
                }
            } onGracefulShutdown: {
                self.beginShutdown()
            }
        } catch let error as SocketModeError {
            logger.error("Socket Mode stopped", metadata: ["error": "\(error.logDescription)"])
            throw error
        }
        logger.info("Socket Mode stopped")
    }

    /// Stops opening connections and drains the open ones.
    private func beginShutdown() {
        let connections = registry.stop()
        logger.info("Socket Mode shutting down", metadata: ["draining": "\(connections.count)"])
        for connection in connections { connection.drainAndClose() }
    }

    /// Whether the slots should stop opening connections.
    var isStopping: Bool {
        registry.isStopping || Task.isShuttingDownGracefully || Task.isCancelled
    }
}
