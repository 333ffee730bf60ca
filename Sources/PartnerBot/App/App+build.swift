import Hummingbird
import Logging
import NIOCore
import SlackPlatform

/// Builds the router: `/health`, `/metrics` and the OAuth install pages (`/slack/install`,
/// `/slack/oauth_redirect`) unsigned; the Slack routes behind signature verification, which reads
/// the raw body before anything parses it.
///
/// In Socket Mode (an app token configured) Slack reaches the bot over WebSockets, so without a
/// signing secret the Slack routes are simply not offered.
/// - Throws: `ConfigurationError.missingSigningSecret` when neither a signing secret nor an app token is configured.
public func buildRouter(configuration: BotConfiguration, dependencies: AppDependencies) throws(ConfigurationError) -> Router<SlackRequestContext> {
    try buildRouter(configuration: configuration, dependencies: dependencies, tokens: installationTokens(configuration: configuration, dependencies: dependencies))
}

/// The token source the routes and the background services share (one cache, one refresh at a time).
func installationTokens(configuration: BotConfiguration, dependencies: AppDependencies) -> InstallationTokens {
    InstallationTokens(
        database: dependencies.database, client: dependencies.chatClient, credentials: configuration.oauth?.credentials,
        clock: dependencies.clock, logger: dependencies.logger, fallback: configuration.tokenFallback)
}

func buildRouter(
    configuration: BotConfiguration, dependencies: AppDependencies, tokens: InstallationTokens
) throws(ConfigurationError) -> Router<SlackRequestContext> {
    guard configuration.slack.signingSecret != nil || configuration.slack.appToken != nil else { throw .missingSigningSecret }
    dependencies.database.setCRMSync(enabled: configuration.crm != nil)
    let router = Router(context: SlackRequestContext.self)
    router.add(middleware: RequestMetricsMiddleware(metrics: dependencies.metrics))
    OperationsRoutes(database: dependencies.database, metrics: dependencies.metrics).register(on: router)
    // Browsers reach the install pages: they are not signed by Slack.
    InstallRoutes(flow: configuration.oauth.map {
        InstallFlow(settings: $0, database: dependencies.database, client: dependencies.chatClient, clock: dependencies.clock)
    }).register(on: router)
    if let crm = configuration.crm {
        // The CRM's own signatures, checked before anything parses the body.
        CRMWebhookRoutes(
            database: dependencies.database, crm: crm, deals: ProgramSettings(configuration).deals, clock: dependencies.clock,
            maxBodyBytes: configuration.server.maxBodyBytes, publicURL: configuration.server.publicURL
        ).register(on: router)
    }
    if let secret = configuration.slack.signingSecret {
        let slack = router.group("slack")
            .add(middleware: SlackVerificationMiddleware(
                verifier: RequestVerifier(secret: secret, tolerance: Int64(configuration.slack.timestampToleranceSeconds)),
                clock: dependencies.clock, maxBodyBytes: configuration.server.maxBodyBytes, metrics: dependencies.metrics))
        SlackRoutes(dispatch: inboundDispatch(configuration: configuration, dependencies: dependencies, tokens: tokens)).register(on: slack)
    }
    return router
}

/// The dispatch every transport shares, over the handlers' services.
func inboundDispatch(configuration: BotConfiguration, dependencies: AppDependencies, tokens: InstallationTokens) -> InboundDispatch {
    let (database, catalog, clock, chatClient) = (dependencies.database, dependencies.catalog, dependencies.clock, dependencies.chatClient)
    let program = ProgramSettings(configuration)
    let crmCheck = configuration.crm.flatMap { crm in
        dependencies.crmConnector.map { CRMCheck(connector: $0, timeout: crm.sync.registrationCheckTimeout) }
    }
    return InboundDispatch(services: { logger, installation in
        var services = BotServices(database: database, catalog: catalog, clock: clock, logger: logger, chatClient: chatClient, program: program)
        services.installation = installation
        services.tokens = tokens
        services.crmCheck = crmCheck
        return services
    })
}

/// Builds the bot: the HTTP application with its background services attached (checkpointer,
/// outbox worker, alert scheduler, as `dependencies.background` names them), one `Service` that
/// `serve`, the demo and tests run alike.
/// - Parameters:
///   - configuration: The bot configuration.
///   - dependencies: Database, clock, logger, metrics, command specs, chat client, background services.
///   - onServerRunning: Called with the bound port once the server listens (port 0 picks a free one).
/// - Throws: `ConfigurationError.missingSigningSecret` when no signing secret is configured.
public func buildApplication(
    configuration: BotConfiguration, dependencies: AppDependencies,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws(ConfigurationError) -> some ApplicationProtocol {
    let tokens = installationTokens(configuration: configuration, dependencies: dependencies)
    let router = try buildRouter(configuration: configuration, dependencies: dependencies, tokens: tokens)
    var app = Application(
        router: router,
        configuration: .init(
            address: .hostname(configuration.server.host, port: configuration.server.port),
            serverName: "partnerbot"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.server.port) },
        logger: dependencies.logger)
    app.addServices(dependencies.background.services(configuration: configuration, dependencies: dependencies, tokens: tokens))
    return app
}
