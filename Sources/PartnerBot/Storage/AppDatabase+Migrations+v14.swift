import GRDB

extension AppDatabase {
    /// `v14-installations`.
    static func v14Installations(_ db: Database) throws {
        try db.execute(sql: v14InstallationsSQL)
    }

    // One row per installation of the app (OAuth v2): a workspace's (`T…`), or an Enterprise
    // Grid organisation's when installed organisation-wide (`E…`). Re-installing replaces the
    // token and clears a revocation. Token rotation: `refresh_token` and `token_expires_at`;
    // one process at a time refreshes (the `refresh_lease_*` columns, taken by a conditional
    // UPDATE), a failed refresh waits until `refresh_retry_at` and keeps the old token.
    // `oauth_state_nonce` keeps the `state` nonces already redeemed until they expire (replays
    // are refused). `outbox.workspace` names the installation whose token sends a message
    // (NULL: the configured bot token); the partial index finds an uninstalled workspace's
    // queued messages without touching rows that have none.
    private static let v14InstallationsSQL = """
            CREATE TABLE installation (
                installation_key TEXT PRIMARY KEY NOT NULL CHECK (length(installation_key) BETWEEN 1 AND 64),
                team_id TEXT,
                team_name TEXT,
                enterprise_id TEXT,
                enterprise_name TEXT,
                is_enterprise_install INTEGER NOT NULL DEFAULT 0 CHECK (is_enterprise_install IN (0, 1)),
                app_id TEXT,
                bot_user_id TEXT,
                bot_token TEXT NOT NULL CHECK (length(bot_token) > 0),
                scopes TEXT NOT NULL,
                installer_user_id TEXT,
                refresh_token TEXT,
                token_expires_at DATETIME,
                refresh_lease_owner TEXT,
                refresh_lease_until DATETIME,
                refresh_failures INTEGER NOT NULL DEFAULT 0 CHECK (refresh_failures >= 0),
                refresh_retry_at DATETIME,
                last_refresh_error TEXT,
                installed_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                revoked_at DATETIME,
                revoked_reason TEXT,
                CHECK (installation_key = CASE is_enterprise_install WHEN 1 THEN enterprise_id ELSE team_id END),
                CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
            ) WITHOUT ROWID;
            CREATE INDEX installation_rotating ON installation(token_expires_at)
                WHERE refresh_token IS NOT NULL AND revoked_at IS NULL;
            CREATE TABLE oauth_state_nonce (
                nonce TEXT PRIMARY KEY NOT NULL,
                expires_at DATETIME NOT NULL,
                used_at DATETIME NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX oauth_state_nonce_expiry ON oauth_state_nonce(expires_at);
            ALTER TABLE outbox ADD COLUMN workspace TEXT;
            CREATE INDEX outbox_open_by_workspace ON outbox(workspace)
                WHERE workspace IS NOT NULL AND state IN ('pending', 'sending');
        """
}
