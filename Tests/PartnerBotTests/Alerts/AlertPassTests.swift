import Foundation
import Testing
@testable import PartnerBot

@Suite("Alert passes with a fixed clock")
struct AlertPassTests {
    static var settings: ProgramSettings {
        var configuration = BotConfiguration()
        ProgramFixture.configure(&configuration)
        // Deal and certification alerts only: the tier step has its own tests.
        configuration.tierRules = TierRules(criteria: [:])
        return ProgramSettings(configuration)
    }

    static let day: TimeInterval = 86_400

    /// A program with one approved deal (DR-1, protection ends now + 90 days) and one pending deal (DR-2).
    func program(_ database: AppDatabase? = nil) async throws -> AppDatabase {
        let database = if let database { database } else { try await TestDatabase.make() }
        try await ProgramFixture.load(into: database)
        let manager = Caller(userID: ProgramFixture.programManager, teamID: ProgramFixture.vendorTeam, isProgramManager: true, managedOrgs: [], isMarketing: false, partnerOrg: nil)
        for company in ["Approved Customer", "Pending Customer"] {
            let request = try RegistrationParser.parse(company, today: TestSupport.today).get()
            _ = try await database.registerDeal(request, org: "acme-resell", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: "CACME00001", settings: Self.settings.deals, now: TestSupport.now)
        }
        _ = try await database.applyDealAction(.approve, to: 1, by: manager, settings: Self.settings.deals, now: TestSupport.now)
        return database
    }

    func pass(_ database: AppDatabase, days: Double, dryRun: Bool = false) async throws -> AlertPassReport {
        try await database.runAlertPass(settings: Self.settings, now: TestSupport.now.addingTimeInterval(days * Self.day), dryRun: dryRun)
    }

    func kinds(_ report: AlertPassReport, subject: String = "deal:1") -> [String] {
        report.fired.filter { $0.subject == subject }.map { "\($0.kind.rawValue) \($0.threshold.split(separator: "@").first ?? "")" }
    }

    @Test func protectionExpiryFiresAtEachThresholdExactlyOnceThenExpires() async throws {
        let database = try await program()
        #expect(kinds(try await pass(database, days: 82)).isEmpty, "8 days left: nothing yet")
        #expect(kinds(try await pass(database, days: 83)) == ["protection_expiry 7d"])
        #expect(kinds(try await pass(database, days: 83.5)).isEmpty, "repeated pass: nothing again")
        #expect(kinds(try await pass(database, days: 86)).isEmpty)
        #expect(kinds(try await pass(database, days: 89.2)) == ["protection_expiry 1d"])
        let messages = try await database.outboxRecords().filter { $0.dedupeKey.hasPrefix("alert:deal:1:protection_expiry") }
        #expect(messages.count == 4)
        #expect(Set(messages.map(\.target)) == [ProgramFixture.acmeManager, "CACME00001"])
        #expect(messages.filter { $0.target == ProgramFixture.acmeManager }.allSatisfy { $0.payload.contains("deal_extend") })
        let ended = try await pass(database, days: 90)
        #expect(ended.expiredDeals.count == 1)
        #expect(try await database.deal(id: 1)?.status == .expired)
        #expect(try await pass(database, days: 91).expiredDeals.isEmpty)
        #expect(try await database.outboxRecords().filter { $0.dedupeKey.hasPrefix("alert:deal:1:protection_expiry") }.isEmpty, "unsent warnings are moot once expired")
        #expect(try await database.outboxRecords().contains { $0.dedupeKey.hasPrefix("deal:1:notice") && $0.payload.contains("expired") })
    }

