import Foundation

/// The answer of `oauth.v2.access`: an installation's bot token and who it belongs to.
///
/// ```json
/// {"ok": true, "access_token": "xoxb-…", "token_type": "bot", "scope": "commands,chat:write",
///  "bot_user_id": "U0BOT", "app_id": "A0APP", "team": {"id": "T1", "name": "Acme"},
///  "enterprise": null, "is_enterprise_install": false, "authed_user": {"id": "U1"},
///  "refresh_token": "xoxe-1-…", "expires_in": 43200}
/// ```
///
/// `team` is null for an organisation-wide (Enterprise Grid) install; `refresh_token` and
/// `expires_in` come only with token rotation. Its description never shows a token.
public struct OAuthV2Grant: Sendable, Equatable {
    /// A workspace or an Enterprise Grid organisation: id and display name.
    public struct Organisation: Sendable, Equatable {
        /// `T…` or `E…`.
        public var id: String
        /// The display name, when Slack gave one.
        public var name: String?

        /// Creates a reference.
        public init(id: String, name: String? = nil) {
            self.id = id
            self.name = name
        }
    }

    /// The bot token (`xoxb-…`, or `xoxe.xoxb-…` with token rotation).
    public var accessToken: String
    /// `bot`.
    public var tokenType: String?
    /// The granted scopes, comma-separated as Slack sends them.
    public var scope: String
    /// The bot user's id.
    public var botUserID: String?
    /// The app's id.
    public var appID: String?
    /// The workspace (absent for an organisation-wide install).
    public var team: Organisation?
    /// The Enterprise Grid organisation, when any.
    public var enterprise: Organisation?
    /// Whether the app was installed for the whole Enterprise Grid organisation.
    public var isEnterpriseInstall: Bool
    /// Who installed it.
    public var authedUserID: String?
    /// With token rotation: the token that gets the next access token.
    public var refreshToken: String?
    /// With token rotation: seconds until `accessToken` expires.
    public var expiresIn: Int?

    /// Creates a grant.
    public init(
        accessToken: String, tokenType: String? = "bot", scope: String, botUserID: String? = nil, appID: String? = nil,
        team: Organisation?, enterprise: Organisation? = nil, isEnterpriseInstall: Bool = false, authedUserID: String? = nil,
        refreshToken: String? = nil, expiresIn: Int? = nil
    ) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.scope = scope
        self.botUserID = botUserID
        self.appID = appID
        self.team = team
        self.enterprise = enterprise
        self.isEnterpriseInstall = isEnterpriseInstall
        self.authedUserID = authedUserID
        self.refreshToken = refreshToken
        self.expiresIn = expiresIn
    }

    /// Reads a successful `oauth.v2.access` answer.
    /// - Parameters:
    ///   - response: The answer.
    ///   - requiringWorkspace: Whether the workspace (or organisation, for an organisation-wide
    ///     install) must be named: always for an install; a refresh answer is read without.
    /// - Throws: ``WebAPIFailure/invalidResponse(_:)`` without an `access_token`, or without the
    ///   workspace it was granted for when `requiringWorkspace`.
    public init(_ response: WebAPIResponse, requiringWorkspace: Bool = true) throws(WebAPIFailure) {
        guard let fields = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] else {
            throw .invalidResponse("oauth.v2.access answer is not a JSON object")
        }
        guard let token = fields["access_token"] as? String, !token.isEmpty else {
            throw .invalidResponse("oauth.v2.access answer without access_token")
        }
        let team = Self.organisation(fields["team"])
        let enterprise = Self.organisation(fields["enterprise"])
        let isEnterpriseInstall = fields["is_enterprise_install"] as? Bool ?? false
        guard !requiringWorkspace || (isEnterpriseInstall ? enterprise != nil : team != nil) else {
            throw .invalidResponse("oauth.v2.access answer without the team it was installed in")
        }
        self.init(
            accessToken: token, tokenType: fields["token_type"] as? String, scope: fields["scope"] as? String ?? "",
            botUserID: fields["bot_user_id"] as? String, appID: fields["app_id"] as? String, team: team, enterprise: enterprise,
            isEnterpriseInstall: isEnterpriseInstall, authedUserID: (fields["authed_user"] as? [String: Any])?["id"] as? String,
            refreshToken: (fields["refresh_token"] as? String).flatMap { $0.isEmpty ? nil : $0 },
            expiresIn: (fields["expires_in"] as? NSNumber)?.intValue)
    }

    private static func organisation(_ value: Any?) -> Organisation? {
        guard let object = value as? [String: Any], let id = object["id"] as? String, !id.isEmpty else { return nil }
        return Organisation(id: id, name: object["name"] as? String)
    }
}

extension OAuthV2Grant: CustomStringConvertible, CustomReflectable {
    /// Who the grant is for, never its tokens.
    public var description: String {
        "OAuthV2Grant(team: \(team?.id ?? "-"), enterprise: \(enterprise?.id ?? "-"), enterpriseInstall: \(isEnterpriseInstall), "
            + "bot: \(botUserID ?? "-"), scope: \(scope), rotating: \(refreshToken != nil), tokens: <redacted>)"
    }

    /// A mirror without the tokens.
    public var customMirror: Mirror { Mirror(self, children: ["description": description], displayStyle: .struct) }
}
