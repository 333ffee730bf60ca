import Foundation
import SlackPlatform

/// A message the bot will send, enqueued in the outbox in the same transaction as the change that causes it.
public struct OutboundMessage: Sendable, Equatable {
    /// The Web API call to make.
    public enum Method: String, Sendable, CaseIterable {
        /// `chat.postMessage` to a channel, or to a user id (the app DM).
        case postMessage = "chat.postMessage"
        /// `chat.update` of a message sent earlier through the outbox.
        case update = "chat.update"
        /// `chat.postEphemeral` to one user in a channel.
        case postEphemeral = "chat.postEphemeral"
        /// `views.publish` (App Home).
        case publishView = "views.publish"
        /// A POST to an interaction's `response_url`.
        case responseURL = "response_url"
    }

    /// Unique key: enqueueing the same key twice is a no-op (e.g. `deal:7:approved:notify-partner`).
    public var dedupeKey: String
    /// The call.
    public var method: Method
    /// The channel or user the message goes to (pacing and ordering are per target).
    public var target: String
    /// The JSON body (without the `ts`/`thread_ts` resolved from `reference`).
    public var payload: [UInt8]
    /// The dedupe key of an earlier outbox message this one edits (`chat.update`) or threads under
    /// (`chat.postMessage`): its `ts` is filled in when this one is sent.
    public var reference: String?
    /// When set, the payload is rendered from this template when the message is sent
    /// (``MessageTemplate``); `payload` is then only a placeholder.
    public var template: MessageTemplate?
    /// The installation whose token sends it (a reply in a partner's own workspace); `nil` for
    /// the configured bot token.
    public var workspace: InstallationKey?

    /// Creates a message from a raw payload.
    public init(
        dedupeKey: String, method: Method, target: String, payload: [UInt8], reference: String? = nil, template: MessageTemplate? = nil,
        workspace: InstallationKey? = nil
    ) {
        self.dedupeKey = dedupeKey
        self.method = method
        self.target = target
        self.payload = payload
        self.reference = reference
        self.template = template
        self.workspace = workspace
    }

    /// The same message, sent with the token of the installation `workspace` (when one is
    /// stored for it; else with the configured bot token).
    public func sent(through workspace: InstallationKey?) -> OutboundMessage {
        var message = self
        message.workspace = workspace
        return message
    }

    /// A `chat.postMessage` rendered from `template` when it is sent.
    public static func post(_ template: MessageTemplate, to channel: String, dedupeKey: String) -> OutboundMessage {
        OutboundMessage(
            dedupeKey: dedupeKey, method: .postMessage, target: channel, payload: Self.encode(Body(channel: channel, text: "")),
            template: template)
    }

    /// A `chat.postMessage` to a channel or user.
    /// - Parameters:
    ///   - threadUnder: Dedupe key of an earlier outbox message to reply under in its thread.
    public static func post(
        _ reply: MessageReply, to channel: String, dedupeKey: String, threadUnder: String? = nil
    ) -> OutboundMessage {
        OutboundMessage(
            dedupeKey: dedupeKey, method: .postMessage, target: channel,
            payload: Self.encode(Body(channel: channel, text: MessageReply.fallback(reply.text), blocks: reply.blocks.isEmpty ? nil : reply.blocks)),
            reference: threadUnder)
    }

    /// A `chat.update` of the message an earlier outbox row (by dedupe key) posted.
    public static func update(_ reply: MessageReply, of original: String, channel: String, dedupeKey: String) -> OutboundMessage {
        OutboundMessage(
            dedupeKey: dedupeKey, method: .update, target: channel,
            payload: Self.encode(Body(channel: channel, text: MessageReply.fallback(reply.text), blocks: reply.blocks)),
            reference: original)
    }

    /// A `chat.update` of the message an earlier outbox row posted, rendered from `template` when sent.
    public static func update(_ template: MessageTemplate, of original: String, channel: String, dedupeKey: String) -> OutboundMessage {
        OutboundMessage(
            dedupeKey: dedupeKey, method: .update, target: channel, payload: Self.encode(Body(channel: channel, text: "")), reference: original,
            template: template)
    }

    /// A `chat.update` of a message whose `ts` is known (e.g. the message a button was clicked on).
    public static func update(_ reply: MessageReply, channel: String, ts: String, dedupeKey: String) -> OutboundMessage {
        OutboundMessage(
            dedupeKey: dedupeKey, method: .update, target: channel,
            payload: Self.encode(Body(channel: channel, text: MessageReply.fallback(reply.text), blocks: reply.blocks, ts: ts)))
    }

    /// A `chat.postEphemeral` to one user in a channel.
    public static func ephemeral(_ reply: MessageReply, to user: String, in channel: String, dedupeKey: String) -> OutboundMessage {
        OutboundMessage(
            dedupeKey: dedupeKey, method: .postEphemeral, target: channel,
            payload: Self.encode(Body(channel: channel, text: MessageReply.fallback(reply.text), blocks: reply.blocks.isEmpty ? nil : reply.blocks, user: user)))
    }

    /// A `views.publish` of a user's App Home tab.
    public static func publishHome(_ view: HomeView, user: String, dedupeKey: String) -> OutboundMessage {
        var output = JSONOutput()
        output.object { json in
            json.member("user_id", user)
            json.member("view", view)
        }
        return OutboundMessage(dedupeKey: dedupeKey, method: .publishView, target: user, payload: output.bytes)
    }

    /// A delayed reply through an interaction's `response_url`.
    public static func responseURL(_ reply: MessageReply, url: String, dedupeKey: String) -> OutboundMessage {
        OutboundMessage(dedupeKey: dedupeKey, method: .responseURL, target: url, payload: reply.json)
    }

    struct Body {
        var channel: String
        var text: String
        var blocks: [Block]?
        var ts: String?
        var user: String?
    }

    static func encode(_ body: Body) -> [UInt8] {
        var output = JSONOutput()
        output.object { json in
            json.member("channel", body.channel)
            json.member("text", body.text)
            if let blocks = body.blocks { json.member("blocks", blocks) }
            json.member("ts", body.ts)
            json.member("user", body.user)
        }
        return output.bytes
    }
}
