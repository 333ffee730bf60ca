import SlackPlatform

/// What the OAuth install flow needs, derived from the configuration (`BotConfiguration.oauth`).
public struct OAuthInstallSettings: Sendable, Equatable {
    /// The path Slack redirects to after an install, under the public URL.
    public static let redirectPath = "/slack/oauth_redirect"

    /// The app's client id and secret.
    public var credentials: OAuthClientCredentials
    /// Bot scopes an install asks for.
    public var scopes: [String]
    /// Slack's authorize page.
    public var authorizeURL: String
    /// `<public_url>/slack/oauth_redirect`, named in the authorize URL and in the code exchange.
    public var redirectURI: String

    /// Creates settings.
    public init(credentials: OAuthClientCredentials, scopes: [String], authorizeURL: String, redirectURI: String) {
        self.credentials = credentials
        self.scopes = scopes
        self.authorizeURL = authorizeURL
        self.redirectURI = redirectURI
    }
}
