import Foundation
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Tier nudges and the quarterly tier review")
struct TierAlertTests {
    /// select: one approved registration; elite: $15k won and three approved.
    static var settings: ProgramSettings {
        var configuration = TestSupport.configuration()
        configuration.managersChannel = "CMGRS00001"
        configuration.tierRules = TierRules(criteria: [
            "select": TierCriteria(approvedRegistrations: 1),
            "elite": TierCriteria(wonAmount: Money(minorUnits: 1_500_000, currency: "USD"), approvedRegistrations: 3),
        ], nudgePercent: 80)
        return ProgramSettings(configuration)
    }

    static func pass(_ database: AppDatabase, at text: String) async throws -> AlertPassReport {
        try await database.runAlertPass(settings: settings, now: ReportTimeline.at(text))
    }

    @Test func aPartnerCloseToTheNextTierIsNudgedOnceEver() async throws {
        let database = try await ReportTimeline.build()
        let first = try await Self.pass(database, at: "2027-04-10T00:00:00Z")
        #expect(first.fired.filter { $0.kind == .tierNudge }.map(\.subject) == ["org:acme"], "acme: $13k of $15k won (87%), 3 of 3 approved")
        _ = try await Self.pass(database, at: "2027-04-10T00:05:00Z")
        _ = try await Self.pass(database, at: "2027-04-11T00:00:00Z")
        let nudges = try await database.outboxRecords().filter { $0.target == "CACME" && $0.payload.contains("close to elite") }
        #expect(nudges.count == 1, "once per organisation and tier, across passes and days")
        #expect(nudges.first?.payload.contains("$13,000") == true)
    }

    @Test func theFirstPassOfAQuarterAsksManagersOnceAndTheirDecisionsHoldOnce() async throws {
        let database = try await ReportTimeline.build()
        let report = try await Self.pass(database, at: "2027-04-10T00:00:00Z")
        #expect(report.fired.filter { $0.kind == .tierReview }.count == 1)
        _ = try await Self.pass(database, at: "2027-04-12T00:00:00Z")
        let reviews = try await database.outboxRecords().filter { $0.target == "CMGRS00001" && $0.payload.contains("Tier review Q2 2027") }
        #expect(reviews.count == 1, "one review per quarter")
        let review = try #require(reviews.first?.payload)
        #expect(review.contains("bolt|select|elite|Q2 2027"), "bolt (elite) now qualifies for select")
        #expect(review.contains("calm|select|registered|Q2 2027"), "calm (registered) qualifies for select")
        #expect(!review.contains("acme|"), "acme stays select")
        #expect(review.contains("tier_apply") && review.contains("tier_keep"))

        let applied = try await database.decideTier(org: "calm", to: "select", from: "registered", quarter: "Q2 2027", apply: true, by: "UMGR1", now: ReportTimeline.asOf)
        #expect(applied == .applied(org: "calm", to: "select"))
        let again = try await database.decideTier(org: "calm", to: "select", from: "registered", quarter: "Q2 2027", apply: true, by: "UMGR2", now: ReportTimeline.asOf)
        #expect(again == .alreadyDecided(decision: "applied", by: "UMGR1", tier: "select"), "a double click changes nothing")
        #expect(try await database.partnerOrg("calm")?.tier == "select")
        let told = try await database.outboxRecords().filter { $0.target == "CCALM" && $0.payload.contains("is now *select*") }
        #expect(told.count == 1)
        let kept = try await database.decideTier(org: "bolt", to: "select", from: "elite", quarter: "Q2 2027", apply: false, by: "UMGR1", now: ReportTimeline.asOf)
        #expect(kept == .kept(org: "bolt", tier: "elite"))
        #expect(try await database.partnerOrg("bolt")?.tier == "elite")
        let stale = try await database.decideTier(org: "acme", to: "elite", from: "registered", quarter: "Q2 2027", apply: true, by: "UMGR1", now: ReportTimeline.asOf)
        #expect(stale == .stale(current: "select"))
    }

    @Test func withoutCriteriaTiersAreLeftAlone() async throws {
        let database = try await ReportTimeline.build()
        var configuration = TestSupport.configuration()
        configuration.managersChannel = "CMGRS00001"
        configuration.tierRules = TierRules(criteria: [:])
        let report = try await database.runAlertPass(settings: ProgramSettings(configuration), now: ReportTimeline.asOf)
        #expect(report.fired.allSatisfy { $0.kind != .tierReview && $0.kind != .tierNudge })
    }
}

@Suite("Tier review buttons, driven by signed requests")
struct TierReviewButtonTests {
    @Test func theOrganisationsManagerAppliesOnceAndPartnersCannot() async throws {
        let app = try await TestApp.program()
        let report = try await app.database.runAlertPass(settings: ProgramSettings(app.configuration), now: TestSupport.now)
        #expect(report.fired.contains { $0.kind == .tierReview }, "acme (select) and globex (elite) have no figures yet: both fall below their tier")
        let value = "acme-resell|registered|select|Q1 2027"
        try await app.test(.router) { client in
            let partner = try await client.click("tier_apply", value, user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            #expect(partner.text.contains("Only the organisation"))
            let globexManager = try await client.click("tier_apply", value, user: ProgramFixture.globexManager, team: ProgramFixture.vendorTeam)
            #expect(globexManager.text.contains("Only the organisation"))
            let applied = try await client.click("tier_apply", value, user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam)
            #expect(applied.text.contains("is now *registered*"))
            let doubleClick = try await client.click("tier_apply", value, user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam)
            #expect(doubleClick.text.contains("Already decided"))
            let keep = try await client.click("tier_keep", value, user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam)
            #expect(keep.text.contains("Already decided"))
        }
        #expect(try await app.database.partnerOrg("acme-resell")?.tier == "registered")
        #expect(try await app.database.outboxRecords().filter { $0.target == "CACME00001" && $0.payload.contains("is now *registered*") }.count == 1)
    }
}
