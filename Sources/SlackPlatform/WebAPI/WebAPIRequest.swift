/// One Slack Web API call: the method name and its body.
///
/// The body is sent as-is, by default with `Content-Type: application/json; charset=utf-8`; the
/// token is added by the client as an `Authorization` header and never belongs in the body. A
/// request may name another token than the client's own (``authorization``), e.g. the token of
/// the workspace installation a message belongs to.
///
/// ```swift
/// let request = WebAPIRequest(method: "chat.postMessage", body: Array(#"{"channel":"C1","text":"hi"}"#.utf8))
/// ```
public struct WebAPIRequest: Sendable, Equatable {
    /// The media type of JSON bodies, the default.
    public static let jsonContentType = "application/json; charset=utf-8"
    /// The media type of form bodies (`apps.connections.open` is called with an empty one).
    public static let formContentType = "application/x-www-form-urlencoded"

    /// The Web API method name, for example `chat.postMessage`.
    public var method: String
    /// The body bytes.
    public var body: [UInt8]
    /// The `Content-Type` sent with the body.
    public var contentType: String
    /// How the call authenticates (default: the client's configured token).
    public var authorization: WebAPIAuthorization

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The Web API method name, for example `chat.postMessage`.
    ///   - body: The body bytes (JSON unless `contentType` says otherwise).
    ///   - contentType: The body's media type (default ``jsonContentType``).
    ///   - authorization: How the call authenticates (default ``WebAPIAuthorization/configuredToken``).
    public init(
        method: String, body: [UInt8], contentType: String = WebAPIRequest.jsonContentType,
        authorization: WebAPIAuthorization = .configuredToken
    ) {
        self.method = method
        self.body = body
        self.contentType = contentType
        self.authorization = authorization
    }

    /// The same request sent with `token` instead of the client's configured one (`nil` keeps it).
    public func using(token: String?) -> WebAPIRequest {
        guard let token else { return self }
        var request = self
        request.authorization = .token(token)
        return request
    }
}
