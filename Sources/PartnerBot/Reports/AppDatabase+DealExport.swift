import Foundation
import GRDB

/// `partnerbot export deals`: every registration with its organisation and the dates its history
/// gives (approved, declined, won, lost, expired), streamed row by row.
extension AppDatabase {
    /// The export's columns, in order (CSV header and JSON keys).
    public static let dealExportColumns = [
        "reference", "org", "org_name", "tier", "region", "partner_type", "customer", "domain", "amount", "currency", "motion", "source",
        "status", "stage", "submitted_by", "submitted_at", "sla_due_at", "decided_at", "decided_by", "approved_at", "declined_at",
        "protection_start", "protection_end", "extensions", "won_at", "lost_at", "expired_at", "reason", "conflict_with",
    ]

    /// Calls `row` with each deal's values (texts; `nil` for none), oldest first. The status is
    /// as of `now` (an approved deal whose protection ended is `expired`).
    public func exportDeals(now: Date, row: @escaping @Sendable (_ values: [String?]) throws -> Void) async throws {
        try await store.read { db in
            try db.forEachRow(sql: Self.exportSQL, arguments: ["now": now.storedValue]) { deal in
                let amount: Int64? = deal["amount_minor"]
                try row([
                    "DR-\(deal["id"] as Int64)", deal["org"], deal["org_name"], deal["tier"], deal["region"], deal["type"], deal["customer_name"],
                    deal["domain"], amount.map(ProgramReport.major), deal["currency"], deal["motion"], deal["source"], deal["effective_status"], deal["stage"],
                    deal["submitted_by"], Self.iso(deal["created_at"]), Self.iso(deal["sla_due_at"]), Self.iso(deal["decided_at"]), deal["decided_by"],
                    Self.iso(deal["approved_at"]), Self.iso(deal["declined_at"]), Self.iso(deal["protection_start"]), Self.iso(deal["protection_end"]),
                    String(deal["extensions"] as Int), Self.iso(deal["won_at"]), Self.iso(deal["lost_at"]), Self.iso(deal["expired_at"]),
                    deal["reason"], (deal["conflict_with"] as Int64?).map { "DR-\($0)" },
                ])
            }
        }
    }

    private static func iso(_ value: SQLValue) -> String? {
        Date.fromSQLValue(value).map(ISO.time)
    }

    private static let exportSQL = """
        SELECT d.*, o.name AS org_name, o.tier, o.region, o.type,
               CASE WHEN d.status = 'approved' AND d.protection_end <= :now THEN 'expired' ELSE d.status END AS effective_status,
               (SELECT MIN(a.at) FROM deal_audit a WHERE a.deal_id = d.id AND a.action = 'approved') AS approved_at,
               (SELECT MAX(a.at) FROM deal_audit a WHERE a.deal_id = d.id AND a.action IN ('declined', 'superseded')) AS declined_at,
               (SELECT MAX(a.at) FROM deal_audit a WHERE a.deal_id = d.id AND a.action = 'won') AS won_at,
               (SELECT MAX(a.at) FROM deal_audit a WHERE a.deal_id = d.id AND a.action = 'lost') AS lost_at,
               CASE WHEN d.status = 'expired' OR (d.status = 'approved' AND d.protection_end <= :now)
                    THEN COALESCE((SELECT MAX(a.at) FROM deal_audit a WHERE a.deal_id = d.id AND a.action = 'expired'), d.protection_end) END AS expired_at
        FROM deal d JOIN partner_org o ON o.org = d.org
        ORDER BY d.id
        """
}
