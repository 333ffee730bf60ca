import Hummingbird
import Logging
import ServiceLifecycle
import SlackPlatform

/// Runs the bot: the HTTP server and its background services in one `ServiceGroup`,
/// shut down gracefully on SIGTERM and SIGINT.
public enum BotServer {
    /// Runs until a shutdown signal arrives.
    /// - Parameters:
    ///   - configuration: The bot configuration (signing secret resolved).
    ///   - dependencies: Database, clock, logger, metrics and command specs.
    ///   - onServerRunning: Called with the bound port once the server listens.
    public static func run(
        configuration: BotConfiguration, dependencies: AppDependencies,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let app = try buildApplication(configuration: configuration, dependencies: dependencies, onServerRunning: onServerRunning)
        let outbox = OutboxWorker(
            database: dependencies.database, client: dependencies.chatClient, configuration: configuration.outbox,
            clock: dependencies.clock, logger: dependencies.logger, metrics: OutboxMetrics(registry: dependencies.metrics.registry))
        let alerts = AlertScheduler(
            database: dependencies.database, settings: ProgramSettings(configuration), clock: dependencies.clock, logger: dependencies.logger)
        // Graceful shutdown runs in reverse order: the HTTP server stops accepting first, then the
        // outbox finishes its in-flight deliveries.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: outbox), .init(service: alerts)]
        if let path = dependencies.database.path {
            services.insert(.init(service: WALCheckpointer(path: path, logger: dependencies.logger)), at: 0)
        }
        services.append(.init(service: app))
        let group = ServiceGroup(
            configuration: .init(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: dependencies.logger))
        try await group.run()
    }
}
