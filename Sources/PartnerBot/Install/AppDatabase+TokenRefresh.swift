import Foundation
import GRDB
import SlackPlatform

/// Token rotation's storage: one process at a time refreshes an installation's token (a lease
/// taken by a conditional UPDATE), and a failed refresh keeps the old token.
extension AppDatabase {
    /// Takes the refresh lease of an installation whose token expires before `due`, unless
    /// another process (or `AppDatabase` instance) holds it, a failed refresh is still waiting
    /// for its retry time, or the token was refreshed meanwhile.
    /// - Returns: The refresh token to use; `nil` when this caller must not refresh now.
    func claimTokenRefresh(_ key: InstallationKey, due: Date, lease: Duration, now: Date) async throws -> String? {
        let stamp = now.storedValue
        let leaseEnd = now.addingTimeInterval(lease.seconds).storedValue
        return try await store.write { db in
            try db.execute(
                sql: """
                    UPDATE installation SET refresh_lease_owner = ?, refresh_lease_until = ?
                    WHERE installation_key = ? AND revoked_at IS NULL AND refresh_token IS NOT NULL
                        AND token_expires_at IS NOT NULL AND token_expires_at <= ?
                        AND (refresh_retry_at IS NULL OR refresh_retry_at <= ?)
                        AND (refresh_lease_until IS NULL OR refresh_lease_until <= ?)
                    """,
                arguments: [self.deliveryOwner.stored, leaseEnd, key.rawValue, due.storedValue, stamp, stamp])
            guard db.changesCount == 1 else { return nil }
            return try String.fetchOne(db, sql: "SELECT refresh_token FROM installation WHERE installation_key = ?", arguments: [key.rawValue])
        }
    }

    /// Stores a refreshed token and releases the lease. Only a refresh made with the refresh
    /// token the row still holds is stored (Slack revokes a refresh token once used).
    /// - Returns: Whether it was stored.
    @discardableResult
    func completeTokenRefresh(_ key: InstallationKey, used refreshToken: String, grant: OAuthV2Grant, now: Date) async throws -> Bool {
        let stamp = now.storedValue
        let expiresAt = grant.expiresIn.map { now.addingTimeInterval(TimeInterval($0)).storedValue }
        return try await store.write { db in
            try db.execute(
                sql: """
                    UPDATE installation SET bot_token = ?, refresh_token = ?, token_expires_at = ?, refresh_lease_owner = NULL,
                        refresh_lease_until = NULL, refresh_failures = 0, refresh_retry_at = NULL, last_refresh_error = NULL, updated_at = ?
                    WHERE installation_key = ? AND refresh_token = ? AND revoked_at IS NULL
                    """,
                arguments: [grant.accessToken, grant.refreshToken ?? refreshToken, expiresAt, stamp, key.rawValue, refreshToken])
            let stored = db.changesCount == 1
            if stored { self.noteInstallationChange(db) }
            return stored
        }
    }

    /// Records a failed refresh: the lease is released, the old token kept, and no refresh is
    /// tried again before `retryAt`.
    func failTokenRefresh(_ key: InstallationKey, error: String, retryAt: Date, now: Date) async throws {
        try await store.write { db in
            try db.execute(
                sql: """
                    UPDATE installation SET refresh_lease_owner = NULL, refresh_lease_until = NULL, refresh_failures = refresh_failures + 1,
                        refresh_retry_at = ?, last_refresh_error = ?, updated_at = ?
                    WHERE installation_key = ? AND refresh_lease_owner = ?
                    """,
                arguments: [retryAt.storedValue, error, now.storedValue, key.rawValue, self.deliveryOwner.stored])
            if db.changesCount == 1 { self.noteInstallationChange(db) }
        }
    }

    /// Installations with a rotating token that expires before `due` (the refresher's work).
    func installationsToRefresh(due: Date) async throws -> [InstallationKey] {
        try await store.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT installation_key FROM installation
                    WHERE refresh_token IS NOT NULL AND revoked_at IS NULL AND token_expires_at <= ?
                    ORDER BY token_expires_at
                    """,
                arguments: [due.storedValue]
            ).compactMap(InstallationKey.init(rawValue:))
        }
    }
}
