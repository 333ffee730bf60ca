import Foundation
import GRDB

extension AppDatabase {
    /// Deletes up to `limit` messages sent before `cutoff`, oldest first, in one short
    /// transaction; a pruned post keeps its key, channel and ts in `outbox_sent_ref` so it can
    /// still be edited or replied under.
    /// - Returns: How many were pruned (fewer than `limit`: nothing older is left).
    public func pruneSentOutbox(sentBefore cutoff: Date, limit: Int = 1_000) async throws -> Int {
        try await store.write { db in
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM outbox \(db.indexedBy("outbox_sent_at")) WHERE state = 'sent' AND sent_at < ? ORDER BY sent_at LIMIT ?",
                arguments: [cutoff.storedValue, limit])
            guard !ids.isEmpty else { return 0 }
            let list = ids.map(String.init).joined(separator: ",")
            try db.execute(
                sql: """
                    INSERT INTO outbox_sent_ref (dedupe_key, target, result_ts, result_channel, sent_at)
                    SELECT dedupe_key, target, result_ts, result_channel, sent_at FROM outbox
                    WHERE id IN (\(list)) AND method = 'chat.postMessage' AND result_ts IS NOT NULL
                    ON CONFLICT DO NOTHING
                    """)
            try db.execute(sql: "DELETE FROM outbox WHERE id IN (\(list))")
            return ids.count
        }
    }
}
