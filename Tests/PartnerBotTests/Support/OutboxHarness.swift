import Foundation
import Logging
@testable import PartnerBot
import SlackPlatform

/// Runs an outbox worker around a test body, and waits for outbox states without fixed sleeps.
enum OutboxHarness {
    static func fastConfiguration(pacing: Duration = .zero) -> OutboxConfiguration {
        var configuration = OutboxConfiguration()
        configuration.perChannelInterval = pacing
        configuration.baseBackoff = .milliseconds(20)
        configuration.maxBackoff = .milliseconds(100)
        configuration.pollInterval = .milliseconds(50)
        configuration.maxAttempts = 4
        return configuration
    }

    /// Runs `body` while a worker delivers, then stops the worker.
    static func withWorker<T: Sendable>(
        database: AppDatabase, client: any SlackWebAPIClient, configuration: OutboxConfiguration = fastConfiguration(),
        clock: any WallClock = SystemWallClock(), tokens: InstallationTokens? = nil, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let worker = OutboxWorker(
            database: database, client: client, configuration: configuration, clock: clock, logger: TestSupport.logger, tokens: tokens)
        let task = Task { try await worker.run() }
        defer { task.cancel() }
        let value = try await body()
        task.cancel()
        _ = await task.result
        return value
    }

    /// Polls until `condition` holds (at most `timeout`), returning whether it did.
    @discardableResult
    static func eventually(timeout: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return try await condition()
    }

    static func message(_ index: Int, channel: String) -> OutboundMessage {
        .post(.init(text: "message \(index)"), to: channel, dedupeKey: "test:\(channel):\(index)")
    }
}
