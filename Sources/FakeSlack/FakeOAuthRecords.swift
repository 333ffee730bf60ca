/// What the fake's `oauth.v2.access` answers for a known install `code`: one installation.
public struct FakeOAuthInstall: Sendable, Equatable {
    /// The workspace (`nil` for an organisation-wide install).
    public var teamID: String?
    /// The workspace's name.
    public var teamName: String?
    /// The Enterprise Grid organisation, when any.
    public var enterpriseID: String?
    /// The organisation's name.
    public var enterpriseName: String?
    /// Whether the install is organisation-wide.
    public var isEnterpriseInstall: Bool
    /// The bot token the exchange grants.
    public var accessToken: String
    /// The bot user.
    public var botUserID: String
    /// Who installed.
    public var installerUserID: String
    /// The granted scopes.
    public var scope: String
    /// The app.
    public var appID: String
    /// With token rotation: seconds until the token expires (a refresh token comes with it).
    public var expiresIn: Int?

    /// Creates an answer.
    public init(
        teamID: String?, teamName: String? = nil, enterpriseID: String? = nil, enterpriseName: String? = nil, isEnterpriseInstall: Bool = false,
        accessToken: String, botUserID: String = "U0BOT", installerUserID: String = "U0INSTALLER",
        scope: String = "commands,chat:write,chat:write.public,im:write,users:read", appID: String = "A0PARTNERBOT", expiresIn: Int? = nil
    ) {
        self.teamID = teamID
        self.teamName = teamName
        self.enterpriseID = enterpriseID
        self.enterpriseName = enterpriseName
        self.isEnterpriseInstall = isEnterpriseInstall
        self.accessToken = accessToken
        self.botUserID = botUserID
        self.installerUserID = installerUserID
        self.scope = scope
        self.appID = appID
        self.expiresIn = expiresIn
    }
}

/// The fake's OAuth app: its credentials, the codes it knows, the tokens it issued.
struct FakeOAuthState {
    /// Seconds a refreshed token lives (Slack: 12 hours).
    static let refreshedLifetime = 43_200
    var clientID: String?
    var clientSecret: String?
    var codes: [String: FakeOAuthInstall] = [:]
    /// Live refresh tokens → the install they refresh (a refresh token is single-use).
    var refreshTokens: [String: FakeOAuthInstall] = [:]
    /// Tokens the fake issued (valid for calls when unknown tokens are refused).
    var issuedTokens: Set<String> = []
    var exchanges = 0
    var refreshes = 0
    var failingRefreshes = 0
    var refreshDelay: Duration = .zero
    var counter = 0
}
