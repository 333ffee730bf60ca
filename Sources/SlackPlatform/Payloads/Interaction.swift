import Foundation

/// An interactivity payload (SLACK.md §3), decoded from the `payload` form field.
public enum Interaction: Sendable, Equatable {
    /// A button (or other element) was clicked.
    case blockActions(BlockActions)
    /// A modal was submitted.
    case viewSubmission(ViewSubmission)
    /// A global or message shortcut was invoked.
    case shortcut(Shortcut)
    /// A payload type this app does not handle (acknowledged and logged).
    case unsupported(type: String)

    /// Decodes the JSON held in a request's `payload` form field.
    /// - Throws: `PayloadError` when the JSON is missing, malformed or lacks a signed identity.
    public init(payloadJSON: String) throws(PayloadError) {
        let data = Data(payloadJSON.utf8)
        let decoder = JSONDecoder()
        let envelope: Envelope
        do {
            envelope = try decoder.decode(Envelope.self, from: data)
        } catch {
            throw .invalidJSON("not an interaction payload")
        }
        switch envelope.type {
        case "block_actions":
            do { self = .blockActions(try decoder.decode(BlockActions.self, from: data)) } catch {
                throw .invalidJSON("block_actions without user, team or actions")
            }
        case "view_submission":
            do { self = .viewSubmission(try decoder.decode(ViewSubmission.self, from: data)) } catch {
                throw .invalidJSON("view_submission without user or view")
            }
        case "shortcut", "message_action":
            do { self = .shortcut(try decoder.decode(Shortcut.self, from: data)) } catch {
                throw .invalidJSON("\(envelope.type) without callback_id or user")
            }
        default:
            self = .unsupported(type: envelope.type)
        }
    }

    private struct Envelope: Decodable {
        var type: String
    }
}

/// Who clicked or submitted: only signed fields.
public struct InteractionUser: Sendable, Equatable, Codable {
    /// The user id.
    public var id: String
    /// The user's own workspace (their team, even in a shared channel).
    public var teamID: String?
    /// The user's Enterprise Grid organisation, when any.
    public var enterpriseID: String?

    /// Creates a user reference.
    public init(id: String, teamID: String?, enterpriseID: String? = nil) {
        self.id = id
        self.teamID = teamID
        self.enterpriseID = enterpriseID
    }

    enum CodingKeys: String, CodingKey {
        case id
        case teamID = "team_id"
        case enterpriseID = "enterprise_id"
    }
}

/// A workspace reference.
public struct TeamReference: Sendable, Equatable, Codable {
    /// The team id.
    public var id: String

    /// Creates a reference.
    public init(id: String) { self.id = id }
}

/// A channel reference.
public struct ChannelReference: Sendable, Equatable, Codable {
    /// The channel id.
    public var id: String

    /// Creates a reference.
    public init(id: String) { self.id = id }
}

/// A `block_actions` payload.
public struct BlockActions: Sendable, Equatable, Codable {
    /// The clicking user.
    public var user: InteractionUser
    /// The workspace the app is installed in for this interaction.
    public var team: TeamReference?
    /// The Enterprise Grid organisation of the interaction, when any.
    public var enterprise: EnterpriseReference?
    /// Where the clicked message lives.
    public var container: Container?
    /// The channel of the message, when the click was on a message.
    public var channel: ChannelReference?
    /// The clicked message (its `ts`), when present.
    public var message: MessageReference?
    /// Where replies go.
    public var responseURL: String?
    /// Opens a modal within 3 s.
    public var triggerID: String?
    /// The actions taken (usually one).
    public var actions: [Action]
    /// Whether the interaction came through an organisation-wide (Enterprise Grid) installation.
    public var isEnterpriseInstall: Bool

    /// The clicking user's team: `user.team_id`, falling back to `team.id`.
    public var actingTeamID: String? { user.teamID ?? team?.id }

    /// Creates a payload value.
    public init(
        user: InteractionUser, team: TeamReference? = nil, enterprise: EnterpriseReference? = nil, container: Container? = nil,
        channel: ChannelReference? = nil, message: MessageReference? = nil, responseURL: String? = nil,
        triggerID: String? = nil, actions: [Action], isEnterpriseInstall: Bool = false
    ) {
        self.user = user
        self.team = team
        self.enterprise = enterprise
        self.container = container
        self.channel = channel
        self.message = message
        self.responseURL = responseURL
        self.triggerID = triggerID
        self.actions = actions
        self.isEnterpriseInstall = isEnterpriseInstall
    }

