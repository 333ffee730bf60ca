/// Settings of the live Web API client.
///
/// ```swift
/// let configuration = WebAPIClientConfiguration(token: botToken)
/// let client = CurlWebAPIClient(configuration: configuration, logger: logger)
/// ```
///
/// The description of a configuration never shows the token.
public struct WebAPIClientConfiguration: Sendable {
    /// The Web API base URL; always ends with `/` (a missing one is added).
    public var baseURL: String {
        didSet { baseURL = Self.normalisedBaseURL(baseURL) }
    }
    /// The bot token, sent only as `Authorization: Bearer <token>`.
    public var token: String
    /// The longest time to establish a connection.
    public var connectTimeout: Duration
    /// The longest time for a whole call, connection included.
    public var totalTimeout: Duration
    /// The most transfers running at the same time (at least 1); one OS thread per transfer.
    public var maxConcurrentTransfers: Int
    /// Hosts a `response_url` may point at over `https` (compared case-insensitively).
    public var allowedResponseURLHosts: [String]
    /// The `User-Agent` header value.
    public var userAgent: String

    /// Slack's Web API base URL.
    public static let slackBaseURL = "https://slack.com/api/"
    /// The default `User-Agent`.
    public static let defaultUserAgent = "partnerbot/1.0 (+libcurl)"

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - baseURL: The Web API base URL; a trailing `/` is added when missing.
    ///   - token: The bot token (`xoxb-…`).
    ///   - connectTimeout: The longest time to establish a connection (default 5 s).
    ///   - totalTimeout: The longest time for a whole call (default 15 s).
    ///   - maxConcurrentTransfers: The most transfers at once (default 8, at least 1).
    ///   - allowedResponseURLHosts: Hosts a `response_url` may use (default `hooks.slack.com`).
    ///   - userAgent: The `User-Agent` header value.
    public init(
        baseURL: String = WebAPIClientConfiguration.slackBaseURL,
        token: String,
        connectTimeout: Duration = .seconds(5),
        totalTimeout: Duration = .seconds(15),
        maxConcurrentTransfers: Int = 8,
        allowedResponseURLHosts: [String] = ["hooks.slack.com"],
        userAgent: String = WebAPIClientConfiguration.defaultUserAgent
    ) {
        self.baseURL = Self.normalisedBaseURL(baseURL)
        self.token = token
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxConcurrentTransfers = maxConcurrentTransfers
        self.allowedResponseURLHosts = allowedResponseURLHosts
        self.userAgent = userAgent
    }

    /// Trims whitespace and makes sure the URL ends with `/`.
    static func normalisedBaseURL(_ url: String) -> String {
        let trimmed = String(url.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }
}

extension WebAPIClientConfiguration: CustomStringConvertible {
    /// A description with the token redacted.
    public var description: String {
        "WebAPIClientConfiguration(baseURL: \(baseURL), token: <redacted>, connectTimeout: \(connectTimeout), "
            + "totalTimeout: \(totalTimeout), maxConcurrentTransfers: \(maxConcurrentTransfers), "
            + "allowedResponseURLHosts: \(allowedResponseURLHosts), userAgent: \(userAgent))"
    }
}

extension WebAPIClientConfiguration: CustomReflectable {
    /// A mirror without the token, so `dump` and string interpolation never show it.
    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}
