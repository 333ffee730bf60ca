import FakeSlack
import Foundation
import GRDB
import SlackPlatform
import Testing

@testable import PartnerBot

@Suite("Outbox: messages rendered when they are sent")
struct OutboxTemplateTests {
    static let manager = Caller(
        userID: ProgramFixture.programManager, teamID: ProgramFixture.vendorTeam, isProgramManager: true, managedOrgs: [],
        isMarketing: false, partnerOrg: nil)

    /// A program database with one pending registration (DR-1) whose two review notices are queued.
    func registered() async throws -> AppDatabase {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        let request = try RegistrationParser.parse("Templated Customer amount:50k", today: TestSupport.today).get()
        let (_, outcome) = try await database.registerDeal(
            request, by: ActingUser(userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team), channelID: "CACME00001",
            roles: ProgramFixture.roles, settings: ProgramFixture.settings, now: TestSupport.now)
        guard case .registered = outcome else { Issue.record("not registered: \(String(describing: outcome))"); return database }
        #expect(try await database.dispatchReviews() == 1)
        return database
    }

    @Test func aReviewQueuedWhilePendingIsSentAsTheDealIsWhenItGoesOut() async throws {
        let database = try await registered()
        let queued = try await database.outboxRecords().filter { $0.dedupeKey.hasPrefix("deal:1:review") }
        #expect(queued.count == 2)
        #expect(queued.allSatisfy { $0.template == "deal-review:1" && !$0.payload.contains("deal_approve") })

        // Approved before the notice went out: the managers see it approved, without decision buttons.
        _ = try await database.applyDealAction(.approve, to: 1, by: Self.manager, settings: ProgramFixture.settings, now: TestSupport.now)
        let client = RecordingWebAPIClient()
        try await OutboxHarness.withWorker(database: database, client: client, clock: ManualWallClock(TestSupport.now)) {
            let done = try await OutboxHarness.eventually {
                try await database.outboxRecords().filter { $0.dedupeKey.hasPrefix("deal:1:review") && $0.state == .sent }.count == 2
            }
            #expect(done)
        }
        let posts = client.requests(forMethod: "chat.postMessage").map { String(decoding: $0.body, as: UTF8.self) }.filter { $0.contains("Templated Customer") }
        #expect(posts.count >= 2)
        for target in [ProgramFixture.acmeManager, ProgramFixture.managersChannel] {
            let post = try #require(posts.first { $0.contains("\"channel\":\"\(target)\"") }, "no review posted to \(target)")
            #expect(post.contains("DR-1"))
            #expect(post.contains("approved"))
            #expect(!post.contains("deal_approve"), "no decision buttons on a decided deal")
        }
        // The stored row now holds what was sent.
        let sent = try await database.outboxRecords().filter { $0.dedupeKey.hasPrefix("deal:1:review") }
        #expect(sent.allSatisfy { $0.payload.contains("DR-1") })
    }

    @Test func aPendingReviewCarriesTheDecisionButtons() async throws {
        let database = try await registered()
        let client = RecordingWebAPIClient()
        try await OutboxHarness.withWorker(database: database, client: client, clock: ManualWallClock(TestSupport.now)) {
            let done = try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count >= 2 }
            #expect(done)
        }
        let posts = client.requests(forMethod: "chat.postMessage").map { String(decoding: $0.body, as: UTF8.self) }
        #expect(posts.filter { $0.contains("deal_approve") && $0.contains("Templated Customer") }.count == 2)
    }

    @Test func anUnknownTemplateOrAMissingSubjectIsDeadLetteredWithTheReason() async throws {
        let database = try await TestDatabase.make()
        let unknown = OutboxHarness.message(1, channel: "C1")
        try await database.enqueue([unknown, .post(.dealReview(4242), to: "C2", dedupeKey: "deal:4242:review:channel")], now: TestSupport.now)
        try await database.store.write { db in
            try db.execute(sql: "UPDATE outbox SET template = 'no-such-template:1' WHERE dedupe_key = ?", arguments: [unknown.dedupeKey])
        }
        let client = RecordingWebAPIClient()
        try await OutboxHarness.withWorker(database: database, client: client, clock: ManualWallClock(TestSupport.now)) {
            let done = try await OutboxHarness.eventually { try await database.outboxRecords(state: .dead).count == 2 }
            #expect(done)
        }
        let dead = try await database.outboxRecords(state: .dead)
        #expect(dead.contains { $0.lastError == "unknown message template no-such-template:1" })
        #expect(dead.contains { $0.lastError == "the subject of deal-review:4242 no longer exists" })
        #expect(client.requests.isEmpty)
    }

    @Test func templatesRoundTripThroughTheirStoredForm() {
        #expect(MessageTemplate(rawValue: MessageTemplate.dealReview(17).rawValue) == .dealReview(17))
        for bad in ["", "deal-review", "deal-review:", "deal-review:0", "deal-review:-3", "deal-review:x", "other:1"] {
            #expect(MessageTemplate(rawValue: bad) == nil, "\(bad)")
        }
    }
}
