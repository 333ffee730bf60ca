import Foundation
import GRDB
import Synchronization
import Testing

@testable import PartnerBot

@Suite("Group commit: shared transactions, isolated failures")
struct GroupCommitWriterTests {
    struct Refused: Error, Equatable { let index: Int }

    /// Counts commits on a connection.
    final class CommitCounter: TransactionObserver, Sendable {
        let commits = Mutex(0)
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { commits.withLock { $0 += 1 } }
        func databaseDidRollback(_ db: Database) {}
    }

    func makeQueue() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in try db.execute(sql: "CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT NOT NULL)") }
        return queue
    }

    @Test func concurrentWritesShareCommitsAndEachGetsItsOwnResult() async throws {
        let queue = try makeQueue()
        let counter = CommitCounter()
        queue.add(transactionObserver: counter, extent: .databaseLifetime)
        let writer = GroupCommitWriter(writer: queue)
        let ids = try await withThrowingTaskGroup(of: (Int, Int64).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let id = try await writer.write { db in
                        try db.execute(sql: "INSERT INTO item (label) VALUES (?)", arguments: ["item \(index)"])
                        return try db.lastInsertedID()
                    }
                    return (index, id)
                }
            }
            return try await group.reduce(into: [Int: Int64]()) { $0[$1.0] = $1.1 }
        }
        #expect(ids.count == 200)
        #expect(Set(ids.values).count == 200, "every operation saw its own insert")
        let labels = try await queue.read { db in try Dictionary(uniqueKeysWithValues: GRDB.Row.fetchAll(db, sql: "SELECT id, label FROM item").map { (($0["id"] as Int64), ($0["label"] as String)) }) }
        for (index, id) in ids { #expect(labels[id] == "item \(index)") }
        #expect(counter.commits.withLock { $0 } < 200, "concurrent operations were batched into fewer commits")
    }

    @Test func aFailingOperationIsUndoneAloneAndOthersInItsBatchCommit() async throws {
        let queue = try makeQueue()
        let writer = GroupCommitWriter(writer: queue)
        let outcomes = await withTaskGroup(of: (Int, Result<Int64, any Error>).self) { group in
            for index in 0..<120 {
                group.addTask {
                    do {
                        let id = try await writer.write { db in
                            try db.execute(sql: "INSERT INTO item (label) VALUES (?)", arguments: ["item \(index)"])
                            if index % 7 == 3 { throw Refused(index: index) }  // after writing: must be rolled back
                            return try db.lastInsertedID()
                        }
                        return (index, .success(id))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            return await group.reduce(into: [Int: Result<Int64, any Error>]()) { $0[$1.0] = $1.1 }
        }
        let labels = try await queue.read { db in try Set(String.fetchAll(db, sql: "SELECT label FROM item")) }
        for (index, outcome) in outcomes {
            switch outcome {
            case .success:
                #expect(index % 7 != 3)
                #expect(labels.contains("item \(index)"))
            case .failure(let error):
                #expect(index % 7 == 3)
                #expect(error as? Refused == Refused(index: index), "the operation's own error comes back")
                #expect(!labels.contains("item \(index)"), "its insert was rolled back")
            }
        }
        #expect(labels.count == (0..<120).filter { $0 % 7 != 3 }.count)
    }

    @Test func aWriteIsOnDiskWhenItReturns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("group-commit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.sqlite").path
        do {
            let database = try AppDatabase.open(path: path)
            try await database.store.groupWrite { db in
                try db.execute(sql: "INSERT INTO processed_event (event_id, team_id, type, received_at) VALUES ('Ev1', 'T1', 'app_mention', 0)")
            }
            try await database.closeForTesting()
        }
        let reopened = try DatabaseQueue(path: path)
        let count = try await reopened.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM processed_event WHERE event_id = 'Ev1'") }
        #expect(count == 1)
    }
}
