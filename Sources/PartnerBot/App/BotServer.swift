import Hummingbird
import Logging
import ServiceLifecycle
import SlackPlatform

/// Runs the bot until SIGTERM or SIGINT: the application `buildApplication` assembles (HTTP
/// server and background services), shut down gracefully.
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
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
