import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Runs a fake's Hummingbird application on loopback and waits until it listens.
public enum LoopbackServer {
    /// A running application.
    public struct Running: Sendable {
        /// The port it listens on.
        public let port: Int
        let group: ServiceGroup
        let task: Task<Void, any Error>

        /// Stops it: a graceful shutdown (no new connections, idle ones closed, accepted ones
        /// served), then cancellation if requests are still running after `grace`.
        ///
        /// Cancelling alone is not safe: a connection NIO accepted but the server had not yet
        /// picked up traps in `NIOAsyncWriter.deinit` (apple/swift-nio#3481), which a client
        /// reconnecting at the moment of a restart triggers.
        public func stop(grace: Duration = .seconds(2)) async {
            await group.triggerGracefulShutdown()
            let task = self.task
            let watchdog = Task {
                try await Task.sleep(for: grace)
                task.cancel()
            }
            _ = await task.result
            watchdog.cancel()
        }
    }

    /// Starts the application `build` makes (it must call the given closure when running).
    /// - Returns: The running server; `nil` when it did not start.
    public static func start<App: ApplicationProtocol & Sendable>(
        _ build: (_ onServerRunning: @escaping @Sendable (any Channel) async -> Void) -> App
    ) async -> Running? {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = build { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: app)], logger: Logger(label: "loopback", factory: { _ in SwiftLogNoOpLogHandler() })))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else {
            await Running(port: 0, group: group, task: task).stop()
            return nil
        }
        return Running(port: bound, group: group, task: task)
    }

    /// Serves `router` on 127.0.0.1 (`port` 0: any free port), quietly (no logs), named `name`.
    /// - Returns: The running server, or `nil` when it could not bind.
    public static func serve<Context: RequestContext>(
        _ router: Router<Context>, port: Int, name: String
    ) async -> Running? where Context.Source == ApplicationRequestContextSource {
        await start { onServerRunning in
            Application(
                router: router,
                configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: name),
                onServerRunning: onServerRunning,
                logger: Logger(label: name, factory: { _ in SwiftLogNoOpLogHandler() }))
        }
    }
}
