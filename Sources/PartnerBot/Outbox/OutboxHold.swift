import Foundation

/// Pacing and rate limits every instance respects (`outbox_hold`): until when a channel waits
/// after a message was sent to it (`target:C123`), and until when a rate key waits after a 429
/// (`rate:chat.postMessage T1`, see ``OutboxRateKey``).
///
/// Each worker keeps both in memory for its own deliveries. Several PostgreSQL instances share
/// them here, so one instance's send paces the channel for all and one's 429 holds the method
/// for all; on SQLite nothing is written (one host's processes, the hot path kept lean).
enum OutboxHold {
    static func target(_ target: String) -> String { "target:" + target }
    static func rate(_ rateKey: String) -> String { "rate:" + rateKey }

    /// Whether a head (`o`, an outbox row) is held at the time bound as its one argument.
    static let holdsHead = """
        EXISTS (SELECT 1 FROM outbox_hold x WHERE x.held_until > ? AND x.key IN (
            'target:' || o.target, 'rate:' || CASE WHEN o.workspace IS NULL THEN o.method ELSE o.method || ' ' || o.workspace END))
        """

    /// Holds `key` until `until` (PostgreSQL only), in the caller's transaction.
    static func hold(_ key: String, until: Date, in db: any SQLDatabase) throws {
        guard db.dialect == .postgres else { return }
        try db.cachedStatement(
            sql: "INSERT INTO outbox_hold (key, held_until) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET held_until = excluded.held_until"
        ).execute(arguments: [key, until.storedValue])
    }

    /// Whether heads are due but held (PostgreSQL): the worker then waits for the holds to pass.
    static func dueButHeld(_ db: any SQLDatabase, due: SQLValue) throws -> Bool {
        guard db.dialect == .postgres else { return false }
        return try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM outbox_head h JOIN outbox o ON o.id = h.head_id WHERE h.due_at <= ? AND o.state = 'pending')",
            arguments: [due]) ?? false
    }

    /// When the next pending head not held now falls due, or the next hold ends (PostgreSQL), so
    /// an idle worker sleeps until then rather than polling held heads.
    static func nextAttempt(_ db: any SQLDatabase, now: SQLValue) throws -> Date? {
        let due = try Date.fetchOne(
            db,
            sql: """
                SELECT MIN(h.due_at) FROM outbox_head h JOIN outbox o ON o.id = h.head_id
                WHERE h.due_at < '9999' AND NOT \(holdsHead)
                """,
            arguments: [now])
        let release = try Date.fetchOne(db, sql: "SELECT MIN(held_until) FROM outbox_hold WHERE held_until > ?", arguments: [now])
        return [due, release].compactMap { $0 }.min()
    }

    /// Whether holds have passed (PostgreSQL), so the next look for abandoned work forgets them.
    static func anyPassed(_ db: any SQLDatabase, now: Date) throws -> Bool {
        guard db.dialect == .postgres else { return false }
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM outbox_hold WHERE held_until <= ?)", arguments: [now.storedValue]) ?? false
    }

    /// Forgets holds that have passed.
    static func prune(_ db: any SQLDatabase, now: Date) throws {
        guard db.dialect == .postgres else { return }
        try db.execute(sql: "DELETE FROM outbox_hold WHERE held_until <= ?", arguments: [now.storedValue])
    }
}
