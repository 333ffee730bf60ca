import CRM
import Logging
import SlackPlatform

/// The seams of the app: everything a test or the demo swaps out.
public struct AppDependencies: Sendable {
    /// The database.
    public var database: AppDatabase
    /// The clock: stamps requests, changes and deliveries (pinned and moved in tests).
    public var clock: any WallClock
    /// The root logger.
    public var logger: Logger
    /// The metrics registry.
    public var metrics: BotMetrics
    /// The slash command specs.
    public var catalog: CommandCatalog
    /// The chat Web API (live libcurl client, local chat sink, or a recording fake in tests).
    public var chatClient: any SlackWebAPIClient
    /// The services that run beside the HTTP server (all of them, unless a test drives one itself).
    public var background: BackgroundServices
    /// The CRM connector (`crm` configured): the worker pushes deals through it and checks new
    /// registrations with it. `nil`: no CRM.
    public var crmConnector: (any CRMConnector)?

    /// Creates dependencies.
    public init(
        database: AppDatabase, clock: any WallClock = SystemWallClock(), logger: Logger, metrics: BotMetrics = BotMetrics(),
        catalog: CommandCatalog, chatClient: any SlackWebAPIClient, background: BackgroundServices = .all, crmConnector: (any CRMConnector)? = nil
    ) {
        self.crmConnector = crmConnector
        self.background = background
        self.chatClient = chatClient
        self.database = database
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        self.catalog = catalog
    }
}
