import Foundation
import GRDB
import ServiceLifecycle
import SlackPlatform
import Testing

@testable import PartnerBot

/// A registration commits its deal alone; the review notices of every registration follow in the
/// dispatcher's batches, exactly once, after a restart too.
@Suite("Review notices dispatched after registrations commit")
struct DealReviewDispatchTests {
    static func register(_ database: AppDatabase, _ company: String, org: String = "acme-resell") async throws {
        let request = try RegistrationParser.parse(company, today: TestSupport.today).get()
        _ = try await database.registerDeal(
            request, org: org, userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: "CACME00001",
            settings: ProgramFixture.settings, now: TestSupport.now)
    }

    static func reviewKeys(_ database: AppDatabase) async throws -> [String] {
        try await database.outboxRecords().map(\.dedupeKey).filter { $0.contains(":review:") }.sorted()
    }

    @Test func everyRegistrationGetsBothReviewsOnceInOneBatch() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        for index in 1...3 { try await Self.register(database, "Batch Customer \(index)") }
        #expect(try await Self.reviewKeys(database).isEmpty, "not in the registration's transaction")
        #expect(try await database.dealReviewsWaiting() == 3)

        #expect(try await database.dispatchReviews() == 3)
        let keys = try await Self.reviewKeys(database)
        #expect(keys == (1...3).flatMap { ["deal:\($0):review:channel", "deal:\($0):review:manager"] })
        let targets = Set(try await database.outboxRecords().filter { $0.dedupeKey.contains(":review:") }.map(\.target))
        #expect(targets == [ProgramFixture.acmeManager, ProgramFixture.managersChannel])
        #expect(try await database.dealReviewsWaiting() == 0)
        #expect(try await database.dispatchReviews() == 0, "dispatched once")
        #expect(try await Self.reviewKeys(database).count == 6)
    }

    @Test func batchesStopAtTheirLimitAndTheNextOneGoesOn() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        for index in 1...5 { try await Self.register(database, "Limited Customer \(index)") }
        #expect(try await database.dispatchDealReviews(settings: ProgramFixture.settings, now: TestSupport.now, limit: 2) == 2)
        #expect(try await database.dealReviewsWaiting() == 3)
        #expect(try await database.dispatchDealReviews(settings: ProgramFixture.settings, now: TestSupport.now, limit: 2) == 2)
        #expect(try await database.dispatchDealReviews(settings: ProgramFixture.settings, now: TestSupport.now, limit: 2) == 1)
        #expect(try await Self.reviewKeys(database).count == 10)
    }

    @Test func importedHistoryGetsNoReviewAndDoesNotHoldTheCursorBack() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        let csv = DealImport.header.joined(separator: ",") + "\n" + (1...3).map { "PRM-\($0),acme-resell,Old Customer \($0),,,,,,2026-10-0\($0),,pending,,,," }.joined(separator: "\n") + "\n"
        let imported = try await database.importDeals(
            try DealImport.rows(csv: csv, orgs: ["acme-resell", "globex"], stages: []), source: "prm.csv", settings: ProgramFixture.settings, now: TestSupport.now)
        #expect(imported.imported == 3)
        try await Self.register(database, "New Customer")
        #expect(try await database.dealReviewsWaiting() == 1)
        #expect(try await database.dispatchDealReviews(settings: ProgramFixture.settings, now: TestSupport.now, limit: 2) == 1)
        #expect(try await Self.reviewKeys(database) == ["deal:4:review:channel", "deal:4:review:manager"])
        let cursor = try await database.store.read { db in try Int64.fetchOne(db, sql: "SELECT dispatched_through FROM deal_review_cursor") }
        #expect(cursor == 4)
    }

    @Test func registrationsCommittedBeforeAStopAreDispatchedAtTheNextStart() async throws {
        let path = try TestSupport.temporaryDirectory().appendingPathComponent("bot.sqlite").path
        do {
            let database = try AppDatabase.open(path: path)
            try await ProgramFixture.load(into: database)
            try await Self.register(database, "Before The Stop")
            // The process dies here: the deal is committed, its reviews were never enqueued.
        }
        let reopened = try AppDatabase.open(path: path)
        #expect(try await reopened.dealReviewsWaiting() == 1)
        let dispatcher = DealReviewDispatcher(
            database: reopened, settings: ProgramFixture.settings, clock: ManualWallClock(TestSupport.now), logger: TestSupport.logger)
        let group = ServiceGroup(services: [dispatcher], logger: TestSupport.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(try await OutboxHarness.eventually { try await Self.reviewKeys(reopened).count == 2 }, "dispatched at start")
            // Registered while it runs: the commit wakes it.
            try await Self.register(reopened, "While Running")
            #expect(try await OutboxHarness.eventually { try await Self.reviewKeys(reopened).count == 4 }, "dispatched after the commit")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(try await Self.reviewKeys(reopened) == ["deal:1:review:channel", "deal:1:review:manager", "deal:2:review:channel", "deal:2:review:manager"])
    }

    @Test func aShutdownDispatchesWhatRegistrationsLeft() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        try await Self.register(database, "Early Customer")
        // A long gather: the second registration is still waiting when shutdown begins.
        let dispatcher = DealReviewDispatcher(
            database: database, settings: ProgramFixture.settings, clock: ManualWallClock(TestSupport.now), logger: TestSupport.logger,
            gather: .seconds(3600), pollInterval: .seconds(3600))
        let group = ServiceGroup(services: [dispatcher], logger: TestSupport.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(try await OutboxHarness.eventually { try await Self.reviewKeys(database).count == 2 }, "dispatched at start")
            try await Self.register(database, "Late Customer")
            try await Task.sleep(for: .milliseconds(50))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(try await Self.reviewKeys(database).suffix(2) == ["deal:2:review:channel", "deal:2:review:manager"])
    }

    @Test func dealsRegisteredBeforeTheMigrationAreNotDispatchedAgain() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v26-open-deals-by-age")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO partner_org (org, name, type, tier, region, created_at, updated_at) VALUES ('acme', 'Acme', 'reseller', 'select', 'emea', 0, 0)")
            for id in 1...2 {
                try db.execute(
                    sql: """
                        INSERT INTO deal (id, org, customer_name, customer_key, status, submitted_by, submitted_team, created_at, updated_at, sla_due_at)
                        VALUES (?, 'acme', 'Old', ?, 'declined', 'U1', 'T1', 0, 0, 0)
                        """, arguments: [id, "old \(id)"])
            }
        }
        _ = try AppDatabase(queue)
        let cursor = try queue.read { db in try Int64.fetchOne(db, sql: "SELECT dispatched_through FROM deal_review_cursor") }
        #expect(cursor == 2, "their reviews were enqueued with them")
    }
}
