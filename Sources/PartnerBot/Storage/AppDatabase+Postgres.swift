import Logging
import PostgresNIO

extension AppDatabase {
    /// Opens the configured store: PostgreSQL when `settings.url` is set, else the SQLite file.
    /// - Throws: `StorageError.unwritable` (SQLite refuses writes), `.unreachable` (the
    ///   PostgreSQL server does not answer; both may pass without a restart, `serve` waits), or
    ///   `.cannotOpen` for anything else.
    public static func open(_ settings: BotConfiguration.Database, logger: Logger) async throws(StorageError) -> AppDatabase {
        guard let url = settings.url else {
            return try open(path: settings.path, busyTimeout: .milliseconds(settings.busyTimeoutMilliseconds))
        }
        return try await open(postgres: url, connections: settings.connections, logger: logger)
    }

    /// Opens the PostgreSQL database at `url`, applying the migrations it lacks first (safe when
    /// several instances start at once: see ``PostgresMigrator``).
    /// - Throws: `StorageError.unreachable` when no connection can be made (the server is down or
    ///   out of reach), `.cannotOpen` when the server refuses it (credentials, database name) or a
    ///   migration fails.
    public static func open(postgres url: PostgresURL, connections: Int = 8, logger: Logger) async throws(StorageError) -> AppDatabase {
        try await probe(url, logger: logger)
        do {
            try await migrate(postgres: url, logger: logger)
        } catch {
            throw .cannotOpen(path: url.description, reason: String(describing: error))
        }
        return AppDatabase(postgres: url, connections: connections, logger: logger)
    }

    /// Applies the PostgreSQL migrations `url` lacks.
    /// - Returns: The names applied by this call.
    @discardableResult
    public static func migrate(postgres url: PostgresURL, logger: Logger) async throws -> [String] {
        let connection = try await PostgresConnection.connect(configuration: url.connectionConfiguration(), id: 0, logger: logger)
        do {
            let applied = try await PostgresMigrator.partnerbot.migrate(connection, logger: logger)
            try? await connection.close()
            return applied
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Connects once: a server that answered with an error refused us (`cannotOpen`, it will not
    /// pass by waiting); no answer at all is `unreachable`. (The client pool would keep retrying
    /// an unreachable server forever instead of failing.)
    private static func probe(_ url: PostgresURL, logger: Logger) async throws(StorageError) {
        do {
            let connection = try await PostgresConnection.connect(configuration: url.connectionConfiguration(), id: 0, logger: logger)
            try? await connection.close()
        } catch let error as PSQLError where error.serverInfo != nil {
            let message = error.serverInfo?[.message] ?? "refused"
            throw .cannotOpen(path: url.description, reason: "the server refused the connection: \(message)")
        } catch {
            throw .unreachable(location: url.description, reason: Self.connectionFailure(error))
        }
    }

    /// Why a connection failed, in a line (postgres-nio's description of a `PSQLError` hides its
    /// underlying cause).
    static func connectionFailure(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let underlying = error.underlying { return String(describing: underlying) }
        return "\(error.code)"
    }
}
