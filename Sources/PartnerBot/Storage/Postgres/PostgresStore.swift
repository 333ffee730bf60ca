import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// The PostgreSQL backend: a pool of connections, each transaction run on a thread of its own
/// pool (statements wait for their answers there, never on a cooperative thread).
///
/// Writes are `SERIALIZABLE`: several instances may write at once and every transaction still
/// behaves as if it ran alone, as SQLite's single writer guarantees; one that loses a conflict is
/// rolled back and run again (its commit hooks only fire for the attempt that commits). Reads are
/// read-only `REPEATABLE READ` snapshots.
public final class PostgresStore: SQLStore {
    public var dialect: SQLDialect { .postgres }

    let url: PostgresURL
    /// What the connections show as `application_name` (``DeliveryOwner/applicationName``).
    private let applicationName: String?
    private let logger: Logger
    private let threads: NIOThreadPool
    private let idle = Mutex<[PostgresConnection]>([])
    private let nextID = Atomic<Int>(1)
    /// How many times a transaction that lost a serialization conflict is run again: enough for
    /// dozens of instances' requests contending for one row (each round lets one commit).
    static let maxAttempts = 60

    /// Opens the pool (connections open on first use, up to `connections`).
    public init(url: PostgresURL, connections: Int = 8, applicationName: String? = nil, logger: Logger) {
        self.url = url
        self.applicationName = applicationName
        self.logger = logger
        self.threads = NIOThreadPool(numberOfThreads: connections)
        threads.start()
    }

    /// A store dropped without ``close()`` still closes its connections (each kept alive until its
    /// close completes) and stops its threads.
    deinit {
        for connection in idle.withLock({ $0 }) {
            connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
        }
        threads.shutdownGracefully { _ in }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T {
        try await threads.runIfActive { try self.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T {
        try await threads.runIfActive { try self.transaction("BEGIN ISOLATION LEVEL SERIALIZABLE", body) }
    }

    public func groupWrite<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T {
        try await write(body)
    }

    public func close() async throws {
        let connections = idle.withLock { idle in
            defer { idle = [] }
            return idle
        }
        for connection in connections { try? await connection.close() }
        try await threads.shutdownGracefully()
    }

    public func write<T: Sendable>(excluding key: Int64, _ body: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T {
        try await threads.runIfActive {
            // A session lock, taken before the transaction begins: its snapshot then sees every
            // transaction that held the lock shared, and none of them runs meanwhile.
            let connection = try self.checkOut()
            let session = PostgresDatabase(connection: connection, logger: self.logger)
            do {
                try session.execute(sql: "SELECT pg_advisory_lock(\(key))")
            } catch {
                try? connection.close().wait()
                throw error
            }
            defer {
                if (try? session.execute(sql: "SELECT pg_advisory_unlock(\(key))")) != nil { self.checkIn(connection) } else { try? connection.close().wait() }
            }
            return try self.transaction("BEGIN ISOLATION LEVEL SERIALIZABLE", body, on: connection)
        }
    }

    /// Runs `body` between `begin` and COMMIT, again after a serialization failure or deadlock:
    /// on `connection` (the caller's, kept), else on one checked out for each attempt.
    private func transaction<T>(_ begin: String, _ body: (any SQLDatabase) throws -> T, on given: PostgresConnection? = nil) throws -> T {
        var attempt = 1
        while true {
            let connection = try given ?? checkOut()
            let database = PostgresDatabase(connection: connection, logger: logger)
            do {
                try database.execute(sql: begin)
                let value = try body(database)
                try database.execute(sql: "COMMIT")
                if given == nil { checkIn(connection) }
                database.transactionEnded(committed: true)
                return value
            } catch {
                let rolledBack = (try? database.execute(sql: "ROLLBACK")) != nil
                database.transactionEnded(committed: false)
                if given == nil {
                    if rolledBack { checkIn(connection) } else { try? connection.close().wait() }
                }
                // The caller's connection is tried again only if it survived the rollback.
                guard rolledBack || given == nil, Self.isConflict(error), attempt < Self.maxAttempts else { throw error }
                attempt += 1
                // Let the winner finish: up to twice as long each time (at most 50 ms), jittered so
                // the losers do not collide again.
                Thread.sleep(forTimeInterval: Double.random(in: 0...min(0.05, 0.001 * Double(1 << min(attempt, 6)))))
            }
        }
    }

    /// Whether `error` is PostgreSQL's "could not serialize access" or a deadlock: the
    /// transaction did nothing and may simply run again.
    static func isConflict(_ error: any Error) -> Bool {
        guard let state = (error as? PostgresStatementError)?.sqlState else { return false }
        return state == "40001" || state == "40P01"
    }

    private func checkOut() throws -> PostgresConnection {
        while let connection = idle.withLock({ $0.popLast() }) {
            if !connection.isClosed { return connection }
        }
        let id = nextID.add(1, ordering: .relaxed).oldValue
        do {
            var configuration = try url.connectionConfiguration()
            if let applicationName { configuration.options.additionalStartupParameters.append(("application_name", applicationName)) }
            return try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: id, logger: logger
            ).wait()
        } catch let error as PSQLError {
            throw PostgresStatementError(error, statement: "(connecting to \(url))")
        }
    }

    private func checkIn(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        idle.withLock { $0.append(connection) }
    }
}
