import CRM
import FakeCRM
import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

/// The app's sync worker with the live Salesforce connector built from the configuration,
/// over libcurl, against the fake Salesforce on loopback.
@Suite("CRM sync with Salesforce, configured like production")
struct CRMSalesforceTests {
    @Test func theLifecycleReachesTheOpportunityAndDirectSalesIsFlagged() async throws {
        let salesforce = FakeSalesforceServer()
        try await salesforce.start()
        let account = salesforce.addAccount(name: "Acme Corp", website: "https://www.acme.com")
        salesforce.addOpportunity(name: "Acme platform renewal", stage: "Negotiation/Review", accountID: account, ownerName: "Dana Direct")

        var settings = CRMConfiguration(provider: .salesforce)
        settings.salesforce.loginURL = salesforce.baseURL
        settings.salesforce.clientID = FakeSalesforceConfiguration().clientID
        settings.salesforce.clientSecret = ConfiguredSecret(FakeSalesforceConfiguration().clientSecret)
        let connector = try settings.connector(client: CurlRESTClient(), logger: TestSupport.logger)
        var configured = try await CRMFixture.app(provider: .salesforce, crm: connector)
        configured.configuration.crm?.salesforce = settings.salesforce
        let app = configured
        try await CRMFixture.withWorker(app) {
            try await app.test(.router) { client in
                _ = try await client.command("/register", "Acme Corp domain:acme.com amount:80k close:2027-05-31", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
                #expect(try await CRMFixture.synced(app.database))
                #expect(try await OutboxHarness.eventually { try await app.database.crmMatches(dealID: 1).count == 1 })
                _ = try await client.click(
                    "deal_approve", "DR-1", user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam, channel: ProgramFixture.managersChannel)
                _ = try await client.command("/deal", "won DR-1", user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam)
                #expect(try await CRMFixture.synced(app.database))
            }
        }
        await salesforce.stop()
        let opportunity = try #require(salesforce.opportunity(byRegistration: "DR-1"))
        #expect(opportunity["StageName"]?.stringValue == "Closed Won")
        #expect(opportunity["Partnerbot_Status__c"]?.stringValue == "won")
        #expect(opportunity["Name"]?.stringValue == "Acme Corp (DR-1)")
        #expect(opportunity["CloseDate"]?.stringValue == "2027-05-31")
        #expect(salesforce.opportunityCount == 2, "upserted by the external id: one opportunity per registration")
        let match = try #require(try await app.database.crmMatches(dealID: 1).first)
        #expect(match.name == "Acme platform renewal" && match.owner == "Dana Direct")
    }
}
