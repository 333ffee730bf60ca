import Foundation
import GRDB
import Testing
@testable import PartnerBot
import SlackPlatform

/// Sent messages past their retention are pruned; what is open is never touched, and pruned
/// posts stay editable and findable by their ts.
@Suite("Outbox retention")
struct OutboxRetentionTests {
    @Test func oldSentMessagesArePrunedAndTheirPostsStayEditable() async throws {
        let database = try AppDatabase.open(path: try TestSupport.temporaryDirectory().appendingPathComponent("bot.sqlite").path)
        try await ProgramFixture.load(into: database)
        let manager = Caller(userID: ProgramFixture.programManager, teamID: ProgramFixture.vendorTeam, isProgramManager: true, managedOrgs: [], isMarketing: false, partnerOrg: nil)
        let old = TestSupport.now.addingTimeInterval(-200 * 86_400)
        let request = try RegistrationParser.parse("Old Customer", today: CalendarDate(old)).get()
        _ = try await database.registerDeal(
            request, org: "acme-resell", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: "CACME00001", settings: ProgramFixture.settings, now: old)
        try await database.dispatchReviews(now: old)
        // Everything queued so far is delivered 200 days ago, but one message that failed for good.
        let records = try await database.outboxRecords()
        for (index, record) in records.enumerated() {
            try await database.markOutboxSent(id: record.id, ts: "1700000000.\(String(format: "%06d", index))", channel: record.target, now: old)
        }
        try await database.store.write { db in
            try db.execute(sql: "UPDATE outbox SET state = 'dead' WHERE id = ?", arguments: [records.first!.id])
        }
        _ = try await database.enqueue([.post(MessageReply(text: "fresh"), to: "CFRESH", dedupeKey: "fresh:1")], now: TestSupport.now)

        let pruner = OutboxPruner(database: database, retention: .seconds(90 * 86_400), clock: ManualWallClock(TestSupport.now), logger: TestSupport.logger)
        let pruned = await pruner.pruneOnce()
        #expect(pruned == records.count - 1)
        let left = try await database.outboxRecords()
        #expect(left.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.dead, .pending], "the dead letter and the open message stay")
        #expect(await pruner.pruneOnce() == 0)

        // Approving the deal now edits both review messages sent 200 days ago.
        _ = try await database.applyDealAction(.approve, to: 1, by: manager, settings: ProgramFixture.settings, now: TestSupport.now)
        let edits = try await database.outboxRecords().filter { $0.method == "chat.update" }
        #expect(edits.count == 2)
        let (claimed, _) = try await database.claimOutbox(now: TestSupport.now, limit: 20, excludingTargets: [], blockedRateKeys: [])
        let aimed = claimed.filter { $0.method == "chat.update" }
        #expect(aimed.count == 2 && aimed.allSatisfy { $0.payload.contains("\"ts\":\"1700000000.") }, "aimed at the pruned posts")

        // A partner notice pruned later still leads a thread reply to its deal.
        let notice = try #require(try await database.outboxRecords().first { $0.dedupeKey.hasPrefix("deal:1:notice:") })
        try await database.markOutboxSent(id: notice.id, ts: "1800000000.000999", channel: "CACME00001", now: TestSupport.now)
        let later = OutboxPruner(database: database, retention: .seconds(1), clock: ManualWallClock(TestSupport.now.addingTimeInterval(60)), logger: TestSupport.logger)
        #expect(await later.pruneOnce() >= 1)
        #expect(try await database.outboxRecords().contains { $0.id == notice.id } == false)
        let found = try await database.store.read { db in try AppDatabase.deal(noticedAt: "1800000000.000999", in: "CACME00001", db: db) }
        #expect(found?.id == 1)
    }

    @Test func retentionIsConfigurable() throws {
        let load = { (yaml: String) in try ConfigurationLoader(environment: [:], readFile: { $0 == "c.yaml" ? yaml : nil }).load(path: "c.yaml") }
        #expect(try load("outbox:\n  retention_days: 30\n").outbox.retention == .seconds(30 * 86_400))
        #expect(try load("outbox:\n  retention_days: 0\n").outbox.retention == nil)
        #expect(try load("").outbox.retention == .seconds(90 * 86_400))
    }
}
