import Foundation
import GRDB

extension AppDatabase {
    /// One deal, if it exists.
    public func deal(id: Int64) async throws -> Deal? {
        try await store.read { db in try Deal.fetchOne(db, key: id) }
    }

    /// An organisation's deals: open ones first by soonest protection end / decision due, then closed ones, newest first.
    public func deals(of org: String, limit: Int = 50) async throws -> [Deal] {
        try await store.read { db in
            try Deal.fetchAllPositional(
                db.cachedStatement(
                    sql: """
                        SELECT \(Deal.selection) FROM deal WHERE org = ?
                        ORDER BY CASE WHEN status IN ('approved', 'pending', 'needs_info', 'conflict') THEN 0 ELSE 1 END,
                                 CASE WHEN status = 'approved' THEN protection_end ELSE sla_due_at END,
                                 id DESC
                        LIMIT ?
                        """),
                arguments: [org, limit])
        }
    }

    /// Registrations awaiting a decision that `caller` may decide, oldest first.
    public func pendingDeals(for caller: Caller, limit: Int = 50) async throws -> [Deal] {
        guard caller.isProgramManager || !caller.managedOrgs.isEmpty else { return [] }
        let orgs = caller.isProgramManager ? [] : caller.managedOrgs.sorted()
        return try await store.read { db in
            // Every organisation: in age order, stopping at the page. Some: each one's open deals.
            let (index, scope) = orgs.isEmpty ? ("deal_open_created", "") : ("deal_open_org", "AND org IN (\(databaseQuestionMarks(count: orgs.count)))")
            return try Deal.fetchAllPositional(
                db.cachedStatement(
                    sql: """
                        SELECT \(Deal.selection) FROM deal \(db.indexedBy(index)) WHERE status IN ('pending', 'needs_info', 'conflict') \(scope)
                        ORDER BY created_at, id LIMIT \(limit)
                        """),
                arguments: SQLArguments(orgs))
        }
    }

    /// A deal's audit trail, oldest first.
    public func dealHistory(id: Int64) async throws -> [DealAuditEntry] {
        try await store.read { db in
            try DealAuditEntry.fetchAll(db, sql: "SELECT * FROM deal_audit WHERE deal_id = ? ORDER BY id", arguments: [id])
        }
    }

    /// Count of deals (all states), for tests and reports.
    public func dealCount() async throws -> Int {
        try await store.read { db in try Deal.fetchCount(db) }
    }
}
