import Foundation
import GRDB

extension AppDatabase {
    /// Applies a change the CRM reports, once: the delivery is recorded in the same transaction
    /// as the change, so a redelivery (or a retry after a crash) changes nothing, and a delivery
    /// older than one already applied to the deal is ignored.
    public func applyCRMUpdate(_ update: CRMUpdate, settings: DealSettings, now: Date) async throws -> CRMUpdateOutcome {
        try await store.groupWrite { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM crm_event WHERE event_key = ?)", arguments: [update.eventKey]) == true {
                return .duplicate
            }
            let outcome = try self.outcome(of: update, settings: settings, now: now, db: db)
            try db.execute(
                sql: "INSERT INTO crm_event (event_key, source, deal_id, occurred_at, received_at, outcome) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [update.eventKey, update.source, update.dealID, update.occurredAt?.storedValue, now.storedValue, outcome.rawValue])
            return outcome
        }
    }

    private func outcome(of update: CRMUpdate, settings: DealSettings, now: Date, db: any SQLDatabase) throws -> CRMUpdateOutcome {
        if let occurredAt = update.occurredAt,
            try Bool.fetchOne(
                db, sql: Self.laterChangeSQL, arguments: [update.dealID, occurredAt.storedValue, update.dealID, occurredAt.storedValue]) == true
        {
            return .outdated
        }
        switch try applyDealAction(update.action, to: update.dealID, by: CRMUpdate.caller, settings: settings, now: now, db: db) {
        case .changed: return .applied
        case .unchanged: return .unchanged
        case .refused: return .refused
        case .notFound: return .unknownDeal
        }
    }

    /// Whether the deal changed after the CRM's change happened: a later CRM change, or a change made
    /// in the bot (a manager's stage, an approval) — including the one whose push the CRM is echoing.
    private static let laterChangeSQL = """
        SELECT EXISTS (SELECT 1 FROM crm_event WHERE deal_id = ? AND occurred_at > ? AND outcome = 'applied')
            OR EXISTS (SELECT 1 FROM deal_audit WHERE deal_id = ? AND at > ? AND action <> 'comment' AND actor <> 'CRM')
        """

    /// The deal a CRM record id belongs to (its id as the CRM reported it after a push).
    public func dealID(forCRMID crmID: String) async throws -> Int64? {
        try await store.read { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT deal_id FROM crm_sync WHERE crm_id = ?"), arguments: [crmID])
        }
    }
}