    @Test func wallClockStepsOfAnHourSendNoAlertTwiceAndSkipNone() async throws {
        let database = try await program()
        let hour = 1.0 / 24
        var fired: [String] = []
        let run = { (days: [Double]) in
            for day in days {
                let report = try await self.pass(database, days: day)
                fired += self.kinds(report) + self.kinds(report, subject: "deal:2")
            }
        }
        // Forward and back by an hour around every threshold: the approval SLA of DR-2 (half at
        // day 1, overdue at day 2, then daily), then the protection of DR-1 (7 d and 1 d before day 90).
        try await run([0.99, 1.01, 1.01 - hour, 1.01, 1.99, 2.01, 2.01 - hour, 2.01 + hour, 2.99, 3.01, 3.01 - hour, 3.01 + hour])
        let manager = Caller(userID: ProgramFixture.programManager, teamID: ProgramFixture.vendorTeam, isProgramManager: true, managedOrgs: [], isMarketing: false, partnerOrg: nil)
        _ = try await database.applyDealAction(.decline(reason: "no"), to: 2, by: manager, settings: Self.settings.deals, now: TestSupport.now.addingTimeInterval(3.1 * Self.day))
        try await run([82.99, 82.99 + hour, 82.99, 83.01, 83.01 - hour, 83.01 + hour, 88.99, 89.01, 89.01 - hour, 89.01])
        #expect(fired == ["approval_sla half", "approval_sla overdue-0", "approval_sla overdue-1", "protection_expiry 7d", "protection_expiry 1d"])
        let messages = try await database.outboxRecords().filter { $0.dedupeKey.hasPrefix("alert:") }
        #expect(Set(messages.map(\.dedupeKey)).count == messages.count, "no message twice")
    }

    @Test func afterDowntimeOnlyTheMostUrgentAlertFires() async throws {
        let database = try await program()
        let report = try await pass(database, days: 89.5)
        #expect(kinds(report) == ["protection_expiry 1d"])
        #expect(kinds(try await pass(database, days: 89.6)).isEmpty)
    }

    @Test func extendedOrClosedDealsStopAlerting() async throws {
        let database = try await program()
        _ = try await pass(database, days: 83)
        let manager = Caller(userID: ProgramFixture.acmeManager, teamID: ProgramFixture.vendorTeam, isProgramManager: false, managedOrgs: ["acme-resell"], isMarketing: false, partnerOrg: nil)
        _ = try await database.applyDealAction(.extend, to: 1, by: manager, settings: Self.settings.deals, now: TestSupport.now.addingTimeInterval(84 * Self.day))
        #expect(kinds(try await pass(database, days: 89.5)).isEmpty, "the old end date is moot after an extension")
        #expect(kinds(try await pass(database, days: 113.5)) == ["protection_expiry 7d"])
        _ = try await database.applyDealAction(.won, to: 1, by: manager, settings: Self.settings.deals, now: TestSupport.now.addingTimeInterval(114 * Self.day))
        #expect(kinds(try await pass(database, days: 119.5)).isEmpty)
        #expect(try await pass(database, days: 200).expiredDeals.isEmpty)
    }

    @Test func approvalSLAWarnsAtHalfThenDailyWhileOverdue() async throws {
        let database = try await program()
        #expect(kinds(try await pass(database, days: 0.9), subject: "deal:2").isEmpty)
        #expect(kinds(try await pass(database, days: 1.01), subject: "deal:2") == ["approval_sla half"])
        #expect(kinds(try await pass(database, days: 1.5), subject: "deal:2").isEmpty)
        #expect(kinds(try await pass(database, days: 2.01), subject: "deal:2") == ["approval_sla overdue-0"])
        #expect(kinds(try await pass(database, days: 2.5), subject: "deal:2").isEmpty)
        #expect(kinds(try await pass(database, days: 3.01), subject: "deal:2") == ["approval_sla overdue-1"])
        let sla = try await database.outboxRecords().filter { $0.dedupeKey.hasPrefix("alert:deal:2:approval_sla") }
        #expect(Set(sla.map(\.target)) == [ProgramFixture.acmeManager, ProgramFixture.managersChannel])
        let manager = Caller(userID: ProgramFixture.programManager, teamID: ProgramFixture.vendorTeam, isProgramManager: true, managedOrgs: [], isMarketing: false, partnerOrg: nil)
        _ = try await database.applyDealAction(.decline(reason: "no"), to: 2, by: manager, settings: Self.settings.deals, now: TestSupport.now.addingTimeInterval(3.1 * Self.day))
        #expect(kinds(try await pass(database, days: 4.01), subject: "deal:2").isEmpty)
    }

