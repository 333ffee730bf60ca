import Foundation
import GRDB

/// The CRM sync queue: one row per deal. Every change bumps `version`; the worker pushes the
/// deal as it is when it sends (a full snapshot, so a late retry never carries an older state)
/// and records the version it pushed. One push per deal is under way at a time (`sending` is
/// claimed by one process), so the CRM sees the deal's states in order.
extension AppDatabase {
    /// Queue deal changes for the CRM from now on (a CRM is configured), or not.
    public func setCRMSync(enabled: Bool) {
        crmSyncEnabled.store(enabled, ordering: .releasing)
    }

    /// Queues a deal for the CRM in the caller's transaction: its version moves on, and a row
    /// not being sent is due now. `lookup` also asks for the open-opportunity check of a new
    /// registration.
    func queueCRMSync(dealID: Int64, lookup: Bool, now: Date, db: any SQLDatabase) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO crm_sync (deal_id, version, state, next_attempt_at, lookup_state, updated_at)
                VALUES (?, 1, 'pending', ?, ?, ?)
                \(Self.requeueOnConflict)
                """
        ).execute(arguments: [dealID, now.storedValue, lookup ? "pending" : "none", now.storedValue])
        wakeCRMAfterCommit(db)
    }

    /// Wakes the CRM worker when the current transaction commits.
    /// A deal already in the queue gets a new version, due now, unless a push is under way (it
    /// stays `sending`; its completion sees the newer version and queues it again).
    /// The stored row's columns are named with the table: unqualified, PostgreSQL finds them
    /// ambiguous with `excluded`'s.
    static let requeueOnConflict = """
        ON CONFLICT(deal_id) DO UPDATE SET
            version = crm_sync.version + 1,
            state = CASE WHEN crm_sync.state = 'sending' THEN 'sending' ELSE 'pending' END,
            attempts = CASE WHEN crm_sync.state = 'sending' THEN crm_sync.attempts ELSE 0 END,
            next_attempt_at = CASE WHEN crm_sync.state = 'sending' THEN crm_sync.next_attempt_at ELSE excluded.next_attempt_at END,
            updated_at = excluded.updated_at
        """

    func wakeCRMAfterCommit(_ db: any SQLDatabase) {
        crmWake.notifyOnCommit(db)
    }

    /// Claims up to `limit` deals due for a push, oldest first, for this process.
    /// - Returns: The claimed rows with the version each push carries.
    func claimCRMSyncs(limit: Int, now: Date) async throws -> [CRMSyncClaim] {
        try await store.write { db in
            let rows = try SQLRow.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT deal_id, version, attempts, crm_id, company_linked FROM crm_sync
                        WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, deal_id LIMIT ?
                        """),
                arguments: [now.storedValue, limit])
            return try rows.map { row in
                let claim = CRMSyncClaim(
                    dealID: row["deal_id"], version: row["version"], attempts: row["attempts"], crmID: row["crm_id"],
                    companyLinked: row["company_linked"])
                try db.cachedStatement(sql: "UPDATE crm_sync SET state = 'sending', claimed_by = ?, updated_at = ? WHERE deal_id = ?")
                    .execute(arguments: [self.deliveryOwner.stored, now.storedValue, claim.dealID])
                return claim
            }
        }
    }

    /// Records a push the CRM confirmed: the version it carried is synced; a change made while it
    /// was under way makes the deal due again at once.
    func completeCRMSync(_ claim: CRMSyncClaim, crmID: String, companyLinked: Bool, now: Date) async throws {
        try await store.write { db in
            // Written with CASE for both dialects: PostgreSQL has no two-argument MAX (both values
            // are never NULL here) and takes no integer flag as a condition (`companyLinked` is bound 0/1).
            try db.execute(
                sql: """
                    UPDATE crm_sync SET
                        synced_version = CASE WHEN synced_version >= ? THEN synced_version ELSE ? END, crm_id = ?,
                        company_linked = CASE WHEN company_linked <> 0 OR ? <> 0 THEN 1 ELSE 0 END,
                        state = CASE WHEN version > ? THEN 'pending' ELSE 'synced' END,
                        attempts = 0, next_attempt_at = ?, claimed_by = NULL, last_error = NULL, updated_at = ?, synced_at = ?
                    WHERE deal_id = ?
                    """,
                arguments: [
                    claim.version, claim.version, crmID, companyLinked, claim.version, now.storedValue, now.storedValue, now.storedValue, claim.dealID,
                ])
            if try Int.fetchOne(db, sql: "SELECT version > synced_version FROM crm_sync WHERE deal_id = ?", arguments: [claim.dealID]) == 1 {
                self.wakeCRMAfterCommit(db)
            }
        }
    }

    /// Records a push that did not go through: due again at `retryAt` (a rate limit does not
    /// count as an attempt), or dead with the CRM's own reason when it refused the deal.
    func failCRMSync(_ claim: CRMSyncClaim, error: String, retryAt: Date?, countsAsAttempt: Bool, now: Date) async throws {
        try await store.write { db in
            try db.execute(
                sql: """
                    UPDATE crm_sync SET
                        state = ?, attempts = attempts + ?, next_attempt_at = ?, claimed_by = NULL, last_error = ?, updated_at = ?
                    WHERE deal_id = ?
                    """,
                arguments: [retryAt == nil ? "dead" : "pending", countsAsAttempt ? 1 : 0, (retryAt ?? now).storedValue, error, now.storedValue, claim.dealID])
        }
    }

    /// Releases pushes left `sending` by a process that is gone (killed mid-call): due again now.
    /// A push another live process has under way is left alone (see ``ClaimLiveness``).
    func recoverAbandonedCRMSyncs(now: Date, lease: Duration = .seconds(120)) async throws -> Int {
        // `IS NOT DISTINCT FROM` matches a NULL owner too (PostgreSQL's `IS` takes only NULL, TRUE or FALSE).
        try await recoverAbandonedCRMClaims(
            select: "SELECT deal_id, claimed_by, updated_at FROM crm_sync WHERE state = 'sending'",
            release: """
                UPDATE crm_sync SET state = 'pending', next_attempt_at = ?, claimed_by = NULL, updated_at = ?
                WHERE deal_id = ? AND state = 'sending' AND claimed_by IS NOT DISTINCT FROM ?
                """,
            releaseArguments: [now.storedValue, now.storedValue], now: now, lease: lease)
    }

    /// Releases the CRM claims `select` lists (deal id, owner, claimed at) whose process is gone,
    /// with `release` (its arguments, then the deal id and the owner, so a claim taken over in
    /// between is left alone), and wakes the worker when any was released.
    func recoverAbandonedCRMClaims(select: String, release: String, releaseArguments: SQLArguments, now: Date, lease: Duration) async throws -> Int {
        let (liveness, rows) = try await store.read { db in
            let rows = try SQLRow.fetchAll(db, sql: select).map { row in
                (dealID: row[0] as Int64, owner: row[1] as String?, claimedAt: Date.fromSQLValue(row[2]))
            }
            return (try ClaimLiveness.current(db), rows)
        }
        let abandoned = rows.filter { liveness.isAbandoned(owner: $0.owner, claimedAt: $0.claimedAt, now: now, lease: lease) }
        guard !abandoned.isEmpty else { return 0 }
        return try await store.write { db in
            var recovered = 0
            for row in abandoned {
                try db.execute(sql: release, arguments: releaseArguments + [row.dealID, row.owner])
                recovered += db.changesCount
            }
            if recovered > 0 { self.wakeCRMAfterCommit(db) }
            return recovered
        }
    }
}

/// A deal claimed for one push to the CRM.
struct CRMSyncClaim: Sendable, Equatable {
    /// The deal.
    var dealID: Int64
    /// The version this push carries.
    var version: Int64
    /// Failed attempts so far (for the backoff).
    var attempts: Int
    /// The CRM's id, once a push succeeded.
    var crmID: String?
    /// Whether the deal is already associated with its customer's company in the CRM.
    var companyLinked: Bool
}
