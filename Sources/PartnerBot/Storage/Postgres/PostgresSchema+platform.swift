extension PostgresMigrator {
    // The `v27-baseline` statements for Slack events, installations, the CRM queue and the health probe (see `partnerbot`).

    static let events: [String] = [
        // Events API deliveries already processed.
        """
        CREATE TABLE processed_event (
            event_id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            team_id TEXT COLLATE "C",
            type TEXT COLLATE "C" NOT NULL,
            received_at DOUBLE PRECISION NOT NULL
        )
        """,
    ]

    static let installations: [String] = [
        // Installations (OAuth v2) and redeemed OAuth state nonces.
        """
        CREATE TABLE installation (
            installation_key TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (length(installation_key) BETWEEN 1 AND 64),
            team_id TEXT COLLATE "C",
            team_name TEXT COLLATE "C",
            enterprise_id TEXT COLLATE "C",
            enterprise_name TEXT COLLATE "C",
            is_enterprise_install BIGINT NOT NULL DEFAULT 0 CHECK (is_enterprise_install IN (0, 1)),
            app_id TEXT COLLATE "C",
            bot_user_id TEXT COLLATE "C",
            bot_token TEXT COLLATE "C" NOT NULL CHECK (length(bot_token) > 0),
            scopes TEXT COLLATE "C" NOT NULL,
            installer_user_id TEXT COLLATE "C",
            refresh_token TEXT COLLATE "C",
            token_expires_at TEXT COLLATE "C",
            refresh_lease_owner TEXT COLLATE "C",
            refresh_lease_until TEXT COLLATE "C",
            refresh_failures BIGINT NOT NULL DEFAULT 0 CHECK (refresh_failures >= 0),
            refresh_retry_at TEXT COLLATE "C",
            last_refresh_error TEXT COLLATE "C",
            installed_at TEXT COLLATE "C" NOT NULL,
            updated_at TEXT COLLATE "C" NOT NULL,
            revoked_at TEXT COLLATE "C",
            revoked_reason TEXT COLLATE "C",
            CHECK (installation_key = CASE is_enterprise_install WHEN 1 THEN enterprise_id ELSE team_id END),
            CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
        )
        """,
        """
        CREATE INDEX installation_rotating ON installation (token_expires_at)
            WHERE refresh_token IS NOT NULL AND revoked_at IS NULL
        """,
        """
        CREATE TABLE oauth_state_nonce (
            nonce TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            expires_at TEXT COLLATE "C" NOT NULL,
            used_at TEXT COLLATE "C" NOT NULL
        )
        """,
        "CREATE INDEX oauth_state_nonce_expiry ON oauth_state_nonce (expires_at)",
    ]

    static let crm: [String] = [
        // CRM sync: the queue (one row per deal), webhook deliveries applied, open opportunities found.
        """
        CREATE TABLE crm_sync (
            deal_id BIGINT PRIMARY KEY NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
            version BIGINT NOT NULL CHECK (version >= 1),
            synced_version BIGINT NOT NULL DEFAULT 0,
            state TEXT COLLATE "C" NOT NULL CHECK (state IN ('pending', 'sending', 'synced', 'dead')),
            attempts BIGINT NOT NULL DEFAULT 0,
            next_attempt_at TEXT COLLATE "C" NOT NULL,
            claimed_by TEXT COLLATE "C",
            last_error TEXT COLLATE "C",
            crm_id TEXT COLLATE "C",
            company_linked BIGINT NOT NULL DEFAULT 0,
            lookup_state TEXT COLLATE "C" NOT NULL DEFAULT 'none'
                CHECK (lookup_state IN ('none', 'pending', 'checking', 'done', 'failed')),
            lookup_attempts BIGINT NOT NULL DEFAULT 0,
            lookup_after TEXT COLLATE "C",
            updated_at TEXT COLLATE "C" NOT NULL,
            synced_at TEXT COLLATE "C",
            lookup_claimed_by TEXT COLLATE "C"
        )
        """,
        "CREATE INDEX crm_sync_due ON crm_sync (next_attempt_at) WHERE state = 'pending'",
        "CREATE INDEX crm_sync_lookup ON crm_sync (deal_id) WHERE lookup_state = 'pending'",
        "CREATE UNIQUE INDEX crm_sync_crm_id ON crm_sync (crm_id) WHERE crm_id IS NOT NULL",
        """
        CREATE TABLE crm_event (
            event_key TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            source TEXT COLLATE "C" NOT NULL,
            deal_id BIGINT,
            occurred_at TEXT COLLATE "C",
            received_at TEXT COLLATE "C" NOT NULL,
            outcome TEXT COLLATE "C" NOT NULL
        )
        """,
        "CREATE INDEX crm_event_deal ON crm_event (deal_id, occurred_at) WHERE deal_id IS NOT NULL",
        """
        CREATE TABLE crm_match (
            deal_id BIGINT NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
            crm_id TEXT COLLATE "C" NOT NULL,
            name TEXT COLLATE "C" NOT NULL,
            stage TEXT COLLATE "C",
            owner TEXT COLLATE "C",
            found_at TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (deal_id, crm_id)
        )
        """,
    ]

    static let healthProbe: [String] = [
        // Health probe: the one row /health rewrites to learn whether writes work again
        // (seeded as SQLite's CURRENT_TIMESTAMP writes it: UTC, to the second).
        """
        CREATE TABLE health_probe (
            id BIGINT PRIMARY KEY CHECK (id = 1),
            at TEXT COLLATE "C" NOT NULL,
            ballast BYTEA
        )
        """,
        "INSERT INTO health_probe (id, at) VALUES (1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'))",
    ]
}
