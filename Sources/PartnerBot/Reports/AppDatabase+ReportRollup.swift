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
                try db.execute(sql: DealRollupSQL.fold, arguments: [mark, upto])
                try db.execute(sql: "UPDATE deal_rollup_mark SET upto = ? WHERE id = 1", arguments: [upto])
                return Int(upto - mark)
            }
            guard count > 0 else { return folded }
            folded += count
        }
    }
}
