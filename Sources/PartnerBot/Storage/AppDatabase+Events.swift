import Foundation
import GRDB
import SlackPlatform

extension AppDatabase {
    /// Records an Events API delivery by its `event_id`.
    /// - Returns: `true` the first time an event id is seen, `false` for a retried delivery.
    public func recordEventIfNew(_ event: EventCallback, receivedAt: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO processed_event (event_id, team_id, type, received_at) VALUES (?, ?, ?, ?)",
                arguments: [event.eventID, event.teamID, event.type, receivedAt.timeIntervalSince1970])
            return db.changesCount == 1
        }
    }

    /// How many distinct events have been processed.
    public func processedEventCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM processed_event") ?? 0 }
    }
}
