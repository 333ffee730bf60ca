/// One Slack Web API call: the method name and its JSON body.
///
/// The body is sent as-is with `Content-Type: application/json; charset=utf-8`; the token is
/// added by the client as an `Authorization` header and never belongs in the body.
///
/// ```swift
/// let request = WebAPIRequest(method: "chat.postMessage", body: Array(#"{"channel":"C1","text":"hi"}"#.utf8))
/// ```
public struct WebAPIRequest: Sendable, Equatable {
    /// The Web API method name, for example `chat.postMessage`.
    public var method: String
    /// The JSON body bytes.
    public var body: [UInt8]

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The Web API method name, for example `chat.postMessage`.
    ///   - body: The JSON body bytes.
    public init(method: String, body: [UInt8]) {
        self.method = method
        self.body = body
    }
}
