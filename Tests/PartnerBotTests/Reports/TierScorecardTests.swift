import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Tier scorecards")
struct TierScorecardTests {
    static var settings: ProgramSettings { ProgramSettings(TestSupport.configuration()) }

    @Test func measuresCoverTheRollingFourQuartersAndTheScorecardSaysWhatIsMissing() async throws {
        let database = try await ReportTimeline.build()
        let measures = try await database.tierMeasures(org: "acme", now: ReportTimeline.asOf)
        #expect(CalendarDate(measures.windowStart).description == "2026-07-01" && CalendarDate(measures.windowEnd).description == "2027-07-01")
        #expect(measures.wonMinor == ["USD": 1_300_000], "Alpha ($10k) and Old ($3k), both won in the window")
        #expect(measures.approvedRegistrations == 3, "Old, Alpha and Beta were approved in the window")
        let card = try #require(try await database.tierScorecard(org: "acme", settings: Self.settings, now: ReportTimeline.asOf))
        #expect(card.currentTier == "select" && card.nextTier == "elite")
        #expect(card.qualifiesFor == "registered", "$13,000 won is short of select's $100,000")
        #expect(card.lines.map(\.name) == ["Won (USD)", "Certified people", "Approved registrations"])
        #expect(card.lines.map(\.value) == [1_300_000, 0, 3])
        #expect(!card.isClose(percent: 80))
        let text = String(decoding: TierText.scorecard(card).json, as: UTF8.self)
        #expect(text.contains("Toward elite") && text.contains("$13,000 / $500,000") && text.contains("Missing for elite"))
        #expect(text.contains("2027-07-01"), "when the window moves on")
    }

    @Test func certifiedPeopleCountEachPersonOnceAndOnlyListedTracks() {
        let measures = TierMeasures(
            windowStart: Date(), windowEnd: Date(), wonMinor: [:],
            certifiedByTrack: ["sales-pro": ["T/U1", "T/U2"], "product-fundamentals": ["T/U1", "T/U3"]], approvedRegistrations: 0)
        #expect(measures.certifiedPeople(tracks: []) == 3)
        #expect(measures.certifiedPeople(tracks: ["sales-pro"]) == 2)
        let rules = TierRules(criteria: ["select": TierCriteria(certifiedPeople: 2, certifiedTracks: ["sales-pro"]), "elite": TierCriteria(certifiedPeople: 10)])
        let org = PartnerOrg(org: "o", name: "O", type: .reseller, tier: "registered", region: "emea", teamID: nil, channelID: nil, manager: nil, createdAt: Date(), updatedAt: Date())
        let card = TierScorecard(org: org, measures: measures, rules: rules, tiers: ["registered", "select", "elite"])
        #expect(card.qualifiesFor == "select" && card.lines.allSatisfy(\.met))
    }

    @Test func partnersSeeTheirOwnScorecardAndManagersAnyTheyManage() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let ann = ProgramFixture.ann
            let mine = try await client.command("/tier", "", user: ann.user, team: ann.team)
            #expect(mine.text.contains("Acme Reselling") && mine.text.contains("Toward"))
            let other = try await client.command("/tier", "org:globex", user: ann.user, team: ann.team)
            #expect(other.replyText.contains("your own organisation") && !other.text.contains("Globex"))
            let manager = try await client.command("/tier", "org:acme-resell", user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam)
            #expect(manager.text.contains("Acme Reselling"))
            let outsider = try await client.command("/tier", "", user: ProgramFixture.outsider.user, team: ProgramFixture.outsider.team)
            #expect(outsider.replyText.contains("not enrolled"))
        }
    }
}
