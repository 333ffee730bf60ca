import SlackPlatform

/// The configuration file's sections, one function each (`apply(document:to:)` calls them in
/// order; each refuses keys it does not know).
extension ConfigurationLoader {
    /// `server`: where the bot listens, the largest body it accepts, its public URL.
    static func applyServer(_ root: [String: YAMLValue], to configuration: inout BotConfiguration) throws(YAMLFileError) {
        if let server = try root["server"]?.mapping(allowed: ["host", "port", "max_body_bytes", "public_url"]) {
            if let host = server["host"] { configuration.server.host = try host.string() }
            if let port = server["port"] { configuration.server.port = try port.int(in: 0...65535) }
            if let max = server["max_body_bytes"] { configuration.server.maxBodyBytes = try max.int(in: 1024...10_485_760) }
            try applyPublicURL(server, to: &configuration)
        }
    }

    /// `slack`: secrets and tokens, the Web API, timeouts, OAuth installs.
    static func applySlack(_ root: [String: YAMLValue], to configuration: inout BotConfiguration) throws(YAMLFileError) {
        if let slack = try root["slack"]?.mapping(allowed: [
            "signing_secret", "bot_token", "app_token", "api_url", "timestamp_tolerance_seconds", "connect_timeout_ms", "request_timeout_ms",
            "client_id", "client_secret", "scopes", "oauth_authorize_url",
        ]) {
            try applyOAuth(slack, to: &configuration)
            if let value = slack["signing_secret"], !value.isNull { configuration.slack.signingSecret = SigningSecret(try value.string()) }
            if let value = slack["bot_token"], !value.isNull { configuration.slack.botToken = try value.string() }
            if let value = slack["app_token"], !value.isNull {
                let token = try value.string()
                guard token.hasPrefix("xapp-") else { throw value.error("must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)") }
                configuration.slack.appToken = token
            }
            if let value = slack["api_url"] {
                let text = try value.string()
                guard let url = try? apiURL(text, name: "") else { throw value.error("must be an http(s) URL, got \"\(text)\"") }
                configuration.slack.apiURL = url
            }
            if let value = slack["timestamp_tolerance_seconds"] {
                configuration.slack.timestampToleranceSeconds = try value.int(in: 1...300)
            }
            if let value = slack["connect_timeout_ms"] { configuration.slack.connectTimeoutMilliseconds = try value.int(in: 100...120_000) }
            if let value = slack["request_timeout_ms"] { configuration.slack.requestTimeoutMilliseconds = try value.int(in: 100...600_000) }
        }
    }

    /// `database`, `commands`, `outbox`, `announcements`: files and delivery.
    static func applyStorage(_ root: [String: YAMLValue], to configuration: inout BotConfiguration) throws(YAMLFileError) {
        if let database = try root["database"]?.mapping(allowed: ["path", "busy_timeout_ms", "url", "connections"]) {
            if let path = database["path"] { configuration.database.path = try path.string() }
            if let timeout = database["busy_timeout_ms"] { configuration.database.busyTimeoutMilliseconds = try timeout.int(in: 0...600_000) }
            if let value = database["url"] {
                let text = try value.string()
                do {
                    configuration.database.url = try PostgresURL(text)
                } catch {
                    throw value.error(error.reason)
                }
            }
            if let value = database["connections"] { configuration.database.connections = try value.int(in: 1...200) }
        }
        if let commands = try root["commands"]?.mapping(allowed: ["directory"]) {
            if let directory = commands["directory"] { configuration.commandsDirectory = try directory.string() }
        }
        if let outbox = try root["outbox"]?.mapping(allowed: [
            "concurrency", "per_channel_interval_ms", "max_attempts", "max_age_hours", "base_backoff_ms", "max_backoff_seconds", "poll_interval_ms",
            "retention_days",
        ]) {
            if let value = outbox["retention_days"] {
                let days = try value.int(in: 0...36_500)
                configuration.outbox.retention = days == 0 ? nil : .seconds(86_400 * days)
            }
            if let value = outbox["concurrency"] { configuration.outbox.concurrency = try value.int(in: 1...256) }
            if let value = outbox["per_channel_interval_ms"] { configuration.outbox.perChannelInterval = .milliseconds(try value.int(in: 0...60_000)) }
            if let value = outbox["max_attempts"] { configuration.outbox.maxAttempts = try value.int(in: 1...1000) }
            if let value = outbox["max_age_hours"] { configuration.outbox.maxAge = .seconds(3600 * (try value.int(in: 1...24 * 30))) }
            if let value = outbox["base_backoff_ms"] { configuration.outbox.baseBackoff = .milliseconds(try value.int(in: 1...600_000)) }
            if let value = outbox["max_backoff_seconds"] { configuration.outbox.maxBackoff = .seconds(try value.int(in: 1...86_400)) }
            if let value = outbox["poll_interval_ms"] { configuration.outbox.pollInterval = .milliseconds(try value.int(in: 10...60_000)) }
        }
        if let announcements = try root["announcements"]?.mapping(allowed: ["directory"]) {
            if let directory = announcements["directory"] { configuration.announcementsDirectory = try directory.string() }
        }
    }

    /// `alerts`: the scheduler's interval and the alert thresholds.
    static func applyAlerts(_ root: [String: YAMLValue], to configuration: inout BotConfiguration) throws(YAMLFileError) {
        if let alerts = try root["alerts"]?.mapping(allowed: [
            "interval_seconds", "protection_expiry_days", "certification_expiry_days", "quiet_partner_days", "conflict_hours", "digest_over",
        ]) {
            if let value = alerts["interval_seconds"] { configuration.alerts.interval = .seconds(try value.int(in: 1...86_400)) }
            if let value = alerts["protection_expiry_days"] { configuration.alerts.protectionExpiryDays = try dayList(value) }
            if let value = alerts["certification_expiry_days"] { configuration.alerts.certificationExpiryDays = try dayList(value) }
            if let value = alerts["quiet_partner_days"] { configuration.alerts.quietPartnerDays = try value.int(in: 1...3650) }
            if let value = alerts["conflict_hours"] { configuration.alerts.conflictHours = try value.int(in: 1...720) }
            if let value = alerts["digest_over"] { configuration.alerts.digestOver = try value.int(in: 1...1000) }
        }
    }
}
