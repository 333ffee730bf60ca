import CRM
import Foundation
import GRDB

extension AppDatabase {
    /// The most attempts an open-opportunity check gets before it is given up.
    static let maxCRMLookupAttempts = 5

    /// A deal and its organisation, as the CRM worker reads them.
    func dealForCRM(_ dealID: Int64) async throws -> (Deal, PartnerOrg?)? {
        try await store.read { db in
            guard let deal = try Deal.fetchOne(db, key: dealID) else { return nil }
            return (deal, try PartnerOrg.find(deal.org, db: db))
        }
    }

    /// Claims up to `limit` new registrations due for their open-opportunity check.
    func claimCRMLookups(limit: Int, now: Date) async throws -> [Int64] {
        try await store.write { db in
            let ids = try Int64.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT deal_id FROM crm_sync WHERE lookup_state = 'pending' AND (lookup_after IS NULL OR lookup_after <= ?)
                        ORDER BY deal_id LIMIT ?
                        """),
                arguments: [now.storedValue, limit])
            for id in ids {
                try db.cachedStatement(sql: "UPDATE crm_sync SET lookup_state = 'checking', lookup_attempts = lookup_attempts + 1, lookup_claimed_by = ?, lookup_after = ? WHERE deal_id = ?")
                    .execute(arguments: [self.deliveryOwner.stored, now.storedValue, id])
            }
            return ids
        }
    }

    /// Releases checks left `checking` by a process that is gone: due again now.
    func recoverAbandonedCRMLookups(now: Date, lease: Duration) async throws -> Int {
        // `IS NOT DISTINCT FROM` matches a NULL owner too (PostgreSQL's `IS` takes only NULL, TRUE or FALSE).
        try await recoverAbandonedCRMClaims(
            select: "SELECT deal_id, lookup_claimed_by, lookup_after FROM crm_sync WHERE lookup_state = 'checking'",
            release: """
                UPDATE crm_sync SET lookup_state = 'pending', lookup_claimed_by = NULL, lookup_after = NULL
                WHERE deal_id = ? AND lookup_state = 'checking' AND lookup_claimed_by IS NOT DISTINCT FROM ?
                """,
            releaseArguments: [], now: now, lease: lease)
    }

    /// Records what the CRM already has for a registration's customer; when it has anything, the
    /// managers' review messages are re-rendered to show it (it is never shown to partners).
    func recordCRMMatches(_ matches: [CRMOpportunity], dealID: Int64, now: Date) async throws {
        try await store.groupWrite { db in
            try self.storeCRMMatches(matches, dealID: dealID, now: now, db: db)
            guard !matches.isEmpty, let deal = try Deal.fetchOne(db, key: dealID) else { return }
            // Not in the deal's history: partners read that, and this is for managers only.
            try self.refreshReview(deal, change: "crm-match", now: now, db: db)
        }
    }

    /// Stores a check's answer and marks the check done.
    func storeCRMMatches(_ matches: [CRMOpportunity], dealID: Int64, now: Date, db: any SQLDatabase) throws {
        try db.execute(sql: "UPDATE crm_sync SET lookup_state = 'done' WHERE deal_id = ?", arguments: [dealID])
        // A match found again replaces the one stored (every column but the key is overwritten).
        for match in matches {
            try db.execute(
                sql: """
                    INSERT INTO crm_match (deal_id, crm_id, name, stage, owner, found_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (deal_id, crm_id) DO UPDATE SET
                        name = excluded.name, stage = excluded.stage, owner = excluded.owner, found_at = excluded.found_at
                    """,
                arguments: [dealID, match.id, match.name, match.stage, match.owner, now.storedValue])
        }
    }

    /// Records a failed check: due again at `retryAt` (until the attempts run out), else given up.
    func failCRMLookup(_ dealID: Int64, error: String, retryAt: Date?, now: Date) async throws {
        try await store.write { db in
            // The retry time is cast to TEXT: PostgreSQL infers an argument's type from where it
            // stands, and a bare `? IS NOT NULL` gives it none.
            try db.execute(
                sql: """
                    UPDATE crm_sync SET
                        lookup_state = CASE WHEN CAST(? AS TEXT) IS NOT NULL AND lookup_attempts < ? THEN 'pending' ELSE 'failed' END,
                        lookup_after = ?, last_error = COALESCE(last_error, ?)
                    WHERE deal_id = ?
                    """,
                arguments: [retryAt?.storedValue, Self.maxCRMLookupAttempts, retryAt?.storedValue, "open-opportunity check: \(error)", dealID])
        }
    }

    /// Open opportunities the CRM had for a deal's customer when it was registered.
    func crmMatches(dealID: Int64, db: any SQLDatabase) throws -> [CRMOpportunity] {
        try SQLRow.fetchAll(db.cachedStatement(sql: "SELECT crm_id, name, stage, owner FROM crm_match WHERE deal_id = ? ORDER BY name"), arguments: [dealID])
            .map { CRMOpportunity(id: $0["crm_id"], name: $0["name"], stage: $0["stage"], owner: $0["owner"]) }
    }

    /// Open opportunities the CRM had for a deal's customer when it was registered.
    public func crmMatches(dealID: Int64) async throws -> [CRMOpportunity] {
        try await store.read { db in try self.crmMatches(dealID: dealID, db: db) }
    }
}
