import Logging
import PostgresNIO

/// Named, append-only schema migrations for the PostgreSQL backend, applied in order and each
/// exactly once however many instances start at the same moment: all of them run in one
/// transaction that first takes a transaction-scoped advisory lock, so a second instance waits
/// for the first to commit, then finds nothing left to do. A database that has migrations this
/// build does not know (a newer build ran on it) is refused rather than changed.
public struct PostgresMigrator: Sendable {
    /// One migration: a name that never changes, and its statements.
    public struct Migration: Sendable {
        public let name: String
        public let statements: [String]

        public init(_ name: String, _ statements: [String]) {
            self.name = name
            self.statements = statements
        }
    }

    /// Why migrating stopped.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The database was migrated by a build that knows migrations this one does not.
        case unknownMigrations([String])

        public var description: String {
            switch self {
            case .unknownMigrations(let names):
                "the database has migrations this build does not know (\(names.joined(separator: ", "))): run a build at least as new as the one that migrated it"
            }
        }
    }

    /// The advisory lock all instances of partnerbot migrate under ("partnerb" in ASCII).
    static let lockKey: Int64 = 0x7061_7274_6E65_7262

    public let migrations: [Migration]

    public init(_ migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Applies the migrations the database lacks, on one connection.
    /// - Returns: The names applied by this call (empty when another instance got there first).
    @discardableResult
    public func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        do {
            return try await apply(connection, logger: logger)
        } catch let error as PostgresTransactionError {
            // The transaction was rolled back: say why in this migrator's words when it was ours.
            if let failure = error.closureError as? Failure { throw failure }
            throw error
        }
    }

    private func apply(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let migrations = self.migrations
        return try await connection.withTransaction(logger: logger) { connection -> [String] in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS partnerbot_migration (
                    name TEXT PRIMARY KEY, position INTEGER NOT NULL UNIQUE, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: [String] = []
            for try await name in try await connection.query("SELECT name FROM partnerbot_migration ORDER BY position", logger: logger).decode(String.self) {
                applied.append(name)
            }
            let known = Set(migrations.map(\.name))
            let unknown = applied.filter { !known.contains($0) }
            guard unknown.isEmpty else { throw Failure.unknownMigrations(unknown) }
            var now: [String] = []
            for (position, migration) in migrations.enumerated() where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO partnerbot_migration (name, position) VALUES (\(migration.name), \(position))", logger: logger)
                now.append(migration.name)
            }
            return now
        }
    }
}
