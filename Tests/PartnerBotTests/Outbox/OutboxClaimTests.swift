import Foundation
import GRDB
import SlackPlatform
import Testing

@testable import PartnerBot

@Suite("Outbox: what a claim reads and takes")
struct OutboxClaimTests {
    @Test func theRowDecoderReadsEveryColumnAsCodableWrote() async throws {
        let database = try await TestDatabase.make()
        let sent = Date(timeIntervalSinceReferenceDate: 800_000_000.125)
        let full = OutboxRecord(
            id: 7, dedupeKey: "k:7", method: "chat.update", target: "C7", payload: #"{"text":"é <!channel>"}"#, reference: "k:1",
            state: .sent, attempts: 3, nextAttemptAt: sent.addingTimeInterval(-5), lastError: "ratelimited", resultTS: "1.2",
            resultChannel: "D7", createdAt: sent.addingTimeInterval(-60), updatedAt: sent, sentAt: sent, template: "deal-review:7")
        let sparse = OutboxRecord(
            id: 8, dedupeKey: "k:8", method: "chat.postMessage", target: "U8", payload: "", reference: nil, state: .pending,
            attempts: 0, nextAttemptAt: sent, lastError: nil, resultTS: nil, resultChannel: nil, createdAt: sent, updatedAt: sent,
            sentAt: nil, template: nil)
        try await database.store.write { db in
            try full.insert(db)
            try sparse.insert(db)
        }
        #expect(try await database.outboxRecords() == [full, sparse])
    }

    @Test func anUnknownStateIsAStorageErrorNotACrash() async throws {
        let database = try await TestDatabase.make()
        try await database.enqueue([OutboxHarness.message(0, channel: "C0")], now: Date())
        // As if a newer build (or a hand edit) had written a state this one does not know.
        try await database.store.write { db in
            try db.execute(sql: db.dialect == .sqlite ? "PRAGMA ignore_check_constraints = ON" : "ALTER TABLE outbox DROP CONSTRAINT outbox_state_check")
            try db.execute(sql: "UPDATE outbox SET state = 'archived'")
        }
        await #expect(throws: StorageError.self) { try await database.outboxRecords() }
    }

    @Test func aClaimSkipsPacedTargetsAndBlockedMethodsAndTakesAtMostItsLimit() async throws {
        let database = try await TestDatabase.make()
        let now = Date()
        var messages = (0..<6).map { OutboxHarness.message($0, channel: "C\($0)") }
        messages.append(.update(MessageReply(text: "edit"), channel: "C9", ts: "1.1", dedupeKey: "edit:9"))
        try await database.enqueue(messages, now: now)

        let paced = try await database.claimOutbox(now: now, limit: 3, excludingTargets: ["C0", "C2"], blockedRateKeys: ["chat.update"])
        #expect(paced.claimed.map(\.target) == ["C1", "C3", "C4"])
        #expect(paced.claimed.allSatisfy { $0.state == .sending })

        let rest = try await database.claimOutbox(now: now, limit: 10, excludingTargets: [], blockedRateKeys: ["chat.update"])
        #expect(rest.claimed.map(\.target) == ["C0", "C2", "C5"])
        let blocked = try await database.claimOutbox(now: now, limit: 10, excludingTargets: [], blockedRateKeys: ["chat.update"])
        #expect(blocked.claimed.isEmpty && blocked.waiting)
        #expect(try await database.outboxRecords(state: .sending).count == 6)
    }

    @Test func nothingDueIsNotWaiting() async throws {
        let database = try await TestDatabase.make()
        let now = Date()
        try await database.enqueue([OutboxHarness.message(0, channel: "C0")], now: now.addingTimeInterval(60))
        let early = try await database.claimOutbox(now: now, limit: 4, excludingTargets: [], blockedRateKeys: [])
        #expect(early.claimed.isEmpty && !early.waiting)
    }

    @Test func startUpRecoveryReadsOnlyOpenRows() async throws {
        let database = try AppDatabase.inMemory()  // SQLite's query plan
        let plan = try await database.store.read { db in
            try SQLRow.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + AppDatabase.sendingRowsSQL)
                .map { $0["detail"] as String }.joined(separator: "; ")
        }
        #expect(plan.contains("USING INDEX outbox_open_by_target"), "\(plan)")
    }
}
