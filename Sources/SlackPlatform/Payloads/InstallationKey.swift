/// Which installation of the app a request came through, and so whose bot token acts in its
/// context: a workspace's (`T…`), or an Enterprise Grid organisation's when the app is installed
/// organisation-wide (`E…`, `is_enterprise_install`).
///
/// Requests name it in signed fields: a slash command's `team_id` / `enterprise_id` /
/// `is_enterprise_install`, an interaction's `team.id` / `enterprise.id`, an event's
/// `authorizations[0]` (else its `team_id`).
///
/// ```swift
/// let key = InstallationKey(teamID: "T1", enterpriseID: "E1", isEnterpriseInstall: true)   // E1
/// ```
public struct InstallationKey: Hashable, Sendable, CustomStringConvertible {
    /// `T…` or `E…`.
    public let rawValue: String

    /// The installation of a workspace, or of its organisation when the install is organisation-wide.
    /// - Returns: `nil` when the id it needs is missing.
    public init?(teamID: String?, enterpriseID: String?, isEnterpriseInstall: Bool) {
        let id = isEnterpriseInstall ? enterpriseID : teamID
        guard let id, !id.isEmpty else { return nil }
        self.rawValue = id
    }

    /// A stored key.
    /// - Returns: `nil` for an empty text.
    public init?(rawValue: String) {
        guard !rawValue.isEmpty else { return nil }
        self.rawValue = rawValue
    }

    /// Whether this is an organisation-wide (Enterprise Grid) installation.
    public var isEnterprise: Bool { rawValue.hasPrefix("E") }

    public var description: String { rawValue }
}

extension SlashCommand {
    /// The installation the command came through.
    public var installation: InstallationKey? {
        InstallationKey(teamID: teamID, enterpriseID: enterpriseID, isEnterpriseInstall: isEnterpriseInstall)
    }
}

extension BlockActions {
    /// The installation the click came through (`team.id`, or `enterprise.id` for an organisation-wide install).
    public var installation: InstallationKey? {
        InstallationKey(teamID: team?.id, enterpriseID: enterprise?.id, isEnterpriseInstall: isEnterpriseInstall)
    }
}

extension ViewSubmission {
    /// The installation the submission came through (`team.id`, or `enterprise.id` for an organisation-wide install).
    public var installation: InstallationKey? {
        InstallationKey(teamID: team?.id, enterpriseID: enterprise?.id, isEnterpriseInstall: isEnterpriseInstall)
    }
}

extension Shortcut {
    /// The installation the shortcut came through (`team.id`, or `enterprise.id` for an organisation-wide install).
    public var installation: InstallationKey? {
        InstallationKey(teamID: team?.id, enterpriseID: enterprise?.id, isEnterpriseInstall: isEnterpriseInstall)
    }
}

extension EventCallback {
    /// The installation that received the event: `authorizations[0]`, else the envelope's
    /// `team_id` (`app_uninstalled` may come without authorizations).
    public var installation: InstallationKey? {
        if let authorization, let key = InstallationKey(
            teamID: authorization.teamID, enterpriseID: authorization.enterpriseID ?? enterpriseID,
            isEnterpriseInstall: authorization.isEnterpriseInstall)
        {
            return key
        }
        return InstallationKey(teamID: teamID, enterpriseID: enterpriseID, isEnterpriseInstall: false)
    }
}

extension Interaction {
    /// The installation the interaction came through, when its type names one.
    public var installation: InstallationKey? {
        switch self {
        case .blockActions(let actions): actions.installation
        case .viewSubmission(let submission): submission.installation
        case .shortcut(let shortcut): shortcut.installation
        case .unsupported: nil
        }
    }
}
