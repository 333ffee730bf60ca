import FakeSlack
import Foundation
import GRDB
import Testing
@testable import PartnerBot
import SlackPlatform

/// `partnerbot alerts run --as-of T`: T decides what is due; the real clock decides delivery.
@Suite("Alert passes evaluated for another moment")
struct ReplayedPassTests {
    static let day: TimeInterval = 86_400
    /// When the replayed passes really run: the program's own start.
    static let ranAt = TestSupport.now

    static func time(days: Double) -> AlertPassTime {
        AlertPassTime(asOf: TestSupport.now.addingTimeInterval(days * day), ranAt: ranAt)
    }

    /// One approved deal (DR-1, protection ends in 90 days) and one pending (DR-2).
    func program() async throws -> AppDatabase {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        for company in ["Approved Customer", "Pending Customer"] {
            let request = try RegistrationParser.parse(company, today: TestSupport.today).get()
            _ = try await database.registerDeal(
                request, org: "acme-resell", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: "CACME00001",
                settings: AlertPassTests.settings.deals, now: TestSupport.now)
        }
        let manager = Caller(
            userID: ProgramFixture.programManager, teamID: ProgramFixture.vendorTeam, isProgramManager: true, managedOrgs: [], isMarketing: false,
            partnerOrg: nil)
        _ = try await database.applyDealAction(.approve, to: 1, by: manager, settings: AlertPassTests.settings.deals, now: TestSupport.now)
        return database
    }

    /// Delivers what is due at the real time `ranAt` and returns the messages that reached the Web API.
    func deliver(_ database: AppDatabase) async throws -> [WebAPIRequest] {
        let client = RecordingWebAPIClient()
        try await OutboxHarness.withWorker(database: database, client: client, clock: ManualWallClock(Self.ranAt)) {
            let done = try await OutboxHarness.eventually(timeout: .seconds(5)) { try await database.outboxRecords(state: .pending).isEmpty }
            #expect(done, "every message a replayed pass enqueued is deliverable when it runs")
        }
        return client.requests
    }

    @Test func messagesOfAPassForALaterDateAreDeliverableWhenItRuns() async throws {
        let database = try await program()
        _ = try await deliver(database)
        let report = try await database.runAlertPass(settings: AlertPassTests.settings, time: Self.time(days: 83))
        #expect(report.fired.map(\.kind) == [.protectionExpiry, .approvalSLA])
        let alerts = try await database.outboxRecords().filter { $0.dedupeKey.hasPrefix("alert:") }
        #expect(alerts.count == 4)
        #expect(alerts.allSatisfy { abs($0.nextAttemptAt.timeIntervalSince(Self.ranAt)) < 0.001 }, "\(alerts.map(\.nextAttemptAt))")
        #expect(report.enqueuedCount == 4)
        let sent = try await deliver(database).map { String(decoding: $0.body, as: UTF8.self) }
        #expect(sent.count == 4)
        #expect(sent.filter { $0.contains("DR-1") && $0.contains("7 days left") }.count == 2, "the text speaks of the evaluated moment")
    }

    @Test func theLedgerKeepsWhenThePassRanAndWhichMomentItEvaluated() async throws {
        let database = try await program()
        _ = try await database.runAlertPass(settings: AlertPassTests.settings, time: Self.time(days: 83))
        let ledger = try await database.store.read { db -> [Date?] in
            let row = try SQLRow.fetchOne(db, sql: "SELECT fired_at, evaluated_at FROM alert_ledger WHERE kind = 'protection_expiry'")
            return [row?["fired_at"], row?["evaluated_at"]]
        }
        #expect(ledger == [Self.ranAt, Self.time(days: 83).asOf])
    }

    @Test func aDealExpiredByAReplayedPassIsAuditedWhenThePassRanAndSaysWhichMoment() async throws {
        let database = try await program()
        let report = try await database.runAlertPass(settings: AlertPassTests.settings, time: Self.time(days: 91))
        #expect(report.expiredDeals.count == 1)
        let audit = try #require(try await database.dealHistory(id: 1).last)
        #expect(audit.action == "expired")
        #expect(audit.at == Self.ranAt)
        #expect(audit.detail == "alert pass as of 2027-04-16T08:00:00Z")
        let notices = try await database.outboxRecords().filter { $0.dedupeKey.hasPrefix("deal:1:") && $0.payload.contains("expired") }
        #expect(notices.count == 2)
        #expect(notices.allSatisfy { $0.nextAttemptAt <= Self.ranAt })
    }

    @Test func approvalSLAAlertsAndDigestsOfPassesReplayedWithinOneSecondAllLeave() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        for index in 0..<7 {
            let request = try RegistrationParser.parse("Waiting Customer \(index)", today: TestSupport.today).get()
            _ = try await database.registerDeal(
                request, org: "acme-resell", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: nil,
                settings: AlertPassTests.settings.deals, now: TestSupport.now)
        }
        _ = try await deliver(database)
        let half = try await database.runAlertPass(settings: AlertPassTests.settings, time: Self.time(days: 1.1))
        let overdue = try await database.runAlertPass(settings: AlertPassTests.settings, time: Self.time(days: 2.1))
        #expect(half.digests[ProgramFixture.acmeManager] == 7)
        #expect(overdue.digests[ProgramFixture.acmeManager] == 7)
        let sent = try await deliver(database).filter { String(decoding: $0.body, as: UTF8.self).contains(ProgramFixture.acmeManager) }
        let texts = sent.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(texts.count == 2, "both digests reach the manager, though both passes ran at the same second")
        #expect(texts.contains { $0.contains("half-way") } && texts.contains { $0.contains("past its approval SLA") })
    }

    @Test func announcementRemindersOfAReplayedPassAreDeliverableWhenItRuns() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        let rules = AnnouncementRules(tiers: ["registered", "select", "elite"], tracks: [], today: TestSupport.today)
        let file = "---\nid: spiff\ntitle: SPIFF\nremind_after: 72h\n---\nBody.\n"
        _ = try await database.broadcast(try AnnouncementParser.parse(file, file: "spiff.md", rules: rules), by: "U", now: TestSupport.now)
        #expect(try await deliver(database).filter { String(decoding: $0.body, as: UTF8.self).contains("SPIFF") }.count == 2)
        let report = try await database.runAlertPass(settings: AlertPassTests.settings, time: Self.time(days: 3.5))
        #expect(report.fired.map(\.kind) == [.announcementReminder])
        let reminders = try await deliver(database)
        #expect(reminders.count == 2)
        #expect(reminders.allSatisfy { String(decoding: $0.body, as: UTF8.self).contains("thread_ts") })
        let targets = try await database.store.read { db in try Date.fetchAll(db, sql: "SELECT reminded_at FROM announcement_target") }
        #expect(targets == [Self.ranAt, Self.ranAt], "targets are stamped with the real time")
    }

    @Test func aLivePassIsTheSameAsAReplayOfItsOwnMoment() {
        let live = AlertPassTime.live(TestSupport.now)
        #expect(!live.isReplay)
        #expect(live.auditNote.isEmpty)
        #expect(Self.time(days: 1).isReplay)
    }
}
