import Logging
import PartnerBot
import SlackPlatform

/// Picks the chat Web API implementation for a configuration.
public enum ChatClientFactory {
    /// The live libcurl client when a bot token or OAuth installs are configured, else the local
    /// chat sink (its messages kept in `chat-sink.sqlite` in the data folder). With OAuth and no
    /// bot token, messages that belong to no installation use the vendor's own installation
    /// (`BotConfiguration.tokenFallback`).
    /// - Parameters:
    ///   - output: Where the local chat sink prints (ignored with a token).
    /// - Throws: When the sink's file cannot be opened.
    public static func make(
        configuration: BotConfiguration, clock: any WallClock, logger: Logger, output: @escaping @Sendable (String) -> Void
    ) throws -> any SlackWebAPIClient {
        let token = configuration.slack.botToken.flatMap { $0.isEmpty ? nil : $0 } ?? (configuration.oauth != nil ? "" : nil)
        guard let token else {
            if !configuration.devMode {
                logger.warning("no bot token configured (SLACK_BOT_TOKEN): outbound messages go to the local chat sink, not to Slack")
            }
            let store = try SinkStore(path: SinkStore.path(dataDirectory: configuration.dataDirectory))
            return LocalChatSink(store: store, clock: clock, output: output)
        }
        if token.isEmpty {
            logger.notice("no bot token configured (SLACK_BOT_TOKEN): messages go out with the installations' tokens (alerts and notices with the vendor workspace's)")
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
