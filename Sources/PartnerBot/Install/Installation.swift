import Foundation
import GRDB
import SlackPlatform

/// One installation of the app (a row of `installation`): whose bot token it holds and whether
/// it still may be used. Its description never shows a token.
public struct Installation: Sendable, Equatable {
    /// `T…` for a workspace install, `E…` for an organisation-wide install.
    public var key: InstallationKey
    /// The workspace (absent for an organisation-wide install).
    public var teamID: String?
    /// The workspace's name.
    public var teamName: String?
    /// The Enterprise Grid organisation, when any.
    public var enterpriseID: String?
    /// The organisation's name.
    public var enterpriseName: String?
    /// Whether the app is installed for the whole organisation.
    public var isEnterpriseInstall: Bool
    /// The app's id.
    public var appID: String?
    /// The bot user's id (`tokens_revoked` names revoked bot tokens by it).
    public var botUserID: String?
    /// The bot token.
    public var botToken: String
    /// The granted scopes.
    public var scopes: [String]
    /// Who installed it.
    public var installerUserID: String?
    /// With token rotation: the token that gets the next access token.
    public var refreshToken: String?
    /// With token rotation: when `botToken` expires.
    public var tokenExpiresAt: Date?
    /// Failed refreshes since the last success.
    public var refreshFailures: Int
    /// No refresh is tried before this (after a failure).
    public var refreshRetryAt: Date?
    /// Why the last refresh failed.
    public var lastRefreshError: String?
    /// The first install.
    public var installedAt: Date
    /// The last install, refresh or revocation.
    public var updatedAt: Date
    /// When the app was uninstalled or its token revoked.
    public var revokedAt: Date?
    /// Why, in words for operators and dead-lettered messages.
    public var revokedReason: String?

    /// Whether its token may no longer be used.
    public var isRevoked: Bool { revokedAt != nil }

    /// The workspace's (or organisation's) name, else its id.
    public var displayName: String { (isEnterpriseInstall ? enterpriseName : teamName) ?? teamName ?? enterpriseName ?? key.rawValue }

    /// Reads a row of `installation`.
    init(row: SQLRow) {
        key = InstallationKey(rawValue: row["installation_key"]) ?? InstallationKey(rawValue: "?")!
        teamID = row["team_id"]
        teamName = row["team_name"]
        enterpriseID = row["enterprise_id"]
        enterpriseName = row["enterprise_name"]
        isEnterpriseInstall = row["is_enterprise_install"]
        appID = row["app_id"]
        botUserID = row["bot_user_id"]
        botToken = row["bot_token"]
        scopes = (row["scopes"] as String).split(separator: ",").map(String.init)
        installerUserID = row["installer_user_id"]
        refreshToken = row["refresh_token"]
        tokenExpiresAt = row["token_expires_at"]
        refreshFailures = row["refresh_failures"]
        refreshRetryAt = row["refresh_retry_at"]
        lastRefreshError = row["last_refresh_error"]
        installedAt = row["installed_at"]
        updatedAt = row["updated_at"]
        revokedAt = row["revoked_at"]
        revokedReason = row["revoked_reason"]
    }
}

extension Installation: CustomStringConvertible, CustomReflectable {
    /// Who the installation is for and its state, never its tokens.
    public var description: String {
        "Installation(\(key), team: \(teamID ?? "-"), enterprise: \(enterpriseID ?? "-"), bot: \(botUserID ?? "-"), "
            + "expires: \(tokenExpiresAt.map { "\($0)" } ?? "never"), revoked: \(revokedReason ?? "no"), tokens: <redacted>)"
    }

    /// A mirror without the tokens.
    public var customMirror: Mirror { Mirror(self, children: ["description": description], displayStyle: .struct) }
}

extension InstallationKey {
    /// What a revocation says, e.g. "the app was uninstalled from workspace T0PARTNER".
    func revocationReason(_ what: String) -> String {
        "\(what) \(isEnterprise ? "organisation" : "workspace") \(rawValue)"
    }
}
