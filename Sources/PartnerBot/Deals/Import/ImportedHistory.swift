import Foundation
import GRDB

/// Writing an imported registration and its history.
enum ImportedHistory {
    struct Holder {
        var id: Int64
        var org: String
    }

    /// Registrations of the same customer (by key or domain) that were open at `time`.
    static func holders(of customerKey: String, domain: String?, at time: Date, db: any SQLDatabase) throws -> [Holder] {
        // `domain = ?` alone: a NULL domain matches nothing. (A bare `? IS NOT NULL` test would
        // leave PostgreSQL, which infers an argument's type from where it stands, without one.)
        let rows = try SQLRow.fetchAll(
            db,
            sql: """
                SELECT id, org, status, created_at, decided_at, protection_end, closed_at FROM deal
                WHERE customer_key = ? OR domain = ? ORDER BY created_at, id
                """, arguments: [customerKey, domain])
        return rows.compactMap { row -> Holder? in
            let status = Deal.Status(rawValue: row["status"]) ?? .pending
            let at = { (column: String) in Date.fromSQLValue(row[column]) }
            guard let created = at("created_at"), created <= time else { return nil }
            if status == .declined, let decided = at("decided_at"), decided <= time { return nil }
            if let closed = at("closed_at"), closed <= time { return nil }
            if let end = at("protection_end"), end <= time { return nil }
            return Holder(id: row["id"], org: row["org"])
        }
    }

    static func insert(
        _ row: DealImportRow, customerKey: String, importKey: String, conflictWith: Int64?, source: String, settings: DealSettings, now: Date,
        db: any SQLDatabase
    ) throws {
        let protectionEnd = row.wasApproved ? row.decided.map { $0.addingTimeInterval(Double(settings.policy.protectionDays) * 86_400) } : nil
        var status = row.status == .pending && conflictWith != nil ? .conflict : row.status
        // Protection that ended before the import is history: stored expired, so no alert pass announces it.
        if status == .approved, let protectionEnd, protectionEnd <= now { status = .expired }
        var deal = Deal(
            id: nil, org: row.org, customerName: row.customer, customerKey: customerKey, domain: row.domain, amountMinor: row.amount?.minorUnits,
            currency: row.amount?.currency, closeDate: nil, contact: nil, motion: row.motion?.rawValue, source: row.source?.rawValue, note: nil,
            status: status, stage: row.wasApproved ? (row.stage ?? settings.policy.stages.first) : nil, submittedBy: "import", submittedTeam: "",
            channelID: nil, createdAt: row.submitted, updatedAt: now,
            slaDueAt: row.submitted.addingTimeInterval(Double(settings.policy.approvalSLAHours) * 3600), decidedAt: row.decided,
            decidedBy: row.decided == nil ? nil : "import", reason: row.reason, question: nil, protectionStart: row.wasApproved ? row.decided : nil,
            protectionEnd: protectionEnd, extensions: 0, conflictWith: conflictWith)
        try deal.insertNew(db)
        let id = deal.id!
        try db.execute(sql: "UPDATE deal SET import_key = ?, closed_at = ? WHERE id = ?", arguments: [importKey, row.closed?.storedValue, id])
        for (at, action, from, to, detail) in history(row, status: status, conflictWith: conflictWith, protectionEnd: protectionEnd, source: source, now: now) {
            try db.execute(
                sql: "INSERT INTO deal_audit (deal_id, at, actor, action, from_status, to_status, detail) VALUES (?, ?, 'import', ?, ?, ?, ?)",
                arguments: [id, at.storedValue, action, from?.rawValue, to.rawValue, detail])
        }
    }

    /// The audit lines: the history at its own dates, then the import itself.
    static func history(
        _ row: DealImportRow, status: Deal.Status, conflictWith: Int64?, protectionEnd: Date?, source: String, now: Date
    ) -> [(Date, String, Deal.Status?, Deal.Status, String?)] {
        let first: Deal.Status = conflictWith == nil ? .pending : .conflict
        var lines: [(Date, String, Deal.Status?, Deal.Status, String?)] = [
            (row.submitted, conflictWith == nil ? "registered" : "conflict", nil, first, conflictWith.map { "conflicts with DR-\($0)" })
        ]
        if let decided = row.decided {
            lines.append(row.wasApproved ? (decided, "approved", first, .approved, nil) : (decided, "declined", first, .declined, row.reason))
        }
        if let closed = row.closed { lines.append((closed, row.status.rawValue, .approved, row.status, row.status == .lost ? row.reason : nil)) }
        if status == .expired, let protectionEnd { lines.append((protectionEnd, "expired", .approved, .expired, nil)) }
        lines.append((now, "imported", nil, status, "from \(source) row \(row.line)" + (row.reference.map { ", reference \($0)" } ?? "")))
        return lines
    }
}
