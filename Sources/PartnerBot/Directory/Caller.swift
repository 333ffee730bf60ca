/// Who is acting, resolved only from signed fields (`team_id`, `user_id`, `user.team_id`).
public struct Caller: Sendable, Equatable {
    /// The user id.
    public var userID: String
    /// The user's workspace.
    public var teamID: String
    /// In `roles.managers`: may decide every registration.
    public var isProgramManager: Bool
    /// Organisations whose owning manager this user is.
    public var managedOrgs: Set<String>
    /// In `roles.marketing`.
    public var isMarketing: Bool
    /// The partner organisation the user belongs to, if any.
    public var partnerOrg: String?
    /// Whether the user is listed in the member table (else known through their workspace).
    public var isMemberRecorded = true

    /// Whether the user is a manager of any kind.
    public var isManager: Bool { isProgramManager || !managedOrgs.isEmpty }

    /// Whether the user may decide deals of `org`.
    public func canManage(org: String) -> Bool { isProgramManager || managedOrgs.contains(org) }

    /// Whether the user is known to the program at all.
    public var isEnrolled: Bool { isManager || isMarketing || partnerOrg != nil }

    /// A mention of the user for messages.
    /// A program-manager identity for work done outside chat (a CLI run, a connector), named in audits.
    public static func system(_ name: String) -> Caller {
        Caller(userID: name, teamID: "", isProgramManager: true, managedOrgs: [], isMarketing: false, partnerOrg: nil)
    }

    public var mention: String { "<@\(userID)>" }
}
