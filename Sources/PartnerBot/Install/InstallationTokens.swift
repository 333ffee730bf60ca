import Foundation
import Logging
import SlackPlatform
import Synchronization

/// The bot token of each installation for outbound calls: read from the database and cached
/// briefly, and — with token rotation — refreshed before it expires. This is the one place
/// tokens are refreshed; two processes sharing the database never refresh the same token at
/// once (a lease in the row), and a failed refresh is retried later while the old token is used
/// until it expires.
public final class InstallationTokens: Sendable {
    /// Which token a call for an installation uses.
    public enum Resolution: Sendable, Equatable, CustomStringConvertible {
        /// No installation is stored for it and a bot token is configured: the client's
        /// configured token (`SLACK_BOT_TOKEN`).
        case defaultToken
        /// The installation's own token.
        case token(String)
        /// The app was uninstalled there (or its token revoked): never call, give up at once.
        case revoked(reason: String)
        /// Its token expired and could not be refreshed yet: try again later.
        case unavailable(reason: String)

        public var description: String {
            switch self {
            case .defaultToken: "defaultToken"
            case .token: "token(<redacted>)"
            case .revoked(let reason): "revoked(\(reason))"
            case .unavailable(let reason): "unavailable(\(reason))"
            }
        }
    }

    private struct Cached {
        var installation: Installation?
        var loadedAt: ContinuousClock.Instant
        var generation: Int
    }

    private struct RefreshState {
        var tasks: [InstallationKey: Task<Void, Never>] = [:]
        /// After a refresh this process could not take (another holds it), no new attempt before this.
        var notBefore: [InstallationKey: ContinuousClock.Instant] = [:]
    }

    private let database: AppDatabase
    private let client: any SlackWebAPIClient
    private let credentials: OAuthClientCredentials?
    private let clock: any WallClock
    private let logger: Logger
    private let settings: Settings
    private let fallback: Fallback
    private let cache = Mutex<[InstallationKey: Cached]>([:])
    private let refreshing = Mutex(RefreshState())

    /// What a call that belongs to no stored installation uses.
    public enum Fallback: Sendable, Equatable {
        /// The client's configured bot token (`SLACK_BOT_TOKEN`, or the local chat sink).
        case configuredToken
        /// No bot token is configured (an app installed through OAuth only): the token of the
        /// vendor's own installation, the earliest installation that is not a partner
        /// organisation's workspace (``AppDatabase/vendorInstallationKey()``).
        case vendorInstallation
    }

    /// How tokens are cached and refreshed.
    public struct Settings: Sendable {
        /// How long an installation read from the database is reused.
        public var cacheLifetime: Duration = .seconds(5)
        /// A token expiring within this is refreshed.
        public var refreshMargin: Duration = .seconds(30 * 60)
        /// How long a refresh may take before another process may try (well over a call's timeout).
        public var lease: Duration = .seconds(60)
        /// The first wait after a failed refresh; it doubles up to ``maxRetryDelay``.
        public var retryDelay: Duration = .seconds(30)
        /// The longest wait between failed refreshes.
        public var maxRetryDelay: Duration = .seconds(300)

        /// The defaults.
        public init() {}
    }

    /// Creates a token source.
    /// - Parameters:
    ///   - database: Where installations are stored.
    ///   - client: The Web API (for `oauth.v2.access` refreshes).
    ///   - credentials: The app's client credentials; without them tokens are used until they expire.
    ///   - clock: Decides expiry.
    ///   - logger: Refreshes and their failures (never a token).
    ///   - settings: Cache lifetime, refresh margin, lease and retry delays.
    ///   - fallback: What calls that belong to no stored installation use.
    public init(
        database: AppDatabase, client: any SlackWebAPIClient, credentials: OAuthClientCredentials?, clock: any WallClock, logger: Logger,
        settings: Settings = Settings(), fallback: Fallback = .configuredToken
    ) {
        self.fallback = fallback
        self.database = database
        self.client = client
        self.credentials = credentials
        self.clock = clock
        self.logger = logger
        self.settings = settings
    }

    /// The token a call for `key` uses, refreshing it first when it is about to expire.
    /// - Parameter key: The installation a message belongs to; `nil` (or one not stored) uses the
    ///   fallback: the configured token, or the vendor's installation.
    public func resolve(_ key: InstallationKey?) async -> Resolution {
        do {
            guard let key, var installation = try await load(key) else { return try await resolveFallback() }
            if needsRefresh(installation) {
                await refresh(installation)
                installation = try await load(key, fresh: true) ?? installation
            }
            return resolution(of: installation)
        } catch {
            return .unavailable(reason: "the installation of \(key.map(\.rawValue) ?? "the vendor") cannot be read: \(error)")
        }
    }

    /// The installation's token as the database holds it now, when it differs from `rejected`,
    /// the token the platform just refused: another instance refreshed or reinstalled it within
    /// this process's cache lifetime. `nil` when the refused token is the current one (or the
    /// installation is revoked): then the refusal stands.
    public func newerToken(than rejected: String, for key: InstallationKey) async -> String? {
        guard let installation = try? await load(key, fresh: true), case .token(let token) = resolution(of: installation), token != rejected else {
            return nil
        }
        return token
    }

