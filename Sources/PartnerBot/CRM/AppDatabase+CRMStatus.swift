import Foundation
import GRDB

/// Where the CRM sync stands (`partnerbot crm status`).
public struct CRMSyncStatus: Sendable, Equatable {
    /// A deal the CRM refused, with its words.
    public struct Failure: Sendable, Equatable {
        public var reference: String
        public var error: String
        public var attempts: Int
    }

    /// Deals by state: pending, sending, synced, dead.
    public var counts: [String: Int]
    /// Deals whose latest change the CRM does not hold yet (pending or sending; dead excluded).
    public var unsynced: Int
    /// How long the oldest unsynced change has waited, in seconds.
    public var oldestPendingAge: TimeInterval?
    /// Deals being retried after failures, most attempts first (at most 10).
    public var retrying: [Failure]
    /// Deals the CRM refused (at most 20).
    public var dead: [Failure]
    /// Open-opportunity checks not done yet, and given up.
    public var lookupsPending: Int
    public var lookupsFailed: Int
    /// The last push the CRM confirmed.
    public var lastSyncedAt: Date?
}

extension AppDatabase {
    /// The CRM sync queue's state.
    public func crmSyncStatus(now: Date) async throws -> CRMSyncStatus {
        try await store.read { db in
            var counts: [String: Int] = [:]
            for row in try SQLRow.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM crm_sync GROUP BY state") { counts[row["state"]] = row["n"] }
            let oldest = try SQLRow.fetchOne(db, sql: "SELECT MIN(updated_at) AS at FROM crm_sync WHERE state IN ('pending', 'sending')")
                .flatMap { Date.fromSQLValue($0["at"]) }
            let failures = { (sql: String) in
                try SQLRow.fetchAll(db, sql: sql).map {
                    CRMSyncStatus.Failure(reference: "DR-\($0["deal_id"] as Int64)", error: $0["last_error"] ?? "", attempts: $0["attempts"])
                }
            }
            return CRMSyncStatus(
                counts: counts, unsynced: (counts["pending"] ?? 0) + (counts["sending"] ?? 0),
                oldestPendingAge: oldest.map { max(0, now.timeIntervalSince($0)) },
                retrying: try failures(
                    "SELECT deal_id, last_error, attempts FROM crm_sync WHERE state = 'pending' AND attempts > 0 ORDER BY attempts DESC, deal_id LIMIT 10"),
                dead: try failures("SELECT deal_id, last_error, attempts FROM crm_sync WHERE state = 'dead' ORDER BY updated_at DESC LIMIT 20"),
                lookupsPending: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM crm_sync WHERE lookup_state IN ('pending', 'checking')") ?? 0,
                lookupsFailed: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM crm_sync WHERE lookup_state = 'failed'") ?? 0,
                lastSyncedAt: try SQLRow.fetchOne(db, sql: "SELECT MAX(synced_at) AS at FROM crm_sync").flatMap { Date.fromSQLValue($0["at"]) })
        }
    }
}
