import Foundation
import GRDB
import SlackPlatform

/// What a newly recorded event changed.
public struct EventEffects: Sendable, Equatable {
    /// For `channel_id_changed`: what moved to the new id.
    public var move: ChannelMove?
    /// For `app_uninstalled` / `tokens_revoked`: the installation revoked and its dead-lettered messages.
    public var revocation: InstallationRevocation?
}

extension AppDatabase {
    /// Records an Events API delivery by its `event_id` and applies it, in one transaction: a
    /// delivery retried after a crash is either new (nothing was applied) or a duplicate (all was).
    /// - Returns: Whether the delivery is new, and for a new `channel_id_changed` what it moved.
    public func processEvent(_ event: EventCallback, receivedAt: Date) async throws -> (move: ChannelMove?, isNew: Bool) {
        let (effects, isNew) = try await recordEvent(event, receivedAt: receivedAt)
        return (effects.move, isNew)
    }

    /// Records an Events API delivery by its `event_id` and applies what it changes in storage
    /// (channel moves, installation revocations), in one transaction.
    /// - Returns: Whether the delivery is new, and what it changed.
    public func recordEvent(_ event: EventCallback, receivedAt: Date) async throws -> (effects: EventEffects, isNew: Bool) {
        try await store.write { db in
            try db.execute(
                sql: "INSERT INTO processed_event (event_id, team_id, type, received_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [event.eventID, event.teamID, event.type, receivedAt.timeIntervalSince1970])
            guard db.changesCount == 1 else { return (EventEffects(), false) }
            var effects = EventEffects()
            switch event.type {
            case "channel_id_changed":
                if let old = event.previousChannel, let new = event.newChannel { effects.move = try Self.moveChannel(from: old, to: new, db: db) }
            case "app_uninstalled", "tokens_revoked":
                effects.revocation = try self.applyInstallationEvent(event, db: db, now: receivedAt)
            default:
                break
            }
            return (effects, true)
        }
    }

    /// How many distinct events have been processed.
    public func processedEventCount() async throws -> Int {
        try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM processed_event") ?? 0 }
    }
}
