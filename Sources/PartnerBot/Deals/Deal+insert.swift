
extension Deal {
    /// Inserts a new deal with one cached statement (no `Encodable` round trip: this is the
    /// registration hot path) and sets its id.
    mutating func insertNew(_ db: any SQLDatabase) throws {
        let created = createdAt.storedValue
        let updated = updatedAt == createdAt ? created : updatedAt.storedValue
        try db.cachedStatement(
            sql: """
                INSERT INTO deal (
                    org, customer_name, customer_key, domain, amount_minor, currency, close_date, contact, motion, source, note,
                    status, stage, submitted_by, submitted_team, channel_id, created_at, updated_at, sla_due_at, decided_at,
                    decided_by, reason, question, protection_start, protection_end, extensions, conflict_with)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            org, customerName, customerKey, domain, amountMinor, currency, closeDate, contact, motion, source, note,
            status.rawValue, stage, submittedBy, submittedTeam, channelID, created, updated,
            slaDueAt.storedValue, decidedAt?.storedValue, decidedBy, reason, question, protectionStart?.storedValue,
            protectionEnd?.storedValue, extensions, conflictWith,
        ])
        id = try db.lastInsertedID()
    }
}
