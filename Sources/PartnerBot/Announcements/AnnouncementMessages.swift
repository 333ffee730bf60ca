import SlackPlatform

/// The messages announcements produce.
enum AnnouncementMessages {
    /// The Acknowledge button's action id.

    /// The announcement as posted, with the Acknowledge button, the Claim button of a SPIFF, and
    /// who has acknowledged so far.
    static func post(id: String, title: String, body: String, requiresAck: Bool, expires: String?, acknowledgedBy: [String], claimable: Bool = false) -> MessageReply {
        var blocks: [Block] = [.header(title), .section(text: body)]
        var buttons: [Button] = []
        if requiresAck { buttons.append(Button("Acknowledge", action: .announcementAcknowledge, value: id, style: .primary)) }
        if claimable { buttons.append(Button("Claim", action: .claimSpiff, value: id)) }
        if !buttons.isEmpty { blocks.append(.actions(buttons, blockID: "ann_ack_\(id)")) }
        var context: [String] = []
        if let expires { context.append("Open until \(expires)") }
        if !acknowledgedBy.isEmpty {
            let shown = acknowledgedBy.prefix(20).map { "<@\($0)>" }.joined(separator: ", ")
            context.append("✅ Acknowledged by \(shown)\(acknowledgedBy.count > 20 ? " and \(acknowledgedBy.count - 20) more" : "")")
        }
        if !context.isEmpty { blocks.append(.context([context.joined(separator: " · ")])) }
        return MessageReply(text: "📣 \(title)", blocks: blocks)
    }

    /// The reminder, threaded under the original.
    static func reminder(title: String) -> MessageReply {
        .init(text: "🔔 Reminder: please read and acknowledge *\(title)* (the Acknowledge button is on the message above).")
    }
}
