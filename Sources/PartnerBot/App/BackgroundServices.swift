import ServiceLifecycle

/// The services that run beside the HTTP server, in the application's own `ServiceGroup`.
public struct BackgroundServices: OptionSet, Sendable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Checkpoints the write-ahead log (databases on a file only).
    public static let checkpointer = BackgroundServices(rawValue: 1 << 0)
    /// Delivers the outbox (and enqueues the review notices of new registrations).
    public static let outbox = BackgroundServices(rawValue: 1 << 1)
    /// Runs an alert pass every `alerts.interval_seconds`.
    public static let alertScheduler = BackgroundServices(rawValue: 1 << 2)
    /// Receives Slack over Socket Mode (when an app token is configured).
    public static let socketMode = BackgroundServices(rawValue: 1 << 3)
    /// Refreshes rotating installation tokens before they expire (only with OAuth configured).
    public static let tokenRefresher = BackgroundServices(rawValue: 1 << 4)
    /// Pushes deals to the CRM and checks new registrations there (with a CRM configured).
    public static let crmSync = BackgroundServices(rawValue: 1 << 5)
    /// What `serve` and the demo run.
    public static let all: BackgroundServices = [.checkpointer, .outbox, .alertScheduler, .socketMode, .tokenRefresher, .crmSync]

    /// The services, in start order: graceful shutdown runs in reverse, after the HTTP server
    /// (Hummingbird starts the server last), so requests stop first, then alert passes, then the
    /// outbox finishes its in-flight deliveries, then the last checkpoint.
    func services(configuration: BotConfiguration, dependencies: AppDependencies, tokens: InstallationTokens) -> [any Service] {
        var services: [any Service] = []
        if contains(.checkpointer), let path = dependencies.database.path {
            services.append(WALCheckpointer(path: path, logger: dependencies.logger))
        }
        if contains(.outbox) {
            services.append(OutboxWorker(
                database: dependencies.database, client: dependencies.chatClient, configuration: configuration.outbox,
                clock: dependencies.clock, logger: dependencies.logger, metrics: OutboxMetrics(registry: dependencies.metrics.registry),
                tokens: tokens))
        }
        if contains(.outbox) {
            // After the worker: it stops first at shutdown, dispatching what registrations left.
            services.append(DealReviewDispatcher(
                database: dependencies.database, settings: ProgramSettings(configuration).deals, clock: dependencies.clock, logger: dependencies.logger))
        }
        if contains(.outbox), let retention = configuration.outbox.retention {
            services.append(OutboxPruner(database: dependencies.database, retention: retention, clock: dependencies.clock, logger: dependencies.logger))
        }
        if contains(.tokenRefresher), configuration.oauth != nil {
            services.append(InstallationTokenRefresher(tokens: tokens))
        }
        if contains(.socketMode), let appToken = configuration.slack.appToken {
            services.append(SocketModeService(
                appToken: appToken, apiBaseURL: configuration.slack.apiURL,
                dispatch: inboundDispatch(configuration: configuration, dependencies: dependencies, tokens: tokens), logger: dependencies.logger))
        }
        if contains(.crmSync), let crm = configuration.crm, let connector = dependencies.crmConnector {
            services.append(CRMSyncWorker(
                database: dependencies.database, connector: connector, mapping: crm.mapping, protectionDays: configuration.policy.protectionDays,
                settings: crm.sync, clock: dependencies.clock, logger: dependencies.logger))
        }
        if contains(.alertScheduler) {
            services.append(AlertScheduler(
                database: dependencies.database, settings: ProgramSettings(configuration), clock: dependencies.clock, logger: dependencies.logger))
        }
        return services
    }
}
