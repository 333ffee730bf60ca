import Logging
import SlackPlatform

/// What every handler may use: storage, the command specs, the clock and a logger.
public struct BotServices: Sendable {
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
    /// Roles, policy and tiers.
    public var program: ProgramSettings
    /// The installation the request came through (its workspace, or its organisation for an
    /// organisation-wide install), when the request named one.
    public var installation: InstallationKey?
    /// Installation tokens, so direct calls use the token of the request's installation.
    public var tokens: InstallationTokens?
    /// The CRM's "is this already an open opportunity?" at registration, with a CRM configured.
    public var crmCheck: CRMCheck?

    /// The Web API as the request's installation: its own token when one is stored for it, else
    /// the configured bot token (or, installed through OAuth only, the vendor's installation's).
    public var webAPI: any SlackWebAPIClient {
        guard let tokens else { return chatClient }
        return InstallationWebAPIClient(base: chatClient, tokens: tokens, installation: installation)
    }

    /// Today's date (UTC), for validating dates users type.
    public var today: CalendarDate { CalendarDate(clock.now()) }

    /// Resolves a signed user.
    public func caller(_ user: ActingUser) async throws -> Caller {
        try await database.caller(user, roles: program.roles, now: clock.now())
    }

    /// Creates a services.
    public init(
        database: AppDatabase, catalog: CommandCatalog, clock: any WallClock, logger: Logger, chatClient: any SlackWebAPIClient,
        program: ProgramSettings
    ) {
        self.program = program
        self.chatClient = chatClient
        self.database = database
        self.catalog = catalog
        self.clock = clock
        self.logger = logger
    }
}
