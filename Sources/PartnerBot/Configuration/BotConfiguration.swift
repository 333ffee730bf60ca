import SlackPlatform

/// Everything the bot needs to run: defaults, overridden by the YAML file, the environment, then flags.
public struct BotConfiguration: Sendable, Equatable {
    /// HTTP server settings.
    public struct Server: Sendable, Equatable {
        /// Interface to bind (default 127.0.0.1).
        public var host = "127.0.0.1"
        /// Port to bind (default 8080; 0 picks a free one).
        public var port = 8080
        /// Largest accepted request body in bytes (default 64 KiB → 413 above).
        public var maxBodyBytes = 64 * 1024
        /// The public HTTPS base URL Slack reaches the bot at (e.g. `https://bot.example.com`,
        /// without a trailing slash); OAuth installs redirect to `<public_url>/slack/oauth_redirect`.
        public var publicURL: String?
    }

    /// Chat platform settings.
    public struct Slack: Sendable, Equatable {
        /// The app's signing secret (required outside dev mode), parsed once when the
        /// configuration loads: blank text is no secret.
        public var signingSecret: SigningSecret?
        /// The bot token (`xoxb-…`); without one, messages go to the local chat sink.
        public var botToken: String?
        /// The app-level token (`xapp-…`, scope `connections:write`): with it, the bot receives
        /// Slack's events, interactions and commands over Socket Mode (no public URL needed).
        public var appToken: String?
        /// Web API base URL.
        public var apiURL = "https://slack.com/api/"
        /// Accepted clock distance for request timestamps, in seconds.
        public var timestampToleranceSeconds = 300
        /// Web API connect timeout in milliseconds.
        public var connectTimeoutMilliseconds = 5000
        /// Web API whole-call timeout in milliseconds.
        public var requestTimeoutMilliseconds = 15000
        /// The app's OAuth client id (OAuth installs are offered only with it and the secret).
        public var clientID: String?
        /// The app's OAuth client secret, parsed once when the configuration loads.
        public var clientSecret: ClientSecret?
        /// Bot scopes an install asks for (default: the manifest's).
        public var scopes = ManifestBuilder.botScopes
        /// Slack's authorize page the install link points at.
        public var oauthAuthorizeURL = "https://slack.com/oauth/v2/authorize"
    }

    /// Storage settings.
    public struct Database: Sendable, Equatable {
        /// The SQLite file (the default backend).
        public var path = "data/partnerbot.sqlite"
        /// How long a writer waits for a lock before failing, in milliseconds (SQLite).
        public var busyTimeoutMilliseconds = 5000
        /// The PostgreSQL server several instances share (`database.url`,
        /// `PARTNERBOT_DATABASE_URL`): when set it is the store, and `path` only names the folder
        /// of dev-mode files.
        public var url: PostgresURL?
        /// Connections each instance keeps to PostgreSQL (one transaction runs on each at a time).
        public var connections = 8

        /// Where the data lives, for people and logs: the file, or the server's address without
        /// its password.
        public var location: String { url?.description ?? path }
    }

    /// HTTP server settings.
    public var server = Server()
    /// Chat platform settings.
    public var slack = Slack()
    /// Storage settings.
    public var database = Database()
    /// Deal registration rules.
    public var policy = ProgramPolicy()
    /// Vendor roles.
    public var roles = Roles()
    /// The managers' channel (registrations to review, digests).
    public var managersChannel: String?
    /// Certification tracks.
    public var tracks = CertificationTrack.defaults
    /// Alert thresholds and the scheduler interval.
    public var alerts = AlertSettings()
    /// Partner tier names, lowest first.
    public var tiers = ["registered", "select", "elite"]
    /// What each tier takes (`tier_criteria`).
    public var tierRules = TierRules.defaults
    /// Commission on won deals (`incentives.commission`); none by default.
    public var commission = CommissionRules()
    /// Market-development funds per tier and quarter (`incentives.mdf.quarterly_budget`); none by default.
    public var mdf = MDFBudgets()
    /// Outbox delivery settings.
    public var outbox = OutboxConfiguration()
    /// The CRM kept in step with deals (`crm`); `nil`: none.
    public var crm: CRMConfiguration?
    /// Folder holding one YAML spec per slash command.
    public var commandsDirectory = "Commands"
    /// Folder holding the announcement files marketing writes.
    public var announcementsDirectory = "Announcements"
    /// Dev mode: generated signing secret, local chat sink.
    public var devMode = false
    /// Where the configuration came from, for the start-up banner.
    public var source = "embedded defaults"

    /// The embedded defaults.
    public init() {}

    /// The OAuth install settings, when client id, client secret and public URL are all configured
    /// (the loader refuses a configuration with only some of them).
    public var oauth: OAuthInstallSettings? {
        guard let clientID = slack.clientID, let secret = slack.clientSecret, let publicURL = server.publicURL else { return nil }
        return OAuthInstallSettings(
            credentials: OAuthClientCredentials(clientID: clientID, clientSecret: secret), scopes: slack.scopes,
            authorizeURL: slack.oauthAuthorizeURL, redirectURI: publicURL + OAuthInstallSettings.redirectPath)
    }

    /// What outbound calls that belong to no installation use: the configured bot token, or —
    /// installed through OAuth only, without `SLACK_BOT_TOKEN` — the vendor's own installation.
    public var tokenFallback: InstallationTokens.Fallback {
        (slack.botToken ?? "").isEmpty && oauth != nil ? .vendorInstallation : .configuredToken
    }

    /// The folder dev-mode files live in (the database's folder).
    public var dataDirectory: String {
        let path = database.path
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
