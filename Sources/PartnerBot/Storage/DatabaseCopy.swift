import Foundation
import GRDB
import Logging
import SlackPlatform

/// `partnerbot db copy`: moves an installation from its SQLite file to PostgreSQL, every table
/// row for row, in one PostgreSQL transaction that commits only once each table's row count and
/// checksum read back from PostgreSQL equal the file's. A copy that fails leaves the target as
/// it was.
///
/// The file is migrated to this version first (so both schemas are this version's), and no
/// server may run on it meanwhile (its lock is taken exclusively, as `restore` does). The target
/// must hold no data: only the rows its migrations seed, which the file's replace. Triggers are
/// off while rows are copied (the tables they maintain are copied as they are), and each
/// identity sequence moves past the largest id the file ever handed out, so ids keep growing
/// (the review cursor and rollup watermark compare them).
public enum DatabaseCopy {
    /// One copied table.
    public struct TableReport: Sendable, Equatable {
        public var table: String
        public var rows: Int
        /// SHA-256 of the rows in key order (see ``RowDigest``), the same on both sides.
        public var checksum: String
    }

    /// Where a copy is, for a progress bar.
    public struct Progress: Sendable, Equatable {
        public var table: String
        public var tableRows: Int
        public var tableCopied: Int
        public var totalRows: Int
        public var totalCopied: Int
    }

    /// Why a copy did not happen (nothing was written to the target).
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case noSource(String)
        case serverRunning(String)
        case targetNotEmpty(table: String, rows: Int)
        case copyFailed(table: String, reason: String)
        case mismatch(table: String, source: String, target: String)

        public var description: String {
            switch self {
            case .noSource(let path): "\(path): no such SQLite database"
            case .serverRunning(let path): "a server is running on \(path): stop it first, so no change made during the copy is lost"
            case .targetNotEmpty(let table, let rows):
                "the PostgreSQL database already holds data (\(rows) row(s) in \(table)): copy into a new, empty database"
            case .copyFailed(let table, let reason): "copying \(table) failed, nothing was written: \(reason)"
            case .mismatch(let table, let source, let target):
                "\(table) differs after the copy (SQLite \(source), PostgreSQL \(target)); nothing was written"
            }
        }
    }

    /// Tables the migrations seed with one row: the file's row replaces it.
    static let seededTables: Set<String> = ["deal_rollup_mark", "deal_review_cursor", "health_probe"]

    /// Copies the SQLite file at `path` into the empty PostgreSQL database at `url`.
    /// - Parameter progress: Called after each batch of rows.
    /// - Returns: Each table's row count and checksum, in copy order.
    public static func copy(
        from path: String, to url: PostgresURL, logger: Logger, progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) async throws -> [TableReport] {
        guard FileManager.default.fileExists(atPath: path) else { throw Failure.noSource(path) }
        let lock = try ServerLock(databasePath: path)
        guard lock.tryExclusive() else { throw Failure.serverRunning(path) }
        let source = try AppDatabase.open(path: path)
        let target = try await AppDatabase.open(postgres: url, connections: 1, logger: logger)
        defer { withExtendedLifetime(lock) {} }
        let reader = source.writer
        let plan = try await reader.read { db in try CopyPlan(db) }
        let reports = try await target.store.write { pg in
            try plan.checkEmpty(pg)
            var copier = TableCopier(plan: plan, reader: reader, target: pg, progress: progress)
            return try copier.run()
        }
        try await target.store.close()
        return reports
    }
}
