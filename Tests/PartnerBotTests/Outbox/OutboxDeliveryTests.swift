import FakeSlack
import Synchronization
import Foundation
import GRDB
import Testing
@testable import PartnerBot
import PartnerBotDev
import SlackPlatform

@Suite("Outbox: transactional enqueue and delivery")
struct OutboxDeliveryTests {
    @Test func aRolledBackTransactionEnqueuesNothingAndACommittedOneEnqueues() async throws {
        let database = try await TestDatabase.make()
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await database.store.write { db in
                try database.enqueue(OutboxHarness.message(1, channel: "C1"), in: db, now: TestSupport.now)
                throw Boom()
            }
        }
        #expect(try await database.outboxRecords().isEmpty)
        let inserted = try await database.store.write { db in
            try database.enqueue(OutboxHarness.message(1, channel: "C1"), in: db, now: TestSupport.now)
        }
        #expect(inserted)
        #expect(try await database.outboxRecords().count == 1)
    }

    @Test func enqueueingTheSameDedupeKeyTwiceIsANoOp() async throws {
        let database = try await TestDatabase.make()
        let first = try await database.enqueue([OutboxHarness.message(1, channel: "C1")], now: TestSupport.now)
        let second = try await database.enqueue([OutboxHarness.message(1, channel: "C1")], now: TestSupport.now)
        #expect(first == 1)
        #expect(second == 0)
        #expect(try await database.outboxRecords().count == 1)
    }

    @Test func deliversInOrderPerChannelAndStoresTheTs() async throws {
        let database = try await TestDatabase.make()
        let client = RecordingWebAPIClient()
        try await OutboxHarness.withWorker(database: database, client: client) {
            for index in 0..<20 { try await database.enqueue([OutboxHarness.message(index, channel: index % 2 == 0 ? "CEVEN" : "CODD")], now: Date()) }
            let done = try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == 20 }
            #expect(done)
        }
        for channel in ["CEVEN", "CODD"] {
            let texts = client.requests(forMethod: "chat.postMessage").compactMap { request -> String? in
                let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
                return body?["channel"] as? String == channel ? body?["text"] as? String : nil
            }
            let expected = (0..<20).filter { ($0 % 2 == 0) == (channel == "CEVEN") }.map { "message \($0)" }
            #expect(texts == expected)
        }
        #expect(try await database.outboxRecords(state: .sent).allSatisfy { $0.resultTS != nil })
    }

    @Test func permanentErrorsAreDeadLetteredWithTheError() async throws {
        let database = try await TestDatabase.make()
        let client = RecordingWebAPIClient()
        client.enqueue(.failure(.apiError(code: "channel_not_found")), forMethod: "chat.postMessage")
        try await OutboxHarness.withWorker(database: database, client: client) {
            try await database.enqueue([OutboxHarness.message(1, channel: "CGONE")], now: Date())
            let done = try await OutboxHarness.eventually { try await database.outboxRecords(state: .dead).count == 1 }
            #expect(done)
        }
        let dead = try #require(try await database.outboxRecords(state: .dead).first)
        #expect(dead.lastError?.contains("channel_not_found") == true)
        #expect(client.requests.count == 1)
    }

    @Test func transientErrorsAreRetriedThenDelivered() async throws {
        let database = try await TestDatabase.make()
        let client = RecordingWebAPIClient()
        client.enqueue(.failure(.httpStatus(500)), forMethod: "chat.postMessage")
        client.enqueue(.failure(.timeout), forMethod: "chat.postMessage")
        try await OutboxHarness.withWorker(database: database, client: client) {
            try await database.enqueue([OutboxHarness.message(1, channel: "C1")], now: Date())
            let done = try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == 1 }
            #expect(done)
        }
        #expect(client.requests.count == 3)
        #expect(try await database.outboxRecords().first?.attempts == 2)
    }

    @Test func transientErrorsGiveUpAfterMaxAttempts() async throws {
        let database = try await TestDatabase.make()
        let client = RecordingWebAPIClient(responder: { _ in .failure(.connection("refused")) })
        try await OutboxHarness.withWorker(database: database, client: client) {
            try await database.enqueue([OutboxHarness.message(1, channel: "C1")], now: Date())
            let done = try await OutboxHarness.eventually { try await database.outboxRecords(state: .dead).count == 1 }
            #expect(done)
        }
        #expect(client.requests.count == OutboxHarness.fastConfiguration().maxAttempts)
        let status = try await database.outboxStatus(now: Date())
        #expect(status.counts[.dead] == 1)
        #expect(status.recentErrors.first?.error.contains("gave up") == true)
        #expect(OutboxReport.text(status).contains("dead     1"))
        #expect(try await database.retryDeadOutbox(now: Date()) == 1)
        #expect(try await database.outboxRecords(state: .pending).count == 1)
    }

    @Test func rowsLeftSendingByACrashAreRetriedOnRestart() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bot.sqlite").path
        do {
            let database = try AppDatabase.open(path: path)
            try await database.enqueue((0..<5).map { OutboxHarness.message($0, channel: "C\($0)") }, now: Date())
            let claimed = try await database.claimOutbox(now: Date(), limit: 3, excludingTargets: [], blockedRateKeys: [])
            #expect(claimed.claimed.count == 3)
        }
        let reopened = try AppDatabase.open(path: path)
        #expect(try await reopened.outboxRecords(state: .sending).count == 3)
        let client = RecordingWebAPIClient()
        try await OutboxHarness.withWorker(database: reopened, client: client) {
            let done = try await OutboxHarness.eventually { try await reopened.outboxRecords(state: .sent).count == 5 }
            #expect(done)
        }
        #expect(client.requests.count == 5)
    }

    @Test func anUpdateWaitsForItsOriginalAndUsesItsTs() async throws {
        let database = try await TestDatabase.make()
        let client = RecordingWebAPIClient()
        try await database.enqueue([
            .post(.init(text: "original"), to: "UMANAGER1", dedupeKey: "orig"),
            .update(.init(text: "edited"), of: "orig", channel: "UMANAGER1", dedupeKey: "orig:edit"),
        ], now: Date())
        try await OutboxHarness.withWorker(database: database, client: client) {
            let done = try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == 2 }
            #expect(done)
        }
        let original = try #require(try await database.outboxRecords().first { $0.dedupeKey == "orig" })
        let update = try #require(client.requests(forMethod: "chat.update").first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(update.body)) as? [String: Any])
        #expect(body["ts"] as? String == original.resultTS)
        #expect(body["channel"] as? String == original.resultChannel)
    }

    @Test func responseURLPostsGoThroughThePolicyAndForeignHostsAreDead() async throws {
        let database = try await TestDatabase.make()
        let client = RecordingWebAPIClient(allowedResponseURLHosts: ["hooks.slack.com"])
        try await database.enqueue([
            .responseURL(.ephemeral("ok"), url: "https://hooks.slack.com/actions/T1/2/abc", dedupeKey: "good"),
            .responseURL(.ephemeral("no"), url: "https://evil.example.com/steal", dedupeKey: "evil"),
        ], now: Date())
        try await OutboxHarness.withWorker(database: database, client: client) {
            let done = try await OutboxHarness.eventually {
                let sent = try await database.outboxRecords(state: .sent).count
                let dead = try await database.outboxRecords(state: .dead).count
                return sent == 1 && dead == 1
            }
            #expect(done)
        }
        #expect(client.responseURLPosts.map(\.url) == ["https://hooks.slack.com/actions/T1/2/abc"])
    }

    @Test func theLocalChatSinkReceivesMessagesThroughTheSameOutbox() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appendingPathComponent("bot.sqlite").path)
        let lines = LinesBox()
        let sinkPath = SinkStore.path(dataDirectory: directory.path)
        let sink = LocalChatSink(store: try SinkStore(path: sinkPath), clock: SystemWallClock(), output: { lines.append($0) })
        try await OutboxHarness.withWorker(database: database, client: sink) {
            try await database.enqueue([OutboxHarness.message(1, channel: "CSINK"), .post(.init(text: "dm"), to: "UANN", dedupeKey: "dm")], now: Date())
            let done = try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == 2 }
            #expect(done)
        }
        #expect(Set(try await SinkStore(path: sinkPath).messages().map(\.text)) == ["message 1", "dm"], "kept in the sink's own file")
        let tables = try await database.store.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(!tables.contains("sink_message"), "the production schema holds no dev table")
        #expect(lines.all.contains { $0.contains("CSINK") && $0.contains("message 1") })
        #expect(try await database.outboxRecords().allSatisfy { $0.resultTS != nil })
    }
}

