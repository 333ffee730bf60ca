import Foundation
import GRDB
import SlackPlatform

extension AppDatabase {
    /// How many distinct events have been processed.
    public func processedEventCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM processed_event") ?? 0 }
    }
}
