import Synchronization

/// A fake server's listening state: its port (0 before the first start, kept across restarts so
/// clients reconnect to the same address) and the running server, stopped gracefully.
public final class LoopbackListener: Sendable {
    private let state = Mutex<(port: Int, running: LoopbackServer.Running?)>((0, nil))

    public init() {}

    /// The bound port (0 before the first start).
    public var port: Int { state.withLock { $0.port } }

    /// Starts a server through `start`, given the port to bind (a free one the first time, the
    /// same one after a stop). Returns `false` when it did not bind.
    public func start(_ start: (_ port: Int) async -> LoopbackServer.Running?) async -> Bool {
        guard let running = await start(port) else { return false }
        state.withLock { $0 = (running.port, running) }
        return true
    }

    /// Stops the server, if one runs.
    public func stop() async {
        let running = state.withLock { state -> LoopbackServer.Running? in
            defer { state.running = nil }
            return state.running
        }
        await running?.stop()
    }
}
