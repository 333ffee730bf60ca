import Foundation
import GRDB
import Logging
import Testing

@testable import PartnerBot

@Suite("WAL checkpoints in the background")
struct WALCheckpointerTests {
    @Test func theCheckpointerCopiesCommittedPagesIntoTheDatabaseFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("checkpointer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.sqlite").path
        let database = try AppDatabase.open(path: path)
        @Sendable func mainFileSize() throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 }

        // Well under the writer's own threshold: without a checkpointer these pages stay in the log.
        let payload = String(repeating: "x", count: 2_000)
        for batch in 0..<20 {
            try await database.benchmarkWrite { db in
                for index in 0..<50 {
                    try db.execute(
                        sql: "INSERT INTO processed_event (event_id, team_id, type, received_at) VALUES (?, 'T1', ?, 0)",
                        arguments: ["Ev\(batch)-\(index)", payload])
                }
            }
        }
        let before = try mainFileSize()
        let checkpointer = WALCheckpointer(path: path, interval: .milliseconds(20), logger: Logger(label: "test"))
        let task = Task { try await checkpointer.run() }
        let copied = try await OutboxHarness.eventually { try mainFileSize() > before + 1_000_000 }
        task.cancel()
        _ = await task.result
        #expect(copied, "about 2 MB of committed rows reached the database file (was \(before) bytes)")
        let rows = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM processed_event") }
        #expect(rows == 1_000)
    }
}