    @Test func aDryRunWritesNothing() async throws {
        let database = try await program()
        let before = try await database.outboxRecords().count
        let dry = try await pass(database, days: 83, dryRun: true)
        #expect(kinds(dry) == ["protection_expiry 7d"])
        #expect(try await database.outboxRecords().count == before)
        #expect(kinds(try await pass(database, days: 83)) == ["protection_expiry 7d"])
    }

    @Test func exactlyOnceAcrossARestartAndConcurrentPasses() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bot.sqlite").path
        _ = try await program(try AppDatabase.open(path: path))
        let first = try AppDatabase.open(path: path)
        let second = try AppDatabase.open(path: path)
        let reports = try await withThrowingTaskGroup(of: AlertPassReport.self) { group in
            for database in [first, second, first, second] {
                group.addTask { try await database.runAlertPass(settings: Self.settings, now: TestSupport.now.addingTimeInterval(83 * Self.day)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(reports.flatMap { kinds($0) } == ["protection_expiry 7d"])
        let reopened = try AppDatabase.open(path: path)
        #expect(kinds(try await reopened.runAlertPass(settings: Self.settings, now: TestSupport.now.addingTimeInterval(83.2 * Self.day))).isEmpty)
        #expect(try await reopened.outboxRecords().filter { $0.dedupeKey.hasPrefix("alert:deal:1:protection_expiry") }.count == 2)
    }

    @Test func managersWithManyAlertsGetOneDigest() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        for index in 0..<7 {
            let request = try RegistrationParser.parse("Waiting Customer \(index)", today: TestSupport.today).get()
            _ = try await database.registerDeal(request, org: "acme-resell", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: nil, settings: Self.settings.deals, now: TestSupport.now)
        }
        let report = try await database.runAlertPass(settings: Self.settings, now: TestSupport.now.addingTimeInterval(2.5 * Self.day))
        #expect(report.fired.count == 7)
        #expect(report.digests[ProgramFixture.acmeManager] == 7)
        let toManager = try await database.outboxRecords().filter { $0.target == ProgramFixture.acmeManager && $0.dedupeKey.hasPrefix("alert:") }
        #expect(toManager.count == 1)
        #expect(toManager.first?.payload.contains("7 alerts for you") == true)
    }

    @Test func smallPagesVisitEverySubjectExactlyOnce() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        for index in 0..<7 {
            let request = try RegistrationParser.parse("Paged Customer \(index)", today: TestSupport.today).get()
            _ = try await database.registerDeal(request, org: "acme-resell", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: nil, settings: Self.settings.deals, now: TestSupport.now.addingTimeInterval(Double(index)))
        }
        let report = try await database.runAlertPass(settings: Self.settings, now: TestSupport.now.addingTimeInterval(2.5 * Self.day), pageSize: 2)
        #expect(Set(report.fired.filter { $0.kind == .approvalSLA }.map(\.subject)) == Set((1...7).map { "deal:\($0)" }))
        #expect(report.fired.filter { $0.kind == .approvalSLA }.count == 7)
        let again = try await database.runAlertPass(settings: Self.settings, now: TestSupport.now.addingTimeInterval(2.6 * Self.day), pageSize: 2)
        #expect(again.fired.filter { $0.kind == .approvalSLA }.isEmpty)
    }

    @Test func unresolvedConflictsReachTheManagersChannelAfter24Hours() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        for (org, user, team) in [("acme-resell", ProgramFixture.ann.user, ProgramFixture.ann.team), ("globex", ProgramFixture.bob.user, ProgramFixture.bob.team)] {
            let request = try RegistrationParser.parse("Disputed Customer", today: TestSupport.today).get()
            _ = try await database.registerDeal(request, org: org, userID: user, teamID: team, channelID: nil, settings: Self.settings.deals, now: TestSupport.now)
        }
        #expect(kinds(try await pass(database, days: 0.9), subject: "deal:2").isEmpty)
        #expect(kinds(try await pass(database, days: 1.01), subject: "deal:2") == ["conflict_unresolved 24h"])
        #expect(kinds(try await pass(database, days: 3), subject: "deal:2").isEmpty)
    }

