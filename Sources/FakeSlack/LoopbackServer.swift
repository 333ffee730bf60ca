import Hummingbird
import NIOCore

/// Runs a fake's Hummingbird application on loopback and waits until it listens.
enum LoopbackServer {
    /// Starts the application `build` makes (it must call the given closure when running).
    /// - Returns: The bound port and the task running the application; `nil` when it did not start.
    static func start<App: ApplicationProtocol & Sendable>(
        _ build: (_ onServerRunning: @escaping @Sendable (any Channel) async -> Void) -> App
    ) async -> (port: Int, task: Task<Void, any Error>)? {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = build { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        let task = Task {
            defer { continuation.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else {
            task.cancel()
            return nil
        }
        return (bound, task)
    }
}
