import Foundation
import GRDB
import SlackPlatform

/// What a `channel_id_changed` event changed.
public struct ChannelMove: Sendable, Equatable {
    /// Organisations whose shared channel moved.
    public var organisations = 0
    /// Deals registered in the channel (their notices' fallback destination).
    public var deals = 0
    /// Undelivered messages re-addressed to the new id.
    public var queuedMessages = 0
    /// Delivered messages whose later edits now go to the new id.
    public var sentMessages = 0

    /// Whether the bot knew the old channel at all.
    public var isEmpty: Bool { organisations + deals + queuedMessages + sentMessages == 0 }
}

extension AppDatabase {
    /// Re-addresses everything that names channel `old` to `new` (Slack changes a channel's id
    /// when it becomes shared): organisations' shared channels, deals' channels, undelivered
    /// messages (target, body and the per-target queue head) and the channel of delivered
    /// messages that later edits and thread replies use.
    static func moveChannel(from old: String, to new: String, db: any SQLDatabase) throws -> ChannelMove {
        let channel: Set<Character> = ["C", "G"]
        guard old != new, DirectoryImport.isSlackID(old, prefixes: channel), DirectoryImport.isSlackID(new, prefixes: channel) else { return ChannelMove() }
        var move = ChannelMove()
        try db.execute(sql: "UPDATE partner_org SET channel_id = ? WHERE channel_id = ?", arguments: [new, old])
        move.organisations = db.changesCount
        try db.execute(sql: "UPDATE deal SET channel_id = ? WHERE channel_id = ?", arguments: [new, old])
        move.deals = db.changesCount
        // Bodies are JSON written by `OutboundMessage`: the id is a bare alphanumeric string, so
        // the exact `"channel":"<old>"` member cannot appear inside escaped user text.
        try db.execute(
            sql: """
                UPDATE outbox SET target = ?, payload = replace(payload, ?, ?)
                WHERE target = ? AND state IN ('pending', 'sending')
                """,
            arguments: [new, #""channel":"\#(old)""#, #""channel":"\#(new)""#, old])
        move.queuedMessages = db.changesCount
        if move.queuedMessages > 0 {
            // The head triggers follow state changes, not targets: recompute both queues' heads.
            try db.execute(sql: "DELETE FROM outbox_head WHERE target IN (?, ?)", arguments: [old, new])
            try db.execute(
                sql: """
                    INSERT INTO outbox_head (target, head_id, due_at)
                        SELECT target, id, CASE state WHEN 'pending' THEN next_attempt_at ELSE '9999-12-31' END
                        FROM outbox o
                        WHERE target IN (?, ?) AND state IN ('pending', 'sending')
                          AND id = (SELECT MIN(p.id) FROM outbox p WHERE p.target = o.target AND p.state IN ('pending', 'sending'))
                    """,
                arguments: [old, new])
        }
        try db.execute(sql: "UPDATE outbox SET result_channel = ? WHERE result_channel = ?", arguments: [new, old])
        move.sentMessages = db.changesCount
        return move
    }
}
