import CSQLiteTuning
import Foundation
import GRDB
import Logging
import Synchronization

/// The bot's database: intention-named methods over one ``SQLStore``, SQLite or PostgreSQL.
///
/// SQLite (the default) uses a `DatabasePool` in WAL mode on a file with `synchronous=FULL`, so a
/// reply that says something was saved survives a power cut; tests may use an in-memory
/// `DatabaseQueue`. Every operation is written once against ``SQLDatabase`` and runs on both.
public final class AppDatabase: Sendable {
    /// Where transactions run.
    let store: any SQLStore
    /// The SQLite writer, `nil` on PostgreSQL: for what only SQLite has (online backup, WAL
    /// checkpoints, integrity checks).
    let sqlite: (any DatabaseWriter)?
    /// Wakes the outbox worker when a transaction that enqueued messages commits.
    let outboxWake = CommitSignal()
    /// Wakes the CRM sync worker when a transaction that changed a deal commits.
    let crmWake = CommitSignal()
    /// Wakes the review dispatcher when a transaction that registered deals commits.
    let reviewWake = CommitSignal()
    /// What the outbox worker waits on.
    public var outboxSignal: WakeSignal { outboxWake.signal }
    /// What the CRM sync worker waits on.
    public var crmSignal: WakeSignal { crmWake.signal }
    /// Whether deal changes are queued for the CRM (a CRM is configured): without one nothing is
    /// queued, so configuring a CRM later pushes old deals only through an explicit backfill.
    let crmSyncEnabled = Atomic(false)
    /// Batches concurrent domain writes into shared durable commits (SQLite).
    let groupCommit: GroupCommitWriter?
    /// The database file, `nil` in memory.
    public let path: String?
    /// Names this instance in the outbox rows it claims, so other processes can tell its
    /// deliveries under way from abandoned ones.
    let deliveryOwner: DeliveryOwner
    /// The last integrity check's result (`/health?check=integrity` runs one).
    let lastIntegrityCheck = Mutex<String?>(nil)
    /// Counts committed changes to installations (install, refresh, revocation): token caches in
    /// this process compare it to drop stale entries at once.
    let installationChanges = Atomic<Int>(0)

    /// Wraps a writer and migrates it to the latest schema.
    /// - Throws: A database error when a migration fails.
    public init(_ writer: any DatabaseWriter, path: String? = nil) throws {
        self.deliveryOwner = DeliveryOwner.register()
        self.sqlite = writer
        self.path = path
        let groupCommit = GroupCommitWriter(writer: writer)
        self.groupCommit = groupCommit
        self.store = SQLiteStore(writer: writer, groupCommit: groupCommit)
        try Self.migrator.migrate(writer)
    }

    /// Opens a store on a PostgreSQL database already migrated (see ``open(postgres:connections:logger:)``).
    /// Its connections carry this instance's name (``DeliveryOwner/applicationName``), so other
    /// instances can tell whether it still runs.
    init(postgres url: PostgresURL, connections: Int, logger: Logger) {
        let owner = DeliveryOwner.register()
        self.deliveryOwner = owner
        self.store = PostgresStore(url: url, connections: connections, applicationName: owner.applicationName, logger: logger)
        self.sqlite = nil
        self.path = nil
        self.groupCommit = nil
    }

    /// The SQLite writer, for SQLite-only features and tests that inspect the file.
    var writer: any DatabaseWriter {
        guard let sqlite else { preconditionFailure("the PostgreSQL backend has no SQLite writer") }
        return sqlite
    }

    deinit {
        deliveryOwner.retire()
    }

    /// Opens (creating if needed) the database file at `path` with production settings.
    ///
    /// The file holds installation tokens: it is created readable and writable by its owner only
    /// (0600), and an existing file and its `-wal` / `-shm` companions are restricted to that too
    /// (SQLite creates the companions with the main file's permissions).
    /// - Parameters:
    ///   - path: The SQLite file; its folder is created when missing.
    ///   - busyTimeout: How long a writer waits for a lock instead of failing with "database is locked".
    /// - Throws: `StorageError.unwritable` when the file, its folder or its file system refuses
    ///   writes (read-only, permissions, full), `StorageError.cannotOpen` for any other failure.
    public static func open(path: String, busyTimeout: Duration = .seconds(5)) throws(StorageError) -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try restrictPermissions(of: url.path)
            let pool = try DatabasePool(path: url.path, configuration: makeConfiguration(busyTimeout: busyTimeout))
            // GRDB switches the writer to synchronous=NORMAL when it enables WAL, after
            // `prepareDatabase` ran: restore FULL on the connection that commits, so every commit
            // (one per group-commit batch) is fsynced before anyone is told "saved".
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // The server checkpoints in the background (`WALCheckpointer`), off the writer's
                // path; the writer only steps in if the log grows past ~16 MB without it (a longer
                // log makes every page read slower: measured, the outbox drain lost a third at 200 MB).
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(WALCheckpointer.writerFallbackPages)")
            }
            let database = try AppDatabase(pool, path: url.path)
            try restrictPermissions(of: url.path)
            return database
        } catch {
            if let refusal = writeRefusal(path: url.path) { throw .unwritable(path: path, reason: refusal) }
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
    }

    /// Owner-only permissions (0600) for the database file, created empty when missing, and for
    /// its `-wal` and `-shm` files when present.
    static func restrictPermissions(of path: String) throws {
        let files = FileManager.default
        if !files.fileExists(atPath: path) {
            guard files.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StorageError.cannotOpen(path: path, reason: "the file cannot be created")
            }
        }
        for file in [path, path + "-wal", path + "-shm"] where files.fileExists(atPath: file) {
            try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }

    /// An in-memory database for tests and the demo.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: makeConfiguration(busyTimeout: .seconds(5))))
    }

    /// Process-wide SQLite settings, applied once before the first connection opens (see
    /// `makeConfiguration`): without memory statistics, SQLite's allocator takes no global lock.
    static let sqliteTuned: Bool = partnerbot_sqlite_disable_memstatus() == 0

    /// Connection settings shared by every opening of the database.
    static func makeConfiguration(busyTimeout: Duration) -> Configuration {
        _ = sqliteTuned
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let seconds = Double(busyTimeout.components.seconds) + Double(busyTimeout.components.attoseconds) / 1e18
        configuration.busyMode = .timeout(seconds)
        configuration.label = "partnerbot"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Statement journals in memory: no temporary file created and deleted by writes.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return configuration
    }

    /// The names of migrations applied to this database, in the order they were registered.
    public func appliedMigrations() async throws -> [String] {
        guard let writer = sqlite else {
            return try await store.read { db in try String.fetchAll(db, sql: "SELECT name FROM partnerbot_migration ORDER BY position") }
        }
        return try await writer.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// How many group commits ran and how many operations they carried.
    public var groupCommitStatistics: GroupCommitStatistics { groupCommit?.statistics ?? GroupCommitStatistics(commits: 0, operations: 0) }

    /// The names of all migrations this build knows, in order.
    public static var knownMigrations: [String] { migrator.migrations }
}

extension AppDatabase {
    /// Closes every connection; later calls fail. Used to test how the bot behaves without storage.
    public func closeForTesting() async throws {
        try await store.close()
    }
}

extension AppDatabase {
    /// A raw write transaction, for benchmarks that generate bulk data. Not for product code:
    /// product code goes through intention-named methods.
    public func benchmarkWrite(_ updates: @escaping @Sendable (Database) throws -> Void) async throws {
        try await writer.write(updates)
    }
}
