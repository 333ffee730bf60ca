/// The app's client secret (Basic Information → App Credentials): authenticates `oauth.v2.access`
/// and keys the signature of the OAuth `state`.
///
/// Its `description` is redacted so it can never reach a log line, an error or a page by accident.
public struct ClientSecret: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// The secret as configured.
    public let text: String

    /// Creates a secret from its configured text.
    /// - Returns: `nil` when the text is empty or only whitespace: that is no secret.
    public init?(_ text: String) {
        guard !text.allSatisfy({ $0.isWhitespace }) else { return nil }
        self.text = text
    }

    /// A key for signing values with HMAC-SHA256, derived from the secret for one `purpose`, so
    /// the secret itself never signs anything a browser carries.
    /// - Parameter purpose: Names what the key signs, e.g. `partnerbot oauth state v1`.
    public func derivedKey(purpose: String) -> HMACSHA256.Key {
        HMACSHA256.Key(HMACSHA256.authenticationCode(key: Array(text.utf8), message: Array(purpose.utf8)))
    }

    public var description: String { "ClientSecret(redacted)" }

    /// A mirror without the secret.
    public var customMirror: Mirror { Mirror(self, children: ["description": description], displayStyle: .struct) }

    public static func == (lhs: ClientSecret, rhs: ClientSecret) -> Bool {
        HMACSHA256.constantTimeEquals(Array(lhs.text.utf8), Array(rhs.text.utf8))
    }
}

/// The app's OAuth client credentials: its client id and secret.
public struct OAuthClientCredentials: Sendable, Equatable {
    /// The client id (public: it appears in the authorize URL).
    public var clientID: String
    /// The client secret.
    public var clientSecret: ClientSecret

    /// Creates credentials.
    public init(clientID: String, clientSecret: ClientSecret) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    /// HTTP Basic authentication with these credentials (how `oauth.v2.access` is called).
    public var authorization: WebAPIAuthorization {
        .clientCredentials(clientID: clientID, clientSecret: clientSecret.text)
    }
}
