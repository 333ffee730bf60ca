import CRM
import Foundation
import GRDB

/// Where the deals of a backfill stand.
public struct CRMBackfillProgress: Sendable, Equatable {
    /// Deals in the backfill.
    public var total: Int
    /// Pushed, the CRM holds their latest state.
    public var synced: Int
    /// Refused by the CRM (`partnerbot crm status` shows why).
    public var dead: Int
    /// Still queued or being pushed.
    public var waiting: Int { total - synced - dead }
}

extension AppDatabase {
    /// How many deals were registered at or after `since` (every deal when `nil`).
    public func crmBackfillCount(since: Date?) async throws -> Int {
        try await store.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal WHERE created_at >= ?", arguments: [(since ?? .distantPast).storedValue]) ?? 0
        }
    }

    /// Queues every deal registered at or after `since` for a push of its current state, in one
    /// transaction; deals already queued keep their place. Returns how many deals are queued.
    public func queueCRMBackfill(since: Date?, now: Date) async throws -> Int {
        try await store.write { db in
            try db.execute(
                sql: """
                    INSERT INTO crm_sync (deal_id, version, state, next_attempt_at, lookup_state, updated_at)
                    SELECT id, 1, 'pending', ?, 'none', ? FROM deal WHERE created_at >= ?
                    \(Self.requeueOnConflict)
                    """,
                arguments: [now.storedValue, now.storedValue, (since ?? .distantPast).storedValue])
            let queued = db.changesCount
            self.wakeCRMAfterCommit(db)
            return queued
        }
    }

    /// Where the deals registered at or after `since` stand in the sync queue.
    public func crmBackfillProgress(since: Date?) async throws -> CRMBackfillProgress {
        try await store.read { db in
            // Rows in a state are counted with CASE: PostgreSQL cannot sum booleans.
            let row = try SQLRow.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS total,
                           COALESCE(SUM(CASE WHEN s.state = 'synced' THEN 1 ELSE 0 END), 0) AS synced,
                           COALESCE(SUM(CASE WHEN s.state = 'dead' THEN 1 ELSE 0 END), 0) AS dead
                    FROM deal d LEFT JOIN crm_sync s ON s.deal_id = d.id
                    WHERE d.created_at >= ?
                    """,
                arguments: [(since ?? .distantPast).storedValue])
            return CRMBackfillProgress(total: row?["total"] ?? 0, synced: row?["synced"] ?? 0, dead: row?["dead"] ?? 0)
        }
    }

    /// The CRM records the first `limit` deals registered at or after `since` would become
    /// (what `crm sync --backfill --dry-run` shows).
    public func crmBackfillPreview(since: Date?, limit: Int, mapping: CRMMapping, protectionDays: Int) async throws -> [CRMRecord] {
        let ids = try await store.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM deal WHERE created_at >= ? ORDER BY id LIMIT ?", arguments: [(since ?? .distantPast).storedValue, limit])
        }
        var records: [CRMRecord] = []
        for id in ids {
            guard let (deal, org) = try await dealForCRM(id) else { continue }
            records.append(CRMRecord.deal(deal, org: org, mapping: mapping, linkCompany: true, protectionDays: protectionDays))
        }
        return records
    }
}