final class LinesBox: Sendable {
    private let lines = Mutex<[String]>([])
    /// - Returns: How many lines there are with this one.
    @discardableResult
    func append(_ line: String) -> Int { lines.withLock { $0.append(line); return $0.count } }
    var all: [String] { lines.withLock { $0 } }
}

@Suite("Outbox heads stay exact")
struct OutboxHeadTests {
    @Test func headsMatchTheOldestOpenMessagePerTargetThroughRandomOperations() async throws {
        let database = try await TestDatabase.make()
        var fuzz = Fuzz(seed: 7)
        for step in 0..<300 {
            let now = Date(timeIntervalSince1970: 1_800_000_000 + Double(step))
            switch fuzz.int(0..<6) {
            case 0, 1:
                try await database.enqueue([OutboxHarness.message(step, channel: "C\(fuzz.int(0..<5))")], now: now)
            case 2:
                for row in try await database.claimOutbox(now: now, limit: 2, excludingTargets: [], blockedRateKeys: []).claimed {
                    try await database.markOutboxSent(id: row.id, ts: "1.\(step)", channel: row.target, now: now)
                }
            case 3:
                for row in try await database.claimOutbox(now: now, limit: 1, excludingTargets: [], blockedRateKeys: []).claimed {
                    try await database.rescheduleOutbox(id: row.id, at: now.addingTimeInterval(5), error: "x", countsAsAttempt: true, now: now)
                }
            case 4:
                for row in try await database.claimOutbox(now: now, limit: 1, excludingTargets: [], blockedRateKeys: []).claimed {
                    try await database.markOutboxDead(id: row.id, error: "gone", now: now)
                }
            default:
                _ = try await database.retryDeadOutbox(now: now)
            }
            let (heads, expected) = try await database.store.read { db in
                (
                    try SQLRow.fetchAll(db, sql: "SELECT target, head_id FROM outbox_head ORDER BY target").map { "\($0["target"] as String)=\($0["head_id"] as Int64)" },
                    try SQLRow.fetchAll(db, sql: "SELECT target, MIN(id) AS head FROM outbox WHERE state IN ('pending', 'sending') GROUP BY target ORDER BY target")
                        .map { "\($0["target"] as String)=\($0["head"] as Int64)" }
                )
            }
            #expect(heads == expected, "step \(step)")
        }
    }
}