    /// One clicked element.
    public struct Action: Sendable, Equatable, Codable {
        /// The element's `action_id`.
        public var actionID: String
        /// The block it sits in.
        public var blockID: String?
        /// The button's value (or the selected option's value).
        public var value: String?
        /// The element type, e.g. `button`.
        public var type: String?

        /// Creates an action.
        public init(actionID: String, blockID: String? = nil, value: String?, type: String? = "button") {
            self.actionID = actionID
            self.blockID = blockID
            self.value = value
            self.type = type
        }

        enum CodingKeys: String, CodingKey {
            case actionID = "action_id"
            case blockID = "block_id"
            case value
            case type
            case selectedOption = "selected_option"
        }

        struct Option: Codable {
            var value: String
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            actionID = try container.decode(String.self, forKey: .actionID)
            blockID = try container.decodeIfPresent(String.self, forKey: .blockID)
            type = try container.decodeIfPresent(String.self, forKey: .type)
            value =
                try container.decodeIfPresent(String.self, forKey: .value)
                ?? container.decodeIfPresent(Option.self, forKey: .selectedOption)?.value
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(actionID, forKey: .actionID)
            try container.encodeIfPresent(blockID, forKey: .blockID)
            try container.encodeIfPresent(value, forKey: .value)
            try container.encodeIfPresent(type, forKey: .type)
        }
    }

    /// Where the clicked element is.
    public struct Container: Sendable, Equatable, Codable {
        /// `message` or `view`.
        public var type: String?
        /// The message's ts.
        public var messageTS: String?
        /// The message's channel.
        public var channelID: String?
        /// Whether the message was ephemeral.
        public var isEphemeral: Bool?

        /// Creates a container.
        public init(type: String? = "message", messageTS: String?, channelID: String?, isEphemeral: Bool? = false) {
            self.type = type
            self.messageTS = messageTS
            self.channelID = channelID
            self.isEphemeral = isEphemeral
        }

        enum CodingKeys: String, CodingKey {
            case type
            case messageTS = "message_ts"
            case channelID = "channel_id"
            case isEphemeral = "is_ephemeral"
        }
    }

    /// A message reference.
    public struct MessageReference: Sendable, Equatable, Codable {
        /// The message ts.
        public var ts: String

        /// Creates a reference.
        public init(ts: String) { self.ts = ts }
    }

    enum CodingKeys: String, CodingKey {
        case type, user, team, enterprise, container, channel, message, actions
        case responseURL = "response_url"
        case triggerID = "trigger_id"
        case isEnterpriseInstall = "is_enterprise_install"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        user = try container.decode(InteractionUser.self, forKey: .user)
        team = try container.decodeIfPresent(TeamReference.self, forKey: .team)
        enterprise = try? container.decodeIfPresent(EnterpriseReference.self, forKey: .enterprise)
        self.container = try container.decodeIfPresent(Container.self, forKey: .container)
        channel = try container.decodeIfPresent(ChannelReference.self, forKey: .channel)
        message = try container.decodeIfPresent(MessageReference.self, forKey: .message)
        responseURL = try container.decodeIfPresent(String.self, forKey: .responseURL)
        triggerID = try container.decodeIfPresent(String.self, forKey: .triggerID)
        actions = try container.decode([Action].self, forKey: .actions)
        isEnterpriseInstall = (try? container.decodeIfPresent(Bool.self, forKey: .isEnterpriseInstall)) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("block_actions", forKey: .type)
        try container.encode(user, forKey: .user)
        try container.encodeIfPresent(team, forKey: .team)
        try container.encodeIfPresent(enterprise, forKey: .enterprise)
        try container.encodeIfPresent(self.container, forKey: .container)
        try container.encodeIfPresent(channel, forKey: .channel)
        try container.encodeIfPresent(message, forKey: .message)
        try container.encodeIfPresent(responseURL, forKey: .responseURL)
        try container.encodeIfPresent(triggerID, forKey: .triggerID)
        try container.encode(actions, forKey: .actions)
        if isEnterpriseInstall { try container.encode(true, forKey: .isEnterpriseInstall) }
    }
}
