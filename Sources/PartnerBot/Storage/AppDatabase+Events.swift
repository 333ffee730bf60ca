import Foundation
import GRDB
import SlackPlatform

extension AppDatabase {
    /// Records an Events API delivery by its `event_id` and applies it, in one transaction: a
    /// delivery retried after a crash is either new (nothing was applied) or a duplicate (all was).
    /// - Returns: Whether the delivery is new, and for a new `channel_id_changed` what it moved.
    public func processEvent(_ event: EventCallback, receivedAt: Date) async throws -> (move: ChannelMove?, isNew: Bool) {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO processed_event (event_id, team_id, type, received_at) VALUES (?, ?, ?, ?)",
                arguments: [event.eventID, event.teamID, event.type, receivedAt.timeIntervalSince1970])
            guard db.changesCount == 1 else { return (nil, false) }
            guard event.type == "channel_id_changed", let old = event.previousChannel, let new = event.newChannel else { return (nil, true) }
            return (try Self.moveChannel(from: old, to: new, db: db), true)
        }
    }

    /// How many distinct events have been processed.
    public func processedEventCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM processed_event") ?? 0 }
    }
}
