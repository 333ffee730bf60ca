import Logging
import PostgresNIO
import Synchronization

/// One instance at a time among several on one database (the scheduler's pass): a session-level
/// advisory lock held on a connection of its own. The server releases it when that connection
/// ends, so when its holder dies (or is cut off) another instance takes it over at its next try.
public final class PostgresLeaderLock: Sendable {
    private let url: PostgresURL
    private let key: Int64
    private let logger: Logger
    private let held = Mutex<PostgresConnection?>(nil)
    private let nextConnectionID = Mutex(1)

    /// - Parameters:
    ///   - url: The database.
    ///   - key: The advisory lock's key (one per kind of singleton work).
    public init(url: PostgresURL, key: Int64, logger: Logger) {
        self.url = url
        self.key = key
        self.logger = logger
    }

    /// Whether this instance holds the lock: keeps it when it already does (and its connection
    /// is alive), else tries to take it without waiting.
    public func acquire() async throws -> Bool {
        if let connection = held.withLock({ $0 }), !connection.isClosed {
            return true
        }
        let id = nextConnectionID.withLock { id in
            defer { id += 1 }
            return id
        }
        let connection = try await PostgresConnection.connect(configuration: url.connectionConfiguration(), id: id, logger: logger)
        let rows = try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: logger)
        var taken = false
        for try await value in rows.decode(Bool.self) { taken = value }
        guard taken else {
            try? await connection.close()
            return false
        }
        held.withLock { $0 = connection }
        return true
    }

    /// Gives the lock up (its connection closes).
    public func release() async {
        guard let connection = held.withLock({ held in defer { held = nil }; return held }) else { return }
        try? await connection.close()
    }
}
