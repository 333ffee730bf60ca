import Foundation

/// A `message` event (`message.channels`, `message.groups`): what threads-as-conversation needs.
public struct MessageEvent: Sendable, Equatable {
    /// The channel.
    public var channel: String
    /// The author, absent on some bot and system messages.
    public var user: String?
    /// The text.
    public var text: String
    /// The message's ts.
    public var ts: String
    /// The thread's parent ts, for a reply in a thread.
    public var threadTS: String?
    /// Set on edits, deletions, bot messages, joins… (plain user messages have none).
    public var subtype: String?
    /// Set when a bot or app posted it.
    public var botID: String?
    /// The author's own workspace (`user_team`, in shared channels).
    public var userTeam: String?
    /// The workspace the message came from (`source_team`).
    public var sourceTeam: String?

    /// Creates a message event.
    public init(
        channel: String, user: String?, text: String, ts: String, threadTS: String? = nil, subtype: String? = nil, botID: String? = nil,
        userTeam: String? = nil, sourceTeam: String? = nil
    ) {
        self.channel = channel
        self.user = user
        self.text = text
        self.ts = ts
        self.threadTS = threadTS
        self.subtype = subtype
        self.botID = botID
        self.userTeam = userTeam
        self.sourceTeam = sourceTeam
    }

    /// Whether a person wrote it (not an edit, a deletion, a join or a bot).
    public var isFromPerson: Bool { subtype == nil && botID == nil && user != nil }
}

/// `channel_shared` / `channel_unshared`: a workspace joined or left a channel.
public struct ChannelSharing: Sendable, Equatable {
    /// The channel.
    public var channel: String
    /// The workspace (or Enterprise Grid organisation) that joined (`connected_team_id`) or left
    /// (`previously_connected_team_id`).
    public var team: String
    /// Whether it joined.
    public var joined: Bool

    /// Creates a sharing change.
    public init(channel: String, team: String, joined: Bool) {
        self.channel = channel
        self.team = team
        self.joined = joined
    }
}

/// The parts of an `event_callback` body that only some event types carry.
struct EventDetails {
    var message: MessageEvent?
    var sharing: ChannelSharing?

    /// Reads them from the body; absent or malformed parts stay `nil` (the event is still acknowledged).
    init(json: some Collection<UInt8>) {
        guard let raw = try? JSONDecoder().decode(Raw.self, from: Data(json)) else { return }
        guard let event = raw.event else { return }
        switch event.type {
        case "message":
            guard let channel = event.channel, let ts = event.ts else { return }
            message = MessageEvent(
                channel: channel, user: event.user, text: event.text ?? "", ts: ts, threadTS: event.threadTS, subtype: event.subtype,
                botID: event.botID, userTeam: event.userTeam, sourceTeam: event.sourceTeam)
        case "channel_shared":
            guard let channel = event.channel, let team = event.connectedTeamID else { return }
            sharing = ChannelSharing(channel: channel, team: team, joined: true)
        case "channel_unshared":
            guard let channel = event.channel, let team = event.previouslyConnectedTeamID else { return }
            sharing = ChannelSharing(channel: channel, team: team, joined: false)
        default:
            break
        }
    }

    private struct Raw: Decodable {
        var event: Event?

        struct Event: Decodable {
            var type: String
            var channel: String?
            var user: String?
            var text: String?
            var ts: String?
            var threadTS: String?
            var subtype: String?
            var botID: String?
            var userTeam: String?
            var sourceTeam: String?
            var connectedTeamID: String?
            var previouslyConnectedTeamID: String?

            enum CodingKeys: String, CodingKey {
                case type, channel, user, text, ts, subtype
                case threadTS = "thread_ts"
                case botID = "bot_id"
                case userTeam = "user_team"
                case sourceTeam = "source_team"
                case connectedTeamID = "connected_team_id"
                case previouslyConnectedTeamID = "previously_connected_team_id"
            }
        }
    }
}
