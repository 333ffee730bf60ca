import Logging
import SlackPlatform

/// Picks the chat Web API implementation for a configuration.
public enum ChatClientFactory {
    /// The live libcurl client when a bot token is configured, else the local chat sink.
    /// - Parameters:
    ///   - output: Where the local chat sink prints (ignored with a token).
    public static func make(
        configuration: BotConfiguration, database: AppDatabase, clock: any WallClock, logger: Logger,
        output: @escaping @Sendable (String) -> Void
    ) -> any SlackWebAPIClient {
        guard let token = configuration.slack.botToken, !token.isEmpty else {
            if !configuration.devMode {
                logger.warning("no bot token configured (SLACK_BOT_TOKEN): outbound messages go to the local chat sink, not to Slack")
            }
            return LocalChatSink(database: database, clock: clock, output: output)
        }
        return CurlWebAPIClient(
            configuration: WebAPIClientConfiguration(
                baseURL: configuration.slack.apiURL, token: token,
                connectTimeout: .milliseconds(configuration.slack.connectTimeoutMilliseconds),
                totalTimeout: .milliseconds(configuration.slack.requestTimeoutMilliseconds),
                maxConcurrentTransfers: max(configuration.outbox.concurrency, 2)),
            logger: logger)
    }
}
