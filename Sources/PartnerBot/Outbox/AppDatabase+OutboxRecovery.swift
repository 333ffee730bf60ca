import Foundation
import GRDB

extension AppDatabase {
    /// Rows being sent, with who claimed them. The redundant `IN` term lets SQLite read only open
    /// rows (the partial index `outbox_open_by_target`) instead of every message ever sent.
    static let sendingRowsSQL = """
        SELECT id, claimed_by, updated_at FROM outbox
        WHERE state IN ('pending', 'sending') AND state = 'sending'
        """

    /// Puts rows whose delivery was abandoned back to `pending`, due at once (at-least-once
    /// delivery): rows claimed by a process that is no longer running (see ``ClaimLiveness``:
    /// on this host its pid is gone or belongs to a newer process, in this process its
    /// `AppDatabase` was released, on PostgreSQL its connections are gone), rows claimed before
    /// claims were recorded, and rows claimed where that cannot be told more than `lease` ago.
    /// Deliveries another live process has under way are left alone, so a restart never sends a
    /// second copy of a message that process is sending.
    ///
    /// Reads first: the usual answer is "nothing abandoned", which takes no write lock.
    /// - Returns: How many rows were put back.
    public func recoverAbandonedDeliveries(now: Date, lease: Duration = .seconds(120)) async throws -> Int {
        let (abandoned, passedHolds) = try await store.read { db in
            let liveness = try ClaimLiveness.current(db)
            let rows = try SQLRow.fetchAll(db, sql: Self.sendingRowsSQL).compactMap { row -> (id: Int64, owner: String?, stamp: SQLValue)? in
                let owner: String? = row["claimed_by"]
                let stamp: SQLValue = row["updated_at"]
                let abandoned = liveness.isAbandoned(owner: owner, claimedAt: Date.fromSQLValue(stamp) ?? .distantPast, now: now, lease: lease)
                return abandoned ? (row["id"], owner, stamp) : nil
            }
            return (rows, try OutboxHold.anyPassed(db, now: now))
        }
        guard !abandoned.isEmpty || passedHolds else { return 0 }
        return try await store.write { db in
            try OutboxHold.prune(db, now: now)
            var recovered = 0
            for row in abandoned {
                // Unchanged since it was read: the same claim, still unfinished. `IS NOT DISTINCT
                // FROM` matches a NULL owner too (PostgreSQL's `IS` takes only NULL, TRUE or FALSE).
                try db.execute(
                    sql: """
                        UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ?, claimed_by = NULL
                        WHERE id = ? AND state = 'sending' AND claimed_by IS NOT DISTINCT FROM ? AND updated_at = ?
                        """,
                    arguments: [now, now, row.id, row.owner, row.stamp])
                recovered += db.changesCount
            }
            if recovered > 0 { self.wakeOutboxAfterCommit(db) }
            return recovered
        }
    }
}
