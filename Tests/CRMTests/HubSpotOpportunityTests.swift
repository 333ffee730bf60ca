import CRM
import FakeCRM
import Testing

/// Looking up direct sales' open deals for a customer, against the fake HubSpot.
@Suite("HubSpot connector: open opportunities")
struct HubSpotOpportunityTests {
    @Test func findsDirectSalesOpenDealsOnlyIgnoringClosedAndPartnerbotOnes() async throws {
        var behaviour = FakeHubSpotServer.Behaviour()
        behaviour.closedDealStages.insert("lost_to_competitor")
        try await HubSpotHarness.with(behaviour: behaviour) { hubspot in
            let server = hubspot.server
            let acme = server.addCompany(name: "Acme", domain: "acme.com")
            let other = server.addCompany(name: "Other", domain: "other.com")
            let open = try server.addDeal(["dealname": "Acme platform", "dealstage": "qualifiedtobuy", "hubspot_owner_id": "42", "pipeline": "default"], companyID: acme)
            try server.addDeal(["dealname": "Won", "dealstage": "closedwon"], companyID: acme)
            try server.addDeal(["dealname": "Lost", "dealstage": "closedlost"], companyID: acme)
            try server.addDeal(["dealname": "Lost, custom stage", "dealstage": "lost_to_competitor"], companyID: acme)
            try server.addDeal(["dealname": "Partner deal", "dealstage": "appointmentscheduled", "partnerbot_registration_id": "DR-3"], companyID: acme)
            try server.addDeal(["dealname": "Someone else's", "dealstage": "appointmentscheduled"], companyID: other)
            let unowned = try server.addDeal(["dealname": "Acme add-on", "dealstage": "appointmentscheduled"], companyID: acme)

            let found = try await hubspot.connector.openOpportunities(for: CRMCompany(name: "ACME Inc", domain: "acme.com"))
            #expect(found == [
                CRMOpportunity(id: open, name: "Acme platform", stage: "qualifiedtobuy", owner: "42"),
                CRMOpportunity(id: unowned, name: "Acme add-on", stage: "appointmentscheduled", owner: nil),
            ])
            #expect(server.requestCount(.search) == 1)
            #expect(server.requestCount(.associationsList) == 1)
            #expect(server.requestCount(.dealsBatchRead) == 1)
        }
    }

    @Test func noMatchingCompanyMeansNoOpportunitiesAfterOneCall() async throws {
        try await HubSpotHarness.with { hubspot in
            hubspot.server.addCompany(name: "Acme", domain: "acme.com")
            let found = try await hubspot.connector.openOpportunities(for: CRMCompany(name: "Acme", domain: "acme.io"))
            #expect(found.isEmpty)
            #expect(hubspot.server.requestCount == 1)
        }
    }

    @Test func withoutADomainTheCompanyIsFoundByName() async throws {
        try await HubSpotHarness.with { hubspot in
            let globex = hubspot.server.addCompany(name: "Globex", domain: nil)
            let deal = try hubspot.server.addDeal(["dealname": "Globex pilot", "dealstage": "presentationscheduled"], companyID: globex)
            let found = try await hubspot.connector.openOpportunities(for: CRMCompany(name: "Globex", domain: nil))
            #expect(found.map(\.id) == [deal])
        }
    }

    @Test func everyAssociationPageIsRead() async throws {
        var behaviour = FakeHubSpotServer.Behaviour()
        behaviour.associationPageSize = 2
        try await HubSpotHarness.with(behaviour: behaviour) { hubspot in
            let acme = hubspot.server.addCompany(name: "Acme", domain: "acme.com")
            var ids: [String] = []
            for index in 1...5 {
                ids.append(try hubspot.server.addDeal(["dealname": "Deal \(index)", "dealstage": "appointmentscheduled"], companyID: acme))
            }
            let found = try await hubspot.connector.openOpportunities(for: CRMCompany(name: "Acme", domain: "acme.com"))
            #expect(found.map(\.id) == ids)
            #expect(hubspot.server.requestCount(.associationsList) == 3)
        }
    }

    @Test func aDealPartnerbotUpsertedIsNotAnOpportunity() async throws {
        try await HubSpotHarness.with { hubspot in
            let company = CRMCompany(name: "Initech", domain: "initech.io")
            _ = try await hubspot.connector.upsert(CRMRecord(registrationID: "DR-20", properties: ["dealstage": .text("appointmentscheduled")], company: company))
            #expect(try await hubspot.connector.openOpportunities(for: company) == [])
        }
    }
}
