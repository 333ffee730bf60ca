import Foundation

/// A shortcut someone invoked (SLACK.md §6b): a global one (`type: shortcut`, from search or
/// the composer) or a message shortcut (`type: message_action`, from a message's menu, with the
/// message, its channel and a `response_url`).
public struct Shortcut: Sendable, Equatable, Codable {
    /// Global or on a message.
    public enum Kind: String, Sendable, Equatable, Codable {
        case global = "shortcut"
        case message = "message_action"
    }

    /// The message a message shortcut was invoked on.
    public struct Message: Sendable, Equatable, Codable {
        /// Its ts.
        public var ts: String
        /// Its text (absent on some block-only messages).
        public var text: String?
        /// Its author (absent on bot messages).
        public var user: String?

        /// Creates a message reference.
        public init(ts: String, text: String?, user: String? = nil) {
            self.ts = ts
            self.text = text
            self.user = user
        }
    }

    /// Global or message.
    public var kind: Kind
    /// The shortcut's id, as declared in the manifest.
    public var callbackID: String
    /// Opens a modal within 3 s, once.
    public var triggerID: String?
    /// Who invoked it.
    public var user: InteractionUser
    /// The workspace it was invoked in (may be null for organisation-wide installs).
    public var team: TeamReference?
    /// The Enterprise Grid organisation, when any.
    public var enterprise: EnterpriseReference?
    /// Message shortcuts: where replies go.
    public var responseURL: String?
    /// Message shortcuts: the message's channel.
    public var channel: ChannelReference?
    /// Message shortcuts: the message.
    public var message: Message?
    /// Whether the app is installed organisation-wide (the installation is the enterprise's).
    public var isEnterpriseInstall: Bool

    /// Creates a shortcut value.
    public init(
        kind: Kind, callbackID: String, triggerID: String?, user: InteractionUser, team: TeamReference? = nil,
        enterprise: EnterpriseReference? = nil, responseURL: String? = nil, channel: ChannelReference? = nil, message: Message? = nil,
        isEnterpriseInstall: Bool = false
    ) {
        self.kind = kind
        self.callbackID = callbackID
        self.triggerID = triggerID
        self.user = user
        self.team = team
        self.enterprise = enterprise
        self.responseURL = responseURL
        self.channel = channel
        self.message = message
        self.isEnterpriseInstall = isEnterpriseInstall
    }

    /// Who invoked it: `user.team_id` (falling back to `team.id`) and the Enterprise Grid organisation.
    public var actingUser: ActingUser {
        ActingUser(userID: user.id, teamID: user.teamID ?? team?.id ?? "", enterpriseID: user.enterpriseID ?? enterprise?.id)
    }

    enum CodingKeys: String, CodingKey {
        case type, user, team, enterprise, channel, message
        case callbackID = "callback_id"
        case triggerID = "trigger_id"
        case responseURL = "response_url"
        case isEnterpriseInstall = "is_enterprise_install"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .type)
        callbackID = try container.decode(String.self, forKey: .callbackID)
        triggerID = try container.decodeIfPresent(String.self, forKey: .triggerID)
        user = try container.decode(InteractionUser.self, forKey: .user)
        team = try? container.decodeIfPresent(TeamReference.self, forKey: .team)
        enterprise = try? container.decodeIfPresent(EnterpriseReference.self, forKey: .enterprise)
        responseURL = try container.decodeIfPresent(String.self, forKey: .responseURL)
        channel = try? container.decodeIfPresent(ChannelReference.self, forKey: .channel)
        message = try? container.decodeIfPresent(Message.self, forKey: .message)
        isEnterpriseInstall = (try? container.decodeIfPresent(Bool.self, forKey: .isEnterpriseInstall)) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .type)
        try container.encode(callbackID, forKey: .callbackID)
        try container.encodeIfPresent(triggerID, forKey: .triggerID)
        try container.encode(user, forKey: .user)
        try container.encodeIfPresent(team, forKey: .team)
        try container.encodeIfPresent(enterprise, forKey: .enterprise)
        try container.encodeIfPresent(responseURL, forKey: .responseURL)
        try container.encodeIfPresent(channel, forKey: .channel)
        try container.encodeIfPresent(message, forKey: .message)
        if isEnterpriseInstall { try container.encode(true, forKey: .isEnterpriseInstall) }
    }
}
