import Foundation

/// An Events API request body (SLACK.md §4).
public enum EventEnvelope: Sendable, Equatable {
    /// The endpoint check: answer with the challenge.
    case urlVerification(challenge: String)
    /// A delivered event.
    case callback(EventCallback)
    /// Any other envelope type (acknowledged and ignored).
    case unsupported(type: String)

    /// Decodes an Events API JSON body.
    /// - Throws: `PayloadError.invalidJSON` when the body is not a known envelope.
    public init(json: some Collection<UInt8>) throws(PayloadError) {
        let raw: Raw
        do {
            raw = try JSONDecoder().decode(Raw.self, from: Data(json))
        } catch {
            throw .invalidJSON("not an Events API envelope")
        }
        switch raw.type {
        case "url_verification":
            guard let challenge = raw.challenge else { throw .invalidJSON("url_verification without challenge") }
            self = .urlVerification(challenge: challenge)
        case "event_callback":
            guard let eventID = raw.eventID, !eventID.isEmpty, let event = raw.event else {
                throw .invalidJSON("event_callback without event_id or event")
            }
            var callback = EventCallback(
                eventID: eventID, teamID: raw.teamID, eventTime: raw.eventTime, type: event.type,
                user: event.user, channel: event.channel, previousChannel: event.oldChannelID,
                newChannel: event.newChannelID, tab: event.tab)
            callback.enterpriseID = raw.enterpriseID
            callback.authorization = raw.authorizations?.first.map {
                EventAuthorization(teamID: $0.teamID, enterpriseID: $0.enterpriseID, isEnterpriseInstall: $0.isEnterpriseInstall ?? false)
            }
            callback.revokedTokens = event.tokens.map { RevokedTokens(oauth: $0.oauth ?? [], bot: $0.bot ?? []) }
            let details = EventDetails(json: json)
            (callback.message, callback.sharing) = (details.message, details.sharing)
            self = .callback(callback)
        default:
            self = .unsupported(type: raw.type)
        }
    }

    private struct Raw: Decodable {
        var type: String
        var challenge: String?
        var eventID: String?
        var teamID: String?
        var enterpriseID: String?
        var eventTime: Int64?
        var event: Event?
        var authorizations: [Authorization]?

        struct Authorization: Decodable {
            var teamID: String?
            var enterpriseID: String?
            var isEnterpriseInstall: Bool?

            enum CodingKeys: String, CodingKey {
                case teamID = "team_id"
                case enterpriseID = "enterprise_id"
                case isEnterpriseInstall = "is_enterprise_install"
            }
        }

        struct Event: Decodable {
            var type: String
            var user: String?
            var channel: String?
            var oldChannelID: String?
            var newChannelID: String?
            var tab: String?
            var tokens: Tokens?

            struct Tokens: Decodable {
                var oauth: [String]?
                var bot: [String]?
            }

            enum CodingKeys: String, CodingKey {
                case type, user, channel, tab, tokens
                case oldChannelID = "old_channel_id"
                case newChannelID = "new_channel_id"
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                type = try container.decode(String.self, forKey: .type)
                user = try? container.decodeIfPresent(String.self, forKey: .user)
                channel = try? container.decodeIfPresent(String.self, forKey: .channel)
                oldChannelID = try? container.decodeIfPresent(String.self, forKey: .oldChannelID)
                newChannelID = try? container.decodeIfPresent(String.self, forKey: .newChannelID)
                tab = try? container.decodeIfPresent(String.self, forKey: .tab)
                tokens = try? container.decodeIfPresent(Tokens.self, forKey: .tokens)
            }
        }

        enum CodingKeys: String, CodingKey {
            case type, challenge, event, authorizations
            case eventID = "event_id"
            case teamID = "team_id"
            case enterpriseID = "enterprise_id"
            case eventTime = "event_time"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decode(String.self, forKey: .type)
            challenge = try container.decodeIfPresent(String.self, forKey: .challenge)
            eventID = try container.decodeIfPresent(String.self, forKey: .eventID)
            teamID = try container.decodeIfPresent(String.self, forKey: .teamID)
            eventTime = try container.decodeIfPresent(Int64.self, forKey: .eventTime)
            event = try container.decodeIfPresent(Event.self, forKey: .event)
            // Optional context: an unexpected shape never loses the event.
            enterpriseID = try? container.decodeIfPresent(String.self, forKey: .enterpriseID)
            authorizations = try? container.decodeIfPresent([Authorization].self, forKey: .authorizations)
        }
    }
}

/// An `event_callback` delivery.
public struct EventCallback: Sendable, Equatable {
    /// Globally unique id: the deduplication key.
    public var eventID: String
    /// The workspace.
    public var teamID: String?
    /// When the event happened (Unix seconds).
    public var eventTime: Int64?
    /// The inner event type, e.g. `app_mention` or `channel_id_changed`.
    public var type: String
    /// The user, when the event has one.
    public var user: String?
    /// The channel, when the event has one.
    public var channel: String?
    /// For `channel_id_changed`: the old id.
    public var previousChannel: String?
    /// For `channel_id_changed`: the new id.
    public var newChannel: String?
    /// For `app_home_opened`: the tab opened (`home` or `messages`).
    public var tab: String?
    /// For `message`: the message.
    public var message: MessageEvent?
    /// For `channel_shared` / `channel_unshared`: who joined or left which channel.
    public var sharing: ChannelSharing?
    /// The Enterprise Grid organisation of the envelope, when any.
    public var enterpriseID: String?
    /// The installation that received the event (`authorizations[0]`), when the envelope names it.
    public var authorization: EventAuthorization?
    /// For `tokens_revoked`: whose tokens were revoked.
    public var revokedTokens: RevokedTokens?

    /// Creates an event value.
    public init(
        eventID: String, teamID: String?, eventTime: Int64?, type: String, user: String? = nil,
        channel: String? = nil, previousChannel: String? = nil, newChannel: String? = nil, tab: String? = nil
    ) {
        self.eventID = eventID
        self.teamID = teamID
        self.eventTime = eventTime
        self.type = type
        self.user = user
        self.channel = channel
        self.previousChannel = previousChannel
        self.newChannel = newChannel
        self.tab = tab
    }
}

/// The installation an event was delivered to (`authorizations[0]` of the envelope). In a shared
/// channel the envelope's `team_id` may be the channel's host; this names the receiving install.
public struct EventAuthorization: Sendable, Equatable {
    /// The workspace (absent for an organisation-wide install).
    public var teamID: String?
    /// The Enterprise Grid organisation, when any.
    public var enterpriseID: String?
    /// Whether the receiving installation is organisation-wide.
    public var isEnterpriseInstall: Bool

    /// Creates an authorization.
    public init(teamID: String?, enterpriseID: String? = nil, isEnterpriseInstall: Bool = false) {
        self.teamID = teamID
        self.enterpriseID = enterpriseID
        self.isEnterpriseInstall = isEnterpriseInstall
    }
}

/// The `tokens` of a `tokens_revoked` event: the user ids whose tokens were revoked (never the
/// tokens themselves), by kind.
public struct RevokedTokens: Sendable, Equatable {
    /// User tokens (`xoxp-…`), by user id.
    public var oauth: [String]
    /// Bot tokens (`xoxb-…`), by bot user id.
    public var bot: [String]

    /// Creates a value.
    public init(oauth: [String] = [], bot: [String] = []) {
        self.oauth = oauth
        self.bot = bot
    }
}
