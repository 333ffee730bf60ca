/// Who acts, taken only from signed fields: the user, their own workspace (`user.team_id` in an
/// interaction, which in a Slack Connect channel is the partner's workspace, not the channel's
/// host) and their Enterprise Grid organisation when there is one.
public struct ActingUser: Sendable, Equatable, Hashable {
    /// The user id.
    public var userID: String
    /// Their workspace.
    public var teamID: String
    /// Their Enterprise Grid organisation (`E…`), when any.
    public var enterpriseID: String?

    /// Creates an identity.
    public init(userID: String, teamID: String, enterpriseID: String? = nil) {
        self.userID = userID
        self.teamID = teamID
        self.enterpriseID = enterpriseID
    }
}

/// An enterprise reference (`enterprise: {id, name}` in interaction payloads).
public struct EnterpriseReference: Sendable, Equatable, Codable {
    /// The Enterprise Grid organisation id.
    public var id: String

    /// Creates a reference.
    public init(id: String) { self.id = id }
}

extension SlashCommand {
    /// Who ran the command (`user_id`, `team_id`, `enterprise_id`).
    public var actingUser: ActingUser { ActingUser(userID: userID, teamID: teamID, enterpriseID: enterpriseID) }
}

extension BlockActions {
    /// Who clicked: `user.team_id` (falling back to `team.id`), `user.enterprise_id` or `enterprise.id`.
    public var actingUser: ActingUser {
        ActingUser(userID: user.id, teamID: actingTeamID ?? "", enterpriseID: user.enterpriseID ?? enterprise?.id)
    }
}

extension ViewSubmission {
    /// Who submitted: `user.team_id` (falling back to `team.id`), `user.enterprise_id` or `enterprise.id`.
    public var actingUser: ActingUser {
        ActingUser(userID: user.id, teamID: actingTeamID ?? "", enterpriseID: user.enterpriseID ?? enterprise?.id)
    }
}
