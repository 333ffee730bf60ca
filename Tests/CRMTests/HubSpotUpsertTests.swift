import CRM
import FakeCRM
import Foundation
import Testing

/// Upserts through the real libcurl client against the fake HubSpot on loopback.
@Suite("HubSpot connector: upserts by registration reference")
struct HubSpotUpsertTests {
    @Test func theSameRecordTwiceMakesOneDealCreatedThenUpdated() async throws {
        try await HubSpotHarness.with { hubspot in
            let first = try await hubspot.connector.upsert(CRMRecord(registrationID: "DR-1", properties: ["dealname": .text("Acme rollout"), "amount": .decimal(1000)]))
            let second = try await hubspot.connector.upsert(CRMRecord(registrationID: "DR-1", properties: ["dealname": .text("Acme rollout"), "amount": .decimal(2500)]))
            #expect(first.created)
            #expect(!second.created)
            #expect(first.crmID == second.crmID)
            #expect(hubspot.server.deals.count == 1)
            #expect(hubspot.server.deal(registration: "DR-1")?["amount"] == "2500")
            #expect(hubspot.server.deal(registration: "DR-1")?["partnerbot_registration_id"] == "DR-1")
            #expect(hubspot.server.requestCount(.dealsBatchUpsert) == 2)
            #expect(hubspot.server.requestCount == 2, "no company: one call per upsert")
        }
    }

    @Test func propertyValuesAreEncodedAsHubSpotStoresThem() async throws {
        try await HubSpotHarness.with { hubspot in
            let instant = Date(timeIntervalSince1970: 1_700_000_000.123)
            let amount = try #require(Decimal(string: "12345.67"))
            var behaviour = hubspot.server.behaviour
            behaviour.dealProperties = nil
            hubspot.server.setBehaviour(behaviour)
            let record = CRMRecord(registrationID: "DR-7", properties: [
                "amount": .decimal(amount), "closedate": .date("2025-03-31"), "seats": .integer(42),
                "signed_at": .timestamp(instant), "is_renewal": .bool(true), "dealname": .text("Globex – phase 2"),
            ])
            _ = try await hubspot.connector.upsert(record)
            let deal = try #require(hubspot.server.deal(registration: "DR-7"))
            #expect(deal["amount"] == "12345.67")
            #expect(deal["closedate"] == "1743379200000", "midnight UTC of 2025-03-31, in milliseconds")
            #expect(deal["seats"] == "42")
            #expect(deal["signed_at"] == "1700000000123")
            #expect(deal["is_renewal"] == "true")
            #expect(deal["dealname"] == "Globex – phase 2")
            #expect(deal["partnerbot_registration_id"] == "DR-7")
        }
    }

    @Test func nullClearsAProperty() async throws {
        try await HubSpotHarness.with { hubspot in
            _ = try await hubspot.connector.upsert(CRMRecord(registrationID: "DR-2", properties: ["description": .text("first draft")]))
            #expect(hubspot.server.deal(registration: "DR-2")?["description"] == "first draft")
            _ = try await hubspot.connector.upsert(CRMRecord(registrationID: "DR-2", properties: ["description": .null]))
            #expect(hubspot.server.deal(registration: "DR-2")?["description"] == nil)
        }
    }

    @Test func anInvalidDateIsRejectedBeforeAnyCall() async throws {
        try await HubSpotHarness.with { hubspot in
            let failure = await crmFailure { () async throws(CRMFailure) in
                try await hubspot.connector.upsert(CRMRecord(registrationID: "DR-3", properties: ["closedate": .date("2025-02-30")]))
            }
            #expect(failure == .rejected("property closedate: \"2025-02-30\" is not a YYYY-MM-DD date"))
            #expect(hubspot.server.requestCount == 0)
        }
    }

    @Test func anExistingCompanyIsFoundByDomainAndAssociatedOnce() async throws {
        try await HubSpotHarness.with { hubspot in
            let acme = hubspot.server.addCompany(name: "ACME Corporation", domain: "acme.com")
            hubspot.server.addCompany(name: "ACME Corp (duplicate, newer)", domain: "acme.com")
            let record = CRMRecord(registrationID: "DR-4", properties: ["dealname": .text("Acme")], company: CRMCompany(name: "Acme Inc", domain: "acme.com"))
            let first = try await hubspot.connector.upsert(record)
            _ = try await hubspot.connector.upsert(record)
            #expect(hubspot.server.companies.count == 2, "no company created")
            #expect(hubspot.server.associations == [FakeHubSpotAssociation(dealID: first.crmID, companyID: acme)], "the oldest match, once")
            #expect(hubspot.server.requestCount(.companiesCreate) == 0)
            #expect(hubspot.server.requestCount(.search) == 2)
            #expect(hubspot.server.requestCount(.associationCreate) == 2)
            #expect(hubspot.server.requestCount == 6, "upsert, search, associate — per upsert")
        }
    }

    @Test func aMissingCompanyIsCreatedWithNameAndDomainThenReused() async throws {
        try await HubSpotHarness.with { hubspot in
            let company = CRMCompany(name: "Initech", domain: "initech.io")
            let first = try await hubspot.connector.upsert(CRMRecord(registrationID: "DR-5", properties: [:], company: company))
            let second = try await hubspot.connector.upsert(CRMRecord(registrationID: "DR-6", properties: [:], company: company))
            let created = try #require(hubspot.server.companies.first)
            #expect(hubspot.server.companies.count == 1)
            #expect(created.name == "Initech")
            #expect(created.domain == "initech.io")
            #expect(hubspot.server.requestCount(.companiesCreate) == 1)
            #expect(Set(hubspot.server.associations) == [
                FakeHubSpotAssociation(dealID: first.crmID, companyID: created.id), FakeHubSpotAssociation(dealID: second.crmID, companyID: created.id),
            ])
        }
    }

    @Test func withoutADomainTheCompanyIsMatchedByExactName() async throws {
        try await HubSpotHarness.with { hubspot in
            hubspot.server.addCompany(name: "Globex Holdings", domain: "globex-holdings.com")
            let globex = hubspot.server.addCompany(name: "Globex", domain: nil)
            let result = try await hubspot.connector.upsert(CRMRecord(registrationID: "DR-8", properties: [:], company: CRMCompany(name: "Globex", domain: nil)))
            #expect(hubspot.server.companyIDs(ofDeal: result.crmID) == [globex])
            #expect(hubspot.server.companies.count == 2)
        }
    }
}
