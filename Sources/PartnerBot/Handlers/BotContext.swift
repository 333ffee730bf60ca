import Logging
import SlackPlatform

/// What every handler may use: storage, the command specs, the clock and a logger.
public struct BotContext: Sendable {
    /// The database.
    public var database: AppDatabase
    /// The slash command specs (help and usage).
    public var catalog: CommandCatalog
    /// The injected clock.
    public var clock: any WallClock
    /// The logger (carries the request id in its metadata).
    public var logger: Logger
    /// The Web API, for the few calls that cannot wait for the outbox (`views.open` within 3 s).
    public var chatClient: any SlackWebAPIClient

    /// Creates a context.
    public init(database: AppDatabase, catalog: CommandCatalog, clock: any WallClock, logger: Logger, chatClient: any SlackWebAPIClient) {
        self.chatClient = chatClient
        self.database = database
        self.catalog = catalog
        self.clock = clock
        self.logger = logger
    }
}
