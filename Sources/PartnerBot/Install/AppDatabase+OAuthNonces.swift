import Foundation
import GRDB

extension AppDatabase {
    /// Redeems an OAuth `state` nonce: records it as used until it expires.
    /// - Returns: `false` when it was redeemed before (a replayed redirect).
    func redeemOAuthNonce(_ nonce: String, expiresAt: Date, now: Date) async throws -> Bool {
        try await store.write { db in
            try db.execute(sql: "DELETE FROM oauth_state_nonce WHERE expires_at < ?", arguments: [now.storedValue])
            try db.execute(
                sql: "INSERT INTO oauth_state_nonce (nonce, expires_at, used_at) VALUES (?, ?, ?) ON CONFLICT(nonce) DO NOTHING",
                arguments: [nonce, expiresAt.storedValue, now.storedValue])
            return db.changesCount == 1
        }
    }
}
