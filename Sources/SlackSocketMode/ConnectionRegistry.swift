import Synchronization

/// The connections a client has started and not yet seen end, the count of open ones (those
/// that said `hello`), and whether the client is stopping. Shared by all slots.
final class ConnectionRegistry: Sendable {
    private struct State {
        var stopping = false
        var live: [Int: SocketModeConnection] = [:]
        var open = 0
        var nextID = 0
    }

    private let state = Mutex(State())

    /// Connections that said `hello` and have not closed.
    var openConnections: Int { state.withLock { $0.open } }
    /// Whether ``stop()`` was called.
    var isStopping: Bool { state.withLock { $0.stopping } }

    /// A fresh connection id (for logs and tests).
    func makeID() -> Int {
        state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
    }

    /// Adds a connection about to run; false once the client is stopping (do not run it then).
    func register(_ connection: SocketModeConnection) -> Bool {
        state.withLock { state in
            guard !state.stopping else { return false }
            state.live[connection.id] = connection
            return true
        }
    }

    /// Removes a connection whose run ended.
    func unregister(_ id: Int) {
        _ = state.withLock { $0.live.removeValue(forKey: id) }
    }

    /// Counts a connection that said `hello`.
    func connectionOpened() {
        state.withLock { $0.open += 1 }
    }

    /// Uncounts a connection that had said `hello` and closed.
    func connectionClosed() {
        state.withLock { $0.open -= 1 }
    }

    /// Marks the client as stopping and returns the connections to drain.
    func stop() -> [SocketModeConnection] {
        state.withLock { state in
            state.stopping = true
            return Array(state.live.values)
        }
    }
}
