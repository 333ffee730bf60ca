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
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: app)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: dependencies.logger))
        try await group.run()
    }
}
