/// Where transactions run: SQLite (one writer, group commits) or PostgreSQL (a connection pool,
/// serializable transactions retried on conflict). `AppDatabase`'s operations only go through
/// this, so both backends run the same code.
public protocol SQLStore: Sendable {
    var dialect: SQLDialect { get }

    /// Runs `body` on a consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T

    /// Runs `body` in a write transaction: all of its changes commit, or none. `body` may run more
    /// than once (PostgreSQL retries a transaction that lost a serialization conflict), so it must
    /// not have effects outside the database except through ``SQLDatabase/afterNextTransaction``.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T

    /// Like ``write(_:)`` for short, frequent operations: SQLite commits concurrent ones together
    /// (one fsync for many), each still all-or-nothing.
    func groupWrite<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T

    /// Like ``groupWrite(_:)``, but on PostgreSQL the transaction starts only once no other
    /// transaction holds the advisory lock `key`, and none can take it until this one ends:
    /// transactions that take it shared first (`pg_advisory_xact_lock_shared`) are then never
    /// under way during this one (see ``AppDatabase/dispatchDealReviews(settings:now:limit:)``).
    /// SQLite's one writer already excludes every other write.
    func write<T: Sendable>(excluding key: Int64, _ body: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T

    /// Closes every connection; later calls fail.
    func close() async throws
}

extension SQLStore {
    public func write<T: Sendable>(excluding key: Int64, _ body: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T {
        try await groupWrite(body)
    }
}
