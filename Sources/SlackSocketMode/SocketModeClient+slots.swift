import Logging
import ServiceLifecycle

extension SocketModeClient {
    /// Keeps one connection slot filled until shutdown: opens a connection (retrying with
    /// backoff), follows it until Slack asks for a replacement or it drops, and opens the next.
    /// Replaced connections keep serving in the slot's task group until they close.
    ///
    /// - Throws: ``SocketModeError`` when retrying cannot help.
    func keepConnected(slot: Int) async throws {
        var logger = self.logger
        logger[metadataKey: "socket_mode.slot"] = "\(slot)"
        try await withThrowingDiscardingTaskGroup { group in
            var failures = 0
            var pause = Duration.zero
            while !isStopping {
                if pause > .zero {
                    await pauseUnlessStopping(pause)
                    pause = .zero
                    continue
                }
                guard let url = try await openURL(failures: &failures, pause: &pause, logger: logger) else { continue }
                let connection = SocketModeConnection(
                    id: registry.makeID(), url: url, settings: configuration, handler: handler,
                    registry: registry, logger: logger)
                guard registry.register(connection) else { break }
                group.addTask {
                    await connection.run()
                    self.registry.unregister(connection.id)
                }
                logger.debug("Connecting", metadata: ["socket_mode.connection": "\(connection.id)", "host": "\(hostForLogs(url))"])
                pause = try await follow(connection, failures: &failures, logger: logger)
            }
        }
    }

    /// Asks Slack for a connection URL. On a transient failure counts it, sets the pause before
    /// the next attempt and returns nil.
    ///
    /// - Throws: ``SocketModeError`` when the token or the request is refused for good.
    private func openURL(failures: inout Int, pause: inout Duration, logger: Logger) async throws -> String? {
        let outcome: Result<String, ConnectionOpener.Failure>
        do {
            outcome = .success(try await cancelWhenGracefulShutdown { try await self.opener.open() })
        } catch let failure as ConnectionOpener.Failure {
            outcome = .failure(failure)
        } catch {
            outcome = .failure(.transient("\(error)", retryAfter: nil))  // cancelled: the loop stops
        }
        switch outcome {
        case .success(let url):
            return url
        case .failure(.refused(let error)):
            throw error
        case .failure(.transient(let problem, let retryAfter)):
            guard !isStopping else { return nil }
            failures += 1
            var random = SystemRandomNumberGenerator()
            pause = configuration.reconnectBackoff.delay(afterFailures: failures, atLeast: retryAfter ?? .zero, using: &random)
            logger.warning(
                "apps.connections.open failed; retrying",
                metadata: ["error": "\(problem)", "failures": "\(failures)", "retry_in": "\(pause)"])
            return nil
        }
    }

    /// Follows a connection until the slot needs another one.
    ///
    /// - Returns: How long to wait before opening the next connection.
    /// - Throws: ``SocketModeError/linkDisabled`` when Slack disabled the link.
    private func follow(_ connection: SocketModeConnection, failures: inout Int, logger: Logger) async throws -> Duration {
        var saidHello = false
        var random = SystemRandomNumberGenerator()
        for await event in connection.events {
            switch event {
            case .hello:
                saidHello = true
                failures = 0
                logger.info("Socket Mode connection open", metadata: ["socket_mode.connection": "\(connection.id)", "open": "\(openConnections)"])
            case .disconnect(.linkDisabled):
                throw SocketModeError.linkDisabled
            case .disconnect(let reason):
                logger.info("Opening a replacement connection", metadata: ["socket_mode.connection": "\(connection.id)", "reason": "\(reason)"])
                connection.closeAfterReplacement()
                return .zero
            case .ended(let how):
                guard !isStopping else { return .zero }
                if saidHello {
                    logger.warning("Socket Mode connection lost; reconnecting", metadata: ["socket_mode.connection": "\(connection.id)", "how": "\(how)"])
                    return configuration.reconnectBackoff.delay(afterFailures: 1, using: &random)
                }
                failures += 1
                let pause = configuration.reconnectBackoff.delay(afterFailures: failures, using: &random)
                logger.warning(
                    "Could not open a Socket Mode connection; retrying",
                    metadata: ["how": "\(how)", "failures": "\(failures)", "retry_in": "\(pause)"])
                return pause
            }
        }
        return .zero
    }

    /// Sleeps, waking early on graceful shutdown or cancellation.
    private func pauseUnlessStopping(_ pause: Duration) async {
        _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
    }
}
