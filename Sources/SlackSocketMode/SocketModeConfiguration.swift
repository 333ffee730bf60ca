/// Settings of a ``SocketModeClient``.
///
/// ```swift
/// let configuration = SocketModeConfiguration(appToken: appToken)   // xapp-…
/// let client = SocketModeClient(configuration: configuration, handler: handle, logger: logger)
/// ```
///
/// The description of a configuration never shows the app token.
public struct SocketModeConfiguration: Sendable {
    /// Slack's Web API base URL.
    public static let slackAPIBaseURL = "https://slack.com/api/"
    /// The most connections Slack allows one app at once.
    public static let maxConnections = 10

    /// The app-level token (`xapp-…`, scope `connections:write`); sent only as
    /// `Authorization: Bearer <token>` to `apps.connections.open`, never logged.
    public var appToken: String
    /// The Web API base URL `apps.connections.open` is called under; always ends with `/`.
    public var apiBaseURL: String {
        didSet { apiBaseURL = Self.normalisedBaseURL(apiBaseURL) }
    }
    /// How many connections to keep open at once (1…10; values outside are clamped).
    public var connections: Int {
        didSet { connections = Self.clampedConnections(connections) }
    }
    /// The delays between attempts to (re)open a connection.
    public var reconnectBackoff: ReconnectBackoff
    /// How long a new connection may take to say `hello` before it is abandoned and retried.
    public var helloTimeout: Duration
    /// How long the server may take to answer our close frame before the socket is cut.
    public var closeTimeout: Duration
    /// How long a connection Slack asked us to replace (`disconnect`) may stay open after its
    /// replacement said `hello`; Slack normally closes it sooner itself.
    public var replacedConnectionTimeout: Duration
    /// How often to ping the server to detect dead connections (`nil`: never).
    public var pingInterval: Duration?
    /// The largest frame and the largest message accepted or sent, in bytes.
    public var maxMessageSize: Int
    /// The longest time an `apps.connections.open` call may take.
    public var openRequestTimeout: Duration

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - appToken: The app-level token (`xapp-…`).
    ///   - apiBaseURL: The Web API base URL (default ``slackAPIBaseURL``; tests use a fake's).
    ///   - connections: Connections to keep open at once (default 2, clamped to 1…10).
    ///   - reconnectBackoff: Delays between attempts (default 1 s doubling up to 30 s, jittered).
    ///   - helloTimeout: How long to wait for `hello` (default 10 s).
    ///   - closeTimeout: How long to wait for the server's close frame (default 5 s).
    ///   - replacedConnectionTimeout: How long a replaced connection may linger (default 60 s).
    ///   - pingInterval: Ping period (default 30 s; `nil` disables pings).
    ///   - maxMessageSize: Largest frame or message in bytes (default 4 MiB).
    ///   - openRequestTimeout: Timeout of `apps.connections.open` (default 10 s).
    public init(
        appToken: String,
        apiBaseURL: String = SocketModeConfiguration.slackAPIBaseURL,
        connections: Int = 2,
        reconnectBackoff: ReconnectBackoff = ReconnectBackoff(),
        helloTimeout: Duration = .seconds(10),
        closeTimeout: Duration = .seconds(5),
        replacedConnectionTimeout: Duration = .seconds(60),
        pingInterval: Duration? = .seconds(30),
        maxMessageSize: Int = 4 << 20,
        openRequestTimeout: Duration = .seconds(10)
    ) {
        self.appToken = appToken
        self.apiBaseURL = Self.normalisedBaseURL(apiBaseURL)
        self.connections = Self.clampedConnections(connections)
        self.reconnectBackoff = reconnectBackoff
        self.helloTimeout = helloTimeout
        self.closeTimeout = closeTimeout
        self.replacedConnectionTimeout = replacedConnectionTimeout
        self.pingInterval = pingInterval
        self.maxMessageSize = maxMessageSize
        self.openRequestTimeout = openRequestTimeout
    }

    static func normalisedBaseURL(_ url: String) -> String {
        let trimmed = String(url.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }

    static func clampedConnections(_ count: Int) -> Int {
        min(max(count, 1), maxConnections)
    }
}

extension SocketModeConfiguration: CustomStringConvertible {
    /// A description with the app token redacted.
    public var description: String {
        "SocketModeConfiguration(appToken: <redacted>, apiBaseURL: \(apiBaseURL), connections: \(connections), "
            + "reconnectBackoff: \(reconnectBackoff), helloTimeout: \(helloTimeout), closeTimeout: \(closeTimeout), "
            + "replacedConnectionTimeout: \(replacedConnectionTimeout), pingInterval: \(pingInterval.map { "\($0)" } ?? "off"), "
            + "maxMessageSize: \(maxMessageSize), openRequestTimeout: \(openRequestTimeout))"
    }
}

extension SocketModeConfiguration: CustomReflectable {
    /// A mirror without the app token, so `dump` and string interpolation never show it.
    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}
