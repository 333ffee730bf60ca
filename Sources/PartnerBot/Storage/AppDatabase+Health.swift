import Foundation
import GRDB

extension AppDatabase {
    /// Checks that the database answers a query and its schema is current: cheap whatever the
    /// database's size (one small table and a pragma), so load balancers may probe it often.
    /// - Parameter integrity: Also run `PRAGMA quick_check`, which reads every page (for
    ///   operators, on demand: `GET /health?check=integrity`; SQLite only, PostgreSQL checks its
    ///   own pages). Otherwise the report carries the last check's result, or `not checked`.
    /// - Returns: A short status for `/health`.
    public func healthCheck(integrity: Bool = false) async throws -> DatabaseHealth {
        guard let writer = sqlite else {
            let applied = try await appliedMigrations().count
            return DatabaseHealth(
                migrationsApplied: applied, migrationsKnown: PostgresMigrator.partnerbot.migrations.count,
                integrity: DatabaseHealth.notChecked, journalMode: "postgresql", writeFailure: nil)
        }
        let (applied, journal) = try await writer.read { db in
            (try Self.migrator.appliedIdentifiers(db).count, try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "unknown")
        }
        if groupCommit?.writeFailure != nil {
            // Writes failed: try one, so the report (and a load balancer) sees the recovery
            // even while no traffic reaches this instance.
            _ = try? await store.groupWrite { db in
                try db.execute(sql: "UPDATE health_probe SET at = ?, ballast = zeroblob(262144) WHERE id = 1", arguments: [Date().storedValue])
                try db.execute(sql: "UPDATE health_probe SET ballast = NULL WHERE id = 1")
            }
        }
        if integrity {
            let result = try await writer.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "unknown" }
            lastIntegrityCheck.withLock { $0 = result }
        }
        return DatabaseHealth(
            migrationsApplied: applied, migrationsKnown: Self.migrator.migrations.count,
            integrity: lastIntegrityCheck.withLock { $0 } ?? DatabaseHealth.notChecked, journalMode: journal, writeFailure: groupCommit?.writeFailure)
    }
}

/// What `/health` reports about the database.
public struct DatabaseHealth: Sendable, Equatable, Codable {
    /// Migrations applied to the file.
    public var migrationsApplied: Int
    /// Migrations this build knows.
    public var migrationsKnown: Int
    /// The last `PRAGMA quick_check` result (`ok` when healthy), or `not checked`.
    public var integrity: String
    /// `wal` for the production pool, `postgresql` on PostgreSQL.
    public var journalMode: String
    /// Why writes fail (a full disk, a read-only file), while they do.
    public var writeFailure: WriteFailure?

    /// `ok`, or since when and why writes fail.
    public var writes: String {
        guard let writeFailure else { return "ok" }
        return "failing since \(ISO.time(writeFailure.since)): \(writeFailure.message)"
    }

    /// What `integrity` says before any check ran.
    public static let notChecked = "not checked"

    /// Whether the database is fit to serve: its schema is current and no check found damage.
    public var isHealthy: Bool { (integrity == "ok" || integrity == Self.notChecked) && migrationsApplied == migrationsKnown && writeFailure == nil }
}
