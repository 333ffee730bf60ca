import Foundation

extension OutboxRecord {
    /// Decodes a row by column name, without `Decodable`'s keyed containers (the outbox worker
    /// reads a row for every message it sends).
    /// - Throws: `StorageError.corruptRow` for an unknown state.
    public init(row: SQLRow) throws {
        let state: State = try row.storedEnum(CodingKeys.state.rawValue, table: Self.databaseTableName)
        self.init(
            id: row[CodingKeys.id.rawValue], dedupeKey: row[CodingKeys.dedupeKey.rawValue], method: row[CodingKeys.method.rawValue],
            target: row[CodingKeys.target.rawValue], payload: row[CodingKeys.payload.rawValue], reference: row[CodingKeys.reference.rawValue],
            state: state, attempts: row[CodingKeys.attempts.rawValue], nextAttemptAt: row[CodingKeys.nextAttemptAt.rawValue],
            lastError: row[CodingKeys.lastError.rawValue], resultTS: row[CodingKeys.resultTS.rawValue],
            resultChannel: row[CodingKeys.resultChannel.rawValue], createdAt: row[CodingKeys.createdAt.rawValue],
            updatedAt: row[CodingKeys.updatedAt.rawValue], sentAt: row[CodingKeys.sentAt.rawValue], template: row[CodingKeys.template.rawValue],
            workspace: row[CodingKeys.workspace.rawValue])
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
