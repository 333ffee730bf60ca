import Foundation
import GRDB

extension AppDatabase {
    /// Folds deals registered since the last fold into the report rollup, `batch` at a time, each
    /// batch in its own short transaction. Returns how many deals were folded.
    @discardableResult
    public func foldReportRollup(batch: Int = 50_000) async throws -> Int {
        var folded = 0
        while true {
            let count = try await store.write { db -> Int in
                let mark = try Int64.fetchOne(db, sql: "SELECT upto FROM deal_rollup_mark WHERE id = 1") ?? 0
                let last = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM deal") ?? 0
                guard last > mark else { return 0 }
                let upto = min(last, mark + Int64(batch))
                try db.execute(sql: ReportSQL.fold, arguments: [mark, upto])
                try db.execute(sql: "UPDATE deal_rollup_mark SET upto = ? WHERE id = 1", arguments: [upto])
                return Int(upto - mark)
            }
            guard count > 0 else { return folded }
            folded += count
        }
    }
}

extension ReportSQL {
    /// Folds the deals with ids in `(?, ?]` into the rollup (arguments: the watermark and the new
    /// one). The same fold as the SQLite migration's `DealRollupSQL.fold`, written for both
    /// dialects: conditions are counted with CASE (PostgreSQL cannot sum booleans), and the stored
    /// row's columns are named with the table (unqualified, PostgreSQL finds them ambiguous with
    /// `excluded`'s).
    static let fold = """
        INSERT INTO deal_rollup (month, org, currency, source, \(DealRollupSQL.columns))
        SELECT substr(created_at, 1, 7), org, COALESCE(currency, ''), COALESCE(source, ''), COUNT(*),
               \(count(where: "protection_start IS NOT NULL")), \(count(where: "status = 'declined'")),
               \(count(where: "conflict_with IS NOT NULL")), \(count(where: "status = 'expired'")),
               \(count(where: "status = 'won'")), \(count(where: "status = 'lost'")),
               \(count(where: "decided_at IS NOT NULL AND (protection_start IS NOT NULL OR status = 'declined') AND decided_at <= sla_due_at")),
               SUM(CASE WHEN status = 'approved' THEN COALESCE(amount_minor, 0) ELSE 0 END),
               SUM(CASE WHEN status = 'won' THEN COALESCE(amount_minor, 0) ELSE 0 END), \(count(where: "status = 'won' AND amount_minor IS NOT NULL"))
        FROM deal WHERE id > ? AND id <= ? GROUP BY 1, 2, 3, 4
        ON CONFLICT (month, org, currency, source) DO UPDATE SET
            submitted = deal_rollup.submitted + excluded.submitted, approved = deal_rollup.approved + excluded.approved,
            declined = deal_rollup.declined + excluded.declined, conflict = deal_rollup.conflict + excluded.conflict,
            expired = deal_rollup.expired + excluded.expired, won = deal_rollup.won + excluded.won, lost = deal_rollup.lost + excluded.lost,
            within_sla = deal_rollup.within_sla + excluded.within_sla, approved_minor = deal_rollup.approved_minor + excluded.approved_minor,
            won_minor = deal_rollup.won_minor + excluded.won_minor, won_with_amount = deal_rollup.won_with_amount + excluded.won_with_amount
        """
}
