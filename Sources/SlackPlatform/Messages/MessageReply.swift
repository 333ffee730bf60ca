/// A message the bot answers with: an immediate HTTP reply, a `response_url` post, or a posted message.
public struct MessageReply: Sendable, Equatable {
    /// Who sees a reply to a slash command.
    public enum Visibility: String, Sendable {
        /// Only the user who ran the command.
        case ephemeral
        /// Everyone in the channel.
        case inChannel = "in_channel"
    }

    /// The text, and the notification fallback when blocks are present (kept ≤ 4,000 chars).
    public var text: String
    /// Optional Block Kit layout.
    public var blocks: [Block]
    /// Who sees it.
    public var visibility: Visibility
    /// For `response_url` posts: replace the message the click came from.
    public var replaceOriginal: Bool?

    /// Creates a reply.
    public init(text: String, blocks: [Block] = [], visibility: Visibility = .ephemeral, replaceOriginal: Bool? = nil) {
        self.text = text
        self.blocks = blocks
        self.visibility = visibility
        self.replaceOriginal = replaceOriginal
    }

    /// An ephemeral plain-text reply.
    public static func ephemeral(_ text: String) -> MessageReply {
        MessageReply(text: text)
    }

    /// The JSON body of the reply (`text`, `blocks`, `response_type`).
    public var json: [UInt8] {
        var output = JSONOutput()
        output.object { json in
            json.member("text", MessageReply.fallback(text))
            if !blocks.isEmpty { json.member("blocks", blocks) }
            json.member("response_type", visibility.rawValue)
            if let replaceOriginal { json.member("replace_original", replaceOriginal) }
        }
        return output.bytes
    }

    /// Truncates text to Slack's 4,000-character fallback limit.
    public static func fallback(_ text: String) -> String {
        text.utf8.count <= 4000 || text.count <= 4000 ? text : String(text.prefix(3999)) + "…"
    }
}
