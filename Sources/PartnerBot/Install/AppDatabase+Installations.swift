import Foundation
import SlackPlatform

/// What revoking an installation changed.
public struct InstallationRevocation: Sendable, Equatable {
    /// The installation revoked.
    public var key: InstallationKey
    /// Why (also the error of the messages dead-lettered).
    public var reason: String
    /// Queued messages dead-lettered with it.
    public var deadLettered: Int
}

extension AppDatabase {
    /// Stores an install: a new installation, or a re-install of the same workspace (or
    /// organisation), which replaces its token and clears a revocation.
    /// - Returns: The installation as stored.
    @discardableResult
    public func saveInstallation(_ grant: OAuthV2Grant, now: Date) async throws -> Installation {
        guard let key = InstallationKey(teamID: grant.team?.id, enterpriseID: grant.enterprise?.id, isEnterpriseInstall: grant.isEnterpriseInstall) else {
            throw StorageError.corruptRow(table: "installation", reason: "an install without the workspace it belongs to")
        }
        let stamp = now.storedValue
        let expiresAt = grant.expiresIn.map { now.addingTimeInterval(TimeInterval($0)).storedValue }
        return try await store.write { db in
            try db.execute(
                sql: """
                    INSERT INTO installation (installation_key, team_id, team_name, enterprise_id, enterprise_name, is_enterprise_install,
                        app_id, bot_user_id, bot_token, scopes, installer_user_id, refresh_token, token_expires_at, installed_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(installation_key) DO UPDATE SET
                        team_id = excluded.team_id, team_name = excluded.team_name, enterprise_id = excluded.enterprise_id,
                        enterprise_name = excluded.enterprise_name, is_enterprise_install = excluded.is_enterprise_install,
                        app_id = excluded.app_id, bot_user_id = excluded.bot_user_id, bot_token = excluded.bot_token,
                        scopes = excluded.scopes, installer_user_id = excluded.installer_user_id, refresh_token = excluded.refresh_token,
                        token_expires_at = excluded.token_expires_at, refresh_lease_owner = NULL, refresh_lease_until = NULL,
                        refresh_failures = 0, refresh_retry_at = NULL, last_refresh_error = NULL, updated_at = excluded.updated_at,
                        revoked_at = NULL, revoked_reason = NULL
                    """,
                arguments: [
                    key.rawValue, grant.team?.id, grant.team?.name, grant.enterprise?.id, grant.enterprise?.name, grant.isEnterpriseInstall,
                    grant.appID, grant.botUserID, grant.accessToken, grant.scope, grant.authedUserID, grant.refreshToken, expiresAt, stamp, stamp,
                ])
            self.noteInstallationChange(db)
            guard let stored = try Self.installation(key, db: db) else { throw StorageError.corruptRow(table: "installation", reason: "not stored") }
            return stored
        }
    }

    /// One installation by its key.
    public func installation(_ key: InstallationKey) async throws -> Installation? {
        try await store.read { db in try Self.installation(key, db: db) }
    }

    /// The installation whose token acts for a workspace: the workspace's own, else its Enterprise
    /// Grid organisation's (an organisation-wide install covers its workspaces).
    public func installation(forTeam teamID: String?, enterprise enterpriseID: String?) async throws -> Installation? {
        try await store.read { db in try Self.installation(forTeam: teamID, enterprise: enterpriseID, db: db) }
    }

    static func installation(forTeam teamID: String?, enterprise enterpriseID: String?, db: any SQLDatabase) throws -> Installation? {
        if let team = teamID.flatMap(InstallationKey.init(rawValue:)), let own = try installation(team, db: db) { return own }
        guard let organisation = enterpriseID.flatMap(InstallationKey.init(rawValue:)) else { return nil }
        return try installation(organisation, db: db).flatMap { $0.isEnterpriseInstall ? $0 : nil }
    }

    /// The vendor's own installation: the earliest one still installed that is not a partner
    /// organisation's workspace (or Enterprise Grid organisation). Messages that belong to no
    /// installation use its token when no bot token is configured.
    public func vendorInstallationKey() async throws -> InstallationKey? {
        try await store.read { db in
            let key = try String.fetchOne(db.cachedStatement(sql: """
                SELECT installation_key FROM installation
                WHERE revoked_at IS NULL
                  AND installation_key NOT IN (SELECT team_id FROM partner_org WHERE team_id IS NOT NULL)
                  AND COALESCE(team_id, '') NOT IN (SELECT team_id FROM partner_org WHERE team_id IS NOT NULL)
                ORDER BY installed_at, installation_key LIMIT 1
                """))
            return key.flatMap(InstallationKey.init(rawValue:))
        }
    }

    /// Every installation, by key.
    public func installations() async throws -> [Installation] {
        try await store.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM installation ORDER BY installation_key").map(Installation.init(row:))
        }
    }

    /// Marks an installation revoked (uninstalled, or its bot token revoked) and dead-letters its
    /// queued messages with `reason`, in one transaction. Later messages to it are dead-lettered
    /// by the outbox worker without calling Slack.
    /// - Returns: What changed; `nil` when there is no such installation or it was revoked already.
    @discardableResult
    public func revokeInstallation(_ key: InstallationKey, reason: String, now: Date) async throws -> InstallationRevocation? {
        try await store.write { db in try self.revokeInstallation(key, reason: reason, db: db, now: now) }
    }

    /// Revokes the installation acting for a workspace (see ``installation(forTeam:enterprise:)``).
    @discardableResult
    public func revokeInstallation(team teamID: String?, enterprise enterpriseID: String?, reason: String, now: Date) async throws -> InstallationRevocation? {
        guard let installation = try await installation(forTeam: teamID, enterprise: enterpriseID) else { return nil }
        return try await revokeInstallation(installation.key, reason: reason, now: now)
    }

    /// ``revokeInstallation(_:reason:now:)`` inside the caller's transaction.
    func revokeInstallation(_ key: InstallationKey, reason: String, db: any SQLDatabase, now: Date) throws -> InstallationRevocation? {
        let stamp = now.storedValue
        try db.execute(
            sql: """
                UPDATE installation SET revoked_at = ?, revoked_reason = ?, updated_at = ?, refresh_lease_owner = NULL, refresh_lease_until = NULL
                WHERE installation_key = ? AND revoked_at IS NULL
                """,
            arguments: [stamp, reason, stamp, key.rawValue])
        guard db.changesCount == 1 else { return nil }
        // The redundant `IN` term lets SQLite use the partial index `outbox_open_by_workspace`.
        try db.execute(
            sql: """
                UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ?, updated_at = ?
                WHERE workspace = ? AND state IN ('pending', 'sending') AND state = 'pending'
                """,
            arguments: [reason, stamp, key.rawValue])
        let dead = db.changesCount
        noteInstallationChange(db)
        return InstallationRevocation(key: key, reason: reason, deadLettered: dead)
    }

    static func installation(_ key: InstallationKey, db: any SQLDatabase) throws -> Installation? {
        try SQLRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM installation WHERE installation_key = ?"), arguments: [key.rawValue])
            .map(Installation.init(row:))
    }

    /// Bumps ``installationChanges`` when the current transaction commits, so token caches in
    /// this process drop what they hold at once (other processes' caches expire on their own).
    func noteInstallationChange(_ db: any SQLDatabase) {
        db.afterNextTransaction(onCommit: { self.installationChanges.add(1, ordering: .releasing) })
    }
}
