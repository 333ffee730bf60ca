import Foundation

extension OutboxRecord {
    /// Decodes a row by column name, without `Decodable`'s keyed containers (the outbox worker
    /// reads a row for every message it sends).
    /// - Throws: `StorageError.corruptRow` for an unknown state.
    public init(row: SQLRow) throws {
        let state: State = try row.storedEnum(Column.state.rawValue, table: Self.databaseTableName)
        self.init(
            id: row[Column.id.rawValue], dedupeKey: row[Column.dedupeKey.rawValue], method: row[Column.method.rawValue],
            target: row[Column.target.rawValue], payload: row[Column.payload.rawValue], reference: row[Column.reference.rawValue],
            state: state, attempts: row[Column.attempts.rawValue], nextAttemptAt: row[Column.nextAttemptAt.rawValue],
            lastError: row[Column.lastError.rawValue], resultTS: row[Column.resultTS.rawValue],
            resultChannel: row[Column.resultChannel.rawValue], createdAt: row[Column.createdAt.rawValue],
            updatedAt: row[Column.updatedAt.rawValue], sentAt: row[Column.sentAt.rawValue], template: row[Column.template.rawValue],
            workspace: row[Column.workspace.rawValue])
    }

    public var storedColumns: [(column: String, value: SQLValue)] {
        [
            ("id", id.sqlValue), ("dedupe_key", dedupeKey.sqlValue), ("method", method.sqlValue), ("target", target.sqlValue),
            ("payload", payload.sqlValue), ("reference", reference.sqlValue), ("state", .text(state.rawValue)),
            ("attempts", attempts.sqlValue), ("next_attempt_at", nextAttemptAt.storedValue), ("last_error", lastError.sqlValue),
            ("result_ts", resultTS.sqlValue), ("result_channel", resultChannel.sqlValue), ("created_at", createdAt.storedValue),
            ("updated_at", updatedAt.storedValue), ("sent_at", (sentAt?.storedValue) ?? .null), ("template", template.sqlValue),
            ("workspace", workspace.sqlValue),
        ]
    }
}
