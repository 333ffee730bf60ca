import Foundation
import GRDB
import Testing
@testable import PartnerBot

/// Listings decode deals by position; every other read by column name: both give the same deal.
@Suite("Deals decoded by position")
struct DealPositionalDecodingTests {
    @Test func listingsReadTheSameDealsAsEveryOtherQuery() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        for company in ["Acme Corp domain:acme.com amount:50k close:2027-03-31 motion:resale", "Initech note:\"a note\"", "Globex Corp"] {
            _ = try await database.registerDeal(
                try RegistrationParser.parse(company, today: TestSupport.today).get(), org: "acme-resell", userID: ProgramFixture.ann.user,
                teamID: ProgramFixture.ann.team, channelID: "CACME00001", settings: ProgramFixture.settings, now: TestSupport.now)
        }
        let manager = Caller(userID: ProgramFixture.programManager, teamID: ProgramFixture.vendorTeam, isProgramManager: true, managedOrgs: [], isMarketing: false, partnerOrg: nil)
        _ = try await database.applyDealAction(.approve, to: 1, by: manager, settings: ProgramFixture.settings, now: TestSupport.now.addingTimeInterval(3_600.5))
        let byName = try await database.store.read { db in try Deal.fetchAll(db, sql: "SELECT * FROM deal ORDER BY id") }
        let listed = try await database.deals(of: "acme-resell").sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        #expect(listed == byName)
        #expect(byName.first?.protectionEnd != nil && byName.first?.decidedAt != nil, "dates set and unset both compared")
        let pending = try await database.pendingDeals(for: manager)
        #expect(pending == byName.filter { $0.status == .pending })
    }
}