    @Test func certificationExpiryWarnsHolderAndManagerAndStopsWhenRenewed() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        let csv = """
            team_id,user_id,track,earned,expires,credential
            TACME00001,UANN000001,product-fundamentals,2025-03-01,2027-03-01,
            TGLOBEX001,UBOB000001,product-fundamentals,2025-03-01,2027-03-01,
            """
        _ = try await database.importCertifications(try CertificationImport.rows(csv: csv, tracks: CertificationTrack.defaults, today: TestSupport.today), tracks: CertificationTrack.defaults, now: TestSupport.now)
        let at = { (day: String) in CalendarDate(iso: day)!.startOfDay.addingTimeInterval(9 * 3600) }
        var report = try await database.runAlertPass(settings: Self.settings, now: at("2027-01-29"))
        #expect(report.fired.filter { $0.kind == .certificationExpiry }.isEmpty)
        report = try await database.runAlertPass(settings: Self.settings, now: at("2027-01-30"))
        #expect(report.fired.filter { $0.kind == .certificationExpiry }.map { $0.threshold } == ["30d@2027-03-01", "30d@2027-03-01"])
        // Bob renews; Ann does not.
        let renewal = "team_id,user_id,track,earned,expires,credential\nTGLOBEX001,UBOB000001,product-fundamentals,2027-02-10,,\n"
        _ = try await database.importCertifications(try CertificationImport.rows(csv: renewal, tracks: CertificationTrack.defaults, today: CalendarDate(iso: "2027-02-20")!), tracks: CertificationTrack.defaults, now: at("2027-02-20"))
        report = try await database.runAlertPass(settings: Self.settings, now: at("2027-02-22"))
        #expect(report.fired.filter { $0.subject.hasPrefix("cert:") }.map(\.subject) == ["cert:1"])
        #expect(report.fired.first?.threshold == "7d@2027-03-01")
        report = try await database.runAlertPass(settings: Self.settings, now: at("2027-03-01"))
        #expect(report.fired.filter { $0.subject.hasPrefix("cert:") }.map(\.kind) == [.certificationExpired])
        let toAnn = try await database.outboxRecords().filter { $0.target == ProgramFixture.ann.user && $0.dedupeKey.hasPrefix("alert:cert:1") }
        #expect(toAnn.count == 3)
        #expect(try await database.outboxRecords().contains { $0.target == ProgramFixture.acmeManager && $0.dedupeKey.hasPrefix("alert:cert:1:certification_expired") })
    }

    @Test func quietCertifiedPartnersAreListedWeekly() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        let csv = "team_id,user_id,track,earned,expires,credential\nTGLOBEX001,UBOB000001,product-fundamentals,2026-06-01,,\n"
        _ = try await database.importCertifications(try CertificationImport.rows(csv: csv, tracks: CertificationTrack.defaults, today: TestSupport.today), tracks: CertificationTrack.defaults, now: TestSupport.now)
        var report = try await pass(database, days: 0)
        let digest = try #require(report.fired.first { $0.kind == .quietPartners })
        #expect(digest.messages.first?.reply.text.contains("Globex Systems") == true)
        #expect(digest.messages.first?.reply.text.contains("Acme") == false)
        report = try await pass(database, days: 1)
        #expect(report.fired.filter { $0.kind == .quietPartners }.isEmpty, "once a week")
        report = try await pass(database, days: 7)
        #expect(report.fired.filter { $0.kind == .quietPartners }.count == 1)
    }
}