    private func resolveFallback() async throws -> Resolution {
        guard fallback == .vendorInstallation else { return .defaultToken }
        guard let vendor = try await database.vendorInstallationKey(), let installation = try await load(vendor) else {
            return .unavailable(
                reason: "no bot token is configured (SLACK_BOT_TOKEN) and the vendor's workspace has not installed the app yet (/slack/install)")
        }
        if needsRefresh(installation) {
            await refresh(installation)
            return resolution(of: try await load(vendor, fresh: true) ?? installation)
        }
        return resolution(of: installation)
    }

    /// Refreshes every rotating token that expires within the refresh margin (the periodic
    /// refresher calls this, so tokens of quiet workspaces never lapse).
    public func refreshDue() async {
        guard credentials != nil else { return }
        do {
            for key in try await database.installationsToRefresh(due: clock.now().addingTimeInterval(settings.refreshMargin.seconds)) {
                if let installation = try await load(key, fresh: true), needsRefresh(installation) { await refresh(installation) }
            }
        } catch {
            logger.error("cannot look for tokens to refresh", metadata: ["error": "\(error)"])
        }
    }

    private func resolution(of installation: Installation) -> Resolution {
        if let reason = installation.revokedReason { return .revoked(reason: reason) }
        if let expiry = installation.tokenExpiresAt, expiry <= clock.now() {
            let why = installation.lastRefreshError.map { " (last refresh: \($0))" } ?? ""
            return .unavailable(reason: "the token of \(installation.key) expired and is not refreshed yet\(why)")
        }
        return .token(installation.botToken)
    }

    private func needsRefresh(_ installation: Installation) -> Bool {
        guard credentials != nil, installation.refreshToken != nil, !installation.isRevoked, let expiry = installation.tokenExpiresAt else { return false }
        let now = clock.now()
        if let retry = installation.refreshRetryAt, retry > now { return false }
        if let wait = refreshing.withLock({ $0.notBefore[installation.key] }), wait > .now { return false }
        return expiry <= now.addingTimeInterval(settings.refreshMargin.seconds)
    }

    private func load(_ key: InstallationKey, fresh: Bool = false) async throws -> Installation? {
        let generation = database.installationChanges.load(ordering: .acquiring)
        if !fresh, let cached = cache.withLock({ $0[key] }), cached.generation == generation, ContinuousClock.now - cached.loadedAt < settings.cacheLifetime {
            return cached.installation
        }
        let installation = try await database.installation(key)
        cache.withLock { $0[key] = Cached(installation: installation, loadedAt: .now, generation: generation) }
        return installation
    }

    /// One refresh per installation at a time in this process; the database lease does the same
    /// across processes.
    private func refresh(_ installation: Installation) async {
        let key = installation.key
        let task = refreshing.withLock { state -> Task<Void, Never> in
            if let running = state.tasks[key] { return running }
            let task = Task {
                await self.performRefresh(installation)
                self.refreshing.withLock { $0.tasks[key] = nil }
            }
            state.tasks[key] = task
            return task
        }
        await task.value
    }

    private func performRefresh(_ installation: Installation) async {
        guard let credentials else { return }
        let key = installation.key
        let now = clock.now()
        let refreshToken: String?
        do {
            refreshToken = try await database.claimTokenRefresh(
                key, due: now.addingTimeInterval(settings.refreshMargin.seconds), lease: settings.lease, now: now)
        } catch {
            logger.error("cannot take the token refresh lease", metadata: ["installation": "\(key)", "error": "\(error)"])
            return
        }
        guard let refreshToken else {
            // Another process refreshes it (or just did): look again in a moment.
            refreshing.withLock { $0.notBefore[key] = .now + .seconds(1) }
            return
        }
        do {
            let response = try await client.call(OAuthV2Access.refresh(refreshToken: refreshToken, credentials: credentials))
            let grant = try OAuthV2Grant(response, requiringWorkspace: false)
            let stored = try await database.completeTokenRefresh(key, used: refreshToken, grant: grant, now: clock.now())
            logger.notice("bot token refreshed", metadata: ["installation": "\(key)", "expires_in": "\(grant.expiresIn ?? 0)", "stored": "\(stored)"])
        } catch {
            let reason = (error as? WebAPIFailure)?.logDescription ?? "\(error)"
            let delay = min(settings.maxRetryDelay.seconds, settings.retryDelay.seconds * pow(2, Double(min(installation.refreshFailures, 16))))
            let retryAt = clock.now().addingTimeInterval(delay)
            do {
                try await database.failTokenRefresh(key, error: reason, retryAt: retryAt, now: clock.now())
            } catch {
                logger.error("cannot record a failed token refresh", metadata: ["installation": "\(key)", "error": "\(error)"])
            }
            logger.warning(
                "bot token refresh failed; the current token is used until it expires",
                metadata: ["installation": "\(key)", "error": "\(reason)", "retry_in_seconds": "\(Int(delay))"])
        }
    }
}
