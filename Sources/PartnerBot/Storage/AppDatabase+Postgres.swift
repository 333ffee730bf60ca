import Logging
import PostgresNIO

extension AppDatabase {
    /// Opens the PostgreSQL database at `url`, applying the migrations it lacks first (safe when
    /// several instances start at once: see ``PostgresMigrator``).
    /// - Throws: `StorageError.cannotOpen` when the server cannot be reached or migrated.
    public static func open(postgres url: PostgresURL, connections: Int = 8, logger: Logger) async throws(StorageError) -> AppDatabase {
        do {
            try await migrate(postgres: url, logger: logger)
        } catch {
            throw .cannotOpen(path: url.description, reason: String(describing: error))
        }
        return AppDatabase(postgres: PostgresStore(url: url, connections: connections, logger: logger))
    }

    /// Applies the PostgreSQL migrations `url` lacks.
    /// - Returns: The names applied by this call.
    @discardableResult
    public static func migrate(postgres url: PostgresURL, logger: Logger) async throws -> [String] {
        let client = PostgresClient(configuration: url.clientConfiguration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await PostgresMigrator.partnerbot.migrate(client, logger: logger)
        }
    }
}
