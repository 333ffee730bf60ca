import GRDB
import Testing
@testable import PartnerBot

/// v13 takes dev mode's `sink_message` table out of production databases, and only those.
@Suite("Migration v13: the dev sink's table leaves production databases")
struct SinkTableMigrationTests {
    func tables(after sinkRows: Int) throws -> [String] {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v12-outbox-claimed-by")
        try queue.write { db in
            for index in 0..<sinkRows {
                try db.execute(
                    sql: "INSERT INTO sink_message (method, target, text, body, ts, created_at) VALUES ('chat.postMessage', 'C1', ?, '{}', '1.0', 0)",
                    arguments: ["message \(index)"])
            }
        }
        _ = try AppDatabase(queue)
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
    }

    @Test func anUnusedTableIsDropped() throws {
        #expect(!(try tables(after: 0)).contains("sink_message"))
    }

    @Test func aDevDatabaseKeepsTheMessagesItHolds() throws {
        #expect(try tables(after: 2).contains("sink_message"))
    }
}
