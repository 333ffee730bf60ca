import Foundation
import GRDB

/// `partnerbot backup` and `partnerbot restore`: SQLite's online backup API, consistent while
/// the server runs (one snapshot, read without blocking writers), verified with an integrity check.
public enum DatabaseBackup {
    /// What a backup or restore copied.
    public struct Report: Sendable, Equatable {
        public var pages: Int
        public var bytes: Int
        public var deals: Int
        /// `PRAGMA integrity_check` of the copy: `ok`.
        public var integrity: String
    }

    /// Why a backup or restore did not happen.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case destinationExists(String)
        case damaged(String, integrity: String)
        case newerSchema(String, unknown: [String])
        case serverRunning(String)
        case notADatabase(String, reason: String)

        public var description: String {
            switch self {
            case .destinationExists(let path): "\(path) exists: choose a new file (or --force to replace it)"
            case .damaged(let path, let integrity): "\(path) failed its integrity check: \(integrity)"
            case .newerSchema(let path, let unknown): "\(path) comes from a newer partnerbot (migrations \(unknown.joined(separator: ", "))): restore it with that version"
            case .serverRunning(let path): "a partnerbot server is running on \(path): stop it first (restore replaces the database under it)"
            case .notADatabase(let path, let reason): "\(path) is not a partnerbot database: \(reason)"
            }
        }
    }

    /// Copies the live database to `path` through a temporary file renamed into place once the
    /// copy passed its integrity check.
    public static func backup(_ database: AppDatabase, to path: String, replace: Bool = false) throws -> Report {
        let destination = URL(fileURLWithPath: path)
        if !replace, FileManager.default.fileExists(atPath: destination.path) { throw Failure.destinationExists(path) }
        let temporary = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).partial-\(getpid())")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let copy = try DatabaseQueue(path: temporary.path)
        try database.writer.backup(to: copy)
        let report = try verify(copy, path: path)
        try copy.close()
        _ = try? FileManager.default.removeItem(at: destination)
        try FileManager.default.moveItem(at: temporary, to: destination)
        return report
    }

    /// Replaces the database at `livePath` with the backup at `path` (checked first), then
    /// applies this version's migrations. Refused while a server holds the database's lock.
    public static func restore(from path: String, to livePath: String) throws -> Report {
        guard FileManager.default.fileExists(atPath: path) else { throw Failure.notADatabase(path, reason: "no such file") }
        var configuration = Configuration()
        configuration.readonly = true
        let source: DatabaseQueue
        do { source = try DatabaseQueue(path: path, configuration: configuration) } catch { throw Failure.notADatabase(path, reason: "\(error)") }
        _ = try verify(source, path: path)
        let applied = (try? source.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }) ?? []
        guard !applied.isEmpty else { throw Failure.notADatabase(path, reason: "it has no partnerbot migrations") }
        let unknown = applied.filter { !AppDatabase.knownMigrations.contains($0) }
        guard unknown.isEmpty else { throw Failure.newerSchema(path, unknown: unknown) }
        let lock = try ServerLock(databasePath: livePath)
        guard lock.tryExclusive() else { throw Failure.serverRunning(livePath) }
        let live = try DatabasePool(path: livePath)
        try source.backup(to: live)
        try live.close()
        let restored = try AppDatabase.open(path: livePath)
        return try verify(restored.writer, path: livePath)
    }

    private static func verify(_ database: any DatabaseReader, path: String) throws -> Report {
        try database.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            guard integrity == "ok" else { throw Failure.damaged(path, integrity: integrity) }
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            let deals = try db.tableExists("deal") ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal") ?? 0 : 0
            return Report(pages: pages, bytes: pages * pageSize, deals: deals, integrity: integrity)
        }
    }
}

/// A lock file next to the database: `serve` holds it shared for its lifetime; `restore` needs
/// it exclusive, so it never replaces a database a running server uses. The kernel drops the
/// lock when the process ends, however it ends.
public final class ServerLock: Sendable {
    private let descriptor: Int32

    public init(databasePath: String) throws {
        let path = databasePath + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StorageError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { close(descriptor) }

    /// Held for as long as this value lives (a server).
    public func holdShared() -> Bool { flock(descriptor, LOCK_SH | LOCK_NB) == 0 }

    /// Whether no server holds the lock (then this value holds it alone).
    public func tryExclusive() -> Bool { flock(descriptor, LOCK_EX | LOCK_NB) == 0 }
}
