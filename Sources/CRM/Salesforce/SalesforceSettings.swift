import Foundation

/// How partnerbot gets a Salesforce access token. Both are server-to-server OAuth 2.0 flows with
/// no user interaction and no refresh token: a new token is simply requested when needed.
///
/// The secrets (client secret, private key) never appear in `description`, `debugDescription`,
/// errors or logs.
public enum SalesforceAuth: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The client credentials flow: the connected app's (or external client app's) consumer key and
    /// secret; the token acts as the app's configured run-as user. Needs the org's My Domain URL
    /// (`https://<domain>.my.salesforce.com`) as ``SalesforceSettings/loginURL``.
    case clientCredentials(clientID: String, clientSecret: String)
    /// The JWT bearer flow: an RS256 assertion signed with the private key whose certificate was
    /// uploaded to the app, for the pre-authorized `username`.
    /// - Parameter privateKeyPEM: The RSA private key, PEM (PKCS#1 or PKCS#8).
    case jwtBearer(clientID: String, username: String, privateKeyPEM: String)

    /// The consumer key (not a secret).
    public var clientID: String {
        switch self {
        case .clientCredentials(let clientID, _), .jwtBearer(let clientID, _, _): clientID
        }
    }

    /// The grant, for messages: no secret.
    public var description: String {
        switch self {
        case .clientCredentials(let clientID, _): "client credentials (client id \(clientID), secret redacted)"
        case .jwtBearer(let clientID, let username, _): "JWT bearer (client id \(clientID), user \(username), private key redacted)"
        }
    }

    public var debugDescription: String { "SalesforceAuth." + description }

    /// What `dump` and debuggers show: the description only.
    public var customMirror: Mirror { Mirror(self, children: ["grant": description]) }

    /// The secret values, to scrub from any text that leaves the connector.
    var secrets: [String] {
        switch self {
        case .clientCredentials(_, let secret): [secret]
        case .jwtBearer(_, _, let pem): [pem]
        }
    }
}

/// Where and how partnerbot writes deals into Salesforce.
///
/// ```swift
/// let settings = SalesforceSettings(
///     loginURL: "https://acme.my.salesforce.com",
///     auth: .clientCredentials(clientID: key, clientSecret: secret))
/// ```
public struct SalesforceSettings: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The authorization server: `https://login.salesforce.com` (production),
    /// `https://test.salesforce.com` (sandbox) or the org's My Domain URL (required for the client
    /// credentials flow). Tokens come from `{loginURL}/services/oauth2/token`; for the JWT bearer
    /// flow it is also the assertion's audience (`aud`).
    public var loginURL: String
    /// The REST API version, `vXX.X`.
    public var apiVersion: String
    /// The sObject deals are upserted into (and open opportunities looked up in).
    public var object: String
    /// The custom external id field (Text, External ID, Unique) that holds the registration
    /// reference (`DR-12`).
    public var externalIDField: String
    /// The OAuth flow and its credentials.
    public var auth: SalesforceAuth
    /// How long a token is used before a new one is requested proactively. Salesforce sessions
    /// time out after the org's or app's session timeout (two hours by default) of inactivity; the
    /// default stays a margin below it. An `INVALID_SESSION_ID` answer also gets a new token.
    public var sessionLifetime: Duration
    /// The wait reported with `.rateLimited` when Salesforce refuses a call for its API limits
    /// (`REQUEST_LIMIT_EXCEEDED`, which carries no `Retry-After`).
    public var rateLimitRetryAfter: Duration

    /// The default API version (Winter '25).
    public static let defaultAPIVersion = "v62.0"
    /// The default session lifetime: two hours less five minutes.
    public static let defaultSessionLifetime: Duration = .seconds(2 * 3600 - 5 * 60)
    /// The default wait after `REQUEST_LIMIT_EXCEEDED` without `Retry-After`: one minute.
    public static let defaultRateLimitRetryAfter: Duration = .seconds(60)

    /// Creates settings.
    public init(
        loginURL: String = "https://login.salesforce.com",
        apiVersion: String = SalesforceSettings.defaultAPIVersion,
        object: String = "Opportunity",
        externalIDField: String = "Partnerbot_Registration_Id__c",
        auth: SalesforceAuth,
        sessionLifetime: Duration = SalesforceSettings.defaultSessionLifetime,
        rateLimitRetryAfter: Duration = SalesforceSettings.defaultRateLimitRetryAfter
    ) {
        self.loginURL = loginURL
        self.apiVersion = apiVersion
        self.object = object
        self.externalIDField = externalIDField
        self.auth = auth
        self.sessionLifetime = sessionLifetime
        self.rateLimitRetryAfter = rateLimitRetryAfter
    }

    /// The settings, for messages: no secret.
    public var description: String {
        "Salesforce \(loginURL) \(apiVersion) \(object).\(externalIDField), \(auth)"
    }

    public var debugDescription: String { "SalesforceSettings(" + description + ")" }

    /// What `dump` and debuggers show: no secret.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "loginURL": loginURL, "apiVersion": apiVersion, "object": object, "externalIDField": externalIDField,
            "auth": auth.description, "sessionLifetime": sessionLifetime, "rateLimitRetryAfter": rateLimitRetryAfter,
        ])
    }
}
