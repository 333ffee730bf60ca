import CRM
import FakeCRM
import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

/// The app's sync worker with the live HubSpot connector built from the configuration, over
/// libcurl, against the fake HubSpot on loopback, with faults on the way.
@Suite("CRM sync with HubSpot, configured like production")
struct CRMHubSpotTests {
    static let manager = ProgramFixture.acmeManager

    @Test func eachStepReachesHubSpotInOrderThroughFaultsAndHubSpotEndsWithWhatTheBotHolds() async throws {
        let hubspot = FakeHubSpotServer(behaviour: CRMProcessTests.behaviour)
        try await hubspot.start()
        var settings = CRMConfiguration(provider: .hubspot)
        settings.hubspot.apiURL = hubspot.baseURL
        settings.hubspot.token = ConfiguredSecret(FakeHubSpotServer.defaultToken)
        let connector = try settings.connector(client: CurlRESTClient(), logger: TestSupport.logger)
        let app = try await CRMFixture.app(crm: connector)
        let stages = try await CRMFixture.withWorker(app) {
            try await app.test(.router) { client in
                var seen: [String?] = []
                let step = { @Sendable (faults: [FakeCRMFault]) in
                    for fault in faults { hubspot.inject(fault, on: .dealsBatchUpsert) }
                }
                step([.rateLimited(retryAfterSeconds: 1), .serverError(status: 503)])
                _ = try await client.command("/register", "Acme Corp domain:acme.com amount:50k close:2027-03-31", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
                guard try await CRMFixture.syncedAdvancingTime(app) else { return seen }
                seen.append(hubspot.deal(registration: "DR-1")?["partnerbot_status"])
                step([.dropConnection])
                _ = try await client.click("deal_approve", "DR-1", user: Self.manager, team: ProgramFixture.vendorTeam, channel: ProgramFixture.managersChannel)
                guard try await CRMFixture.syncedAdvancingTime(app) else { return seen }
                seen.append(hubspot.deal(registration: "DR-1")?["partnerbot_status"])
                _ = try await client.command("/deal", "stage DR-1 negotiation", user: Self.manager, team: ProgramFixture.vendorTeam)
                guard try await CRMFixture.syncedAdvancingTime(app) else { return seen }
                seen.append(hubspot.deal(registration: "DR-1")?["dealstage"])
                _ = try await client.command("/deal", "won DR-1", user: Self.manager, team: ProgramFixture.vendorTeam)
                guard try await CRMFixture.syncedAdvancingTime(app) else { return seen }
                seen.append(hubspot.deal(registration: "DR-1")?["dealstage"])
                return seen
            }
        }
        await hubspot.stop()
        #expect(stages == ["pending", "approved", "contractsent", "closedwon"])
        let deal = try #require(try await app.database.deal(id: 1))
        let record = try #require(hubspot.deal(registration: "DR-1"))
        #expect(record["partnerbot_status"] == deal.status.rawValue)
        #expect(record["dealname"] == "Acme Corp (DR-1)")
        #expect(record["amount"] == "50000")
        #expect(record["partnerbot_partner"] == "Acme Reselling")
        #expect(hubspot.deals.count == 1, "upserted by the registration reference, never duplicated")
        let company = try #require(hubspot.companies.first)
        #expect(hubspot.companyIDs(ofDeal: try #require(hubspot.dealRecord(registration: "DR-1")?.id)) == [company.id])
    }
}
