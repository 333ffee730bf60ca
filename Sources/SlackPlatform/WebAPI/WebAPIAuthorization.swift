/// How one Web API call authenticates: with the client's configured bot token, with another
/// token (a workspace installation's), with the app's client credentials (`oauth.v2.access`), or
/// not at all.
///
/// Its description never shows a token or a secret, so a request can be printed (test failures,
/// `dump`) without leaking one.
///
/// ```swift
/// let request = WebAPIRequest(method: "chat.postMessage", body: body, authorization: .token(installation.botToken))
/// ```
public enum WebAPIAuthorization: Sendable, Equatable {
    /// `Authorization: Bearer <the client's configured token>` (the default).
    case configuredToken
    /// `Authorization: Bearer <token>`: this call uses another token than the client's own.
    case token(String)
    /// `Authorization: Basic base64(client_id:client_secret)`, as Slack recommends for `oauth.v2.access`.
    case clientCredentials(clientID: String, clientSecret: String)
    /// No `Authorization` header.
    case none

    /// The token this call uses instead of the client's, if any.
    public var tokenOverride: String? {
        if case .token(let token) = self { return token }
        return nil
    }
}

extension WebAPIAuthorization: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The kind of authorization, never the token or the secret.
    public var description: String {
        switch self {
        case .configuredToken: "configuredToken"
        case .token: "token(<redacted>)"
        case .clientCredentials(let clientID, _): "clientCredentials(\(clientID), <redacted>)"
        case .none: "none"
        }
    }

    /// The same redacted text as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the token or the secret.
    public var customMirror: Mirror { Mirror(self, children: ["description": description], displayStyle: .enum) }
}
