import GRDB

/// The SQLite backend: GRDB's pool (WAL, one writer) and the group committer on its writer.
struct SQLiteStore: SQLStore {
    let writer: any DatabaseWriter
    let groupCommit: GroupCommitWriter

    var dialect: SQLDialect { .sqlite }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T {
        try await writer.read { db in try body(SQLiteDatabase(db)) }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T {
        try await writer.write { db in try body(SQLiteDatabase(db)) }
    }

    func groupWrite<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T {
        try await groupCommit.write(body)
    }

    func close() async throws {
        try writer.close()
    }
}
