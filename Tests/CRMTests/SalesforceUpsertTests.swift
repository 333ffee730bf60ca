import CRM
import FakeCRM
import Foundation
import SlackPlatform
import Testing

/// Deals upserted by registration reference: idempotence, Accounts, JSON value types.
@Suite("Salesforce: upserts")
struct SalesforceUpsertTests {
    @Test func sameRecordTwiceLeavesOneOpportunity() async throws {
        let fixture = try await SalesforceFixture.start()
        let crm = fixture.connector()
        let first = try await crm.upsert(SalesforceFixture.deal("DR-12"))
        let second = try await crm.upsert(SalesforceFixture.deal("DR-12", extra: ["StageName": .text("Qualification")]))
        #expect(first.created && !second.created)
        #expect(first.crmID == second.crmID && first.crmID.hasPrefix("006"))
        #expect(fixture.server.opportunityCount == 1)
        let stored = try #require(fixture.server.opportunity(byRegistration: "DR-12"))
        #expect(stored["StageName"] == .string("Qualification"))
        #expect(stored["Id"] == .string(first.crmID))
        #expect(fixture.server.requests.last?.path == "/services/data/v62.0/sobjects/Opportunity/Partnerbot_Registration_Id__c/DR-12")
        #expect(fixture.server.requests.last?.method == "PATCH")
        await fixture.stop()
    }

    @Test func updatesAnsweredWithNoContentReadTheIdByExternalID() async throws {
        let fixture = try await SalesforceFixture.start { $0.answersUpdatesWithNoContent = true }
        let crm = fixture.connector()
        let first = try await crm.upsert(SalesforceFixture.deal("DR-5"))
        let second = try await crm.upsert(SalesforceFixture.deal("DR-5"))
        #expect(second == CRMUpsertResult(crmID: first.crmID, created: false))
        #expect(fixture.server.requestCount(.readByExternalID) == 1)
        await fixture.stop()
    }

    @Test func externalIDFieldIsOnlyInTheURL() async throws {
        let fixture = try await SalesforceFixture.start()
        _ = try await fixture.connector().upsert(SalesforceFixture.deal("DR-3", extra: ["Partnerbot_Registration_Id__c": .text("DR-999")]))
        let upsert = try #require(fixture.server.requests.first { $0.endpoint == .upsert })
        #expect(!upsert.body.contains("Partnerbot_Registration_Id__c"))
        #expect(fixture.server.opportunity(byRegistration: "DR-3") != nil)
        #expect(fixture.server.opportunity(byRegistration: "DR-999") == nil)
        await fixture.stop()
    }

    @Test func existingAccountIsFoundByWebsiteAndSetAsAccountID() async throws {
        let fixture = try await SalesforceFixture.start()
        fixture.server.addAccount(name: "Not Acme", website: "https://notacme.com")
        let acme = fixture.server.addAccount(name: "ACME Corporation", website: "https://www.acme.com/about")
        _ = try await fixture.connector().upsert(SalesforceFixture.deal("DR-1", company: CRMCompany(name: "Acme", domain: "acme.com")))
        #expect(fixture.server.opportunity(byRegistration: "DR-1")?["AccountId"] == .string(acme))
        #expect(fixture.server.accounts.count == 2)
        #expect(fixture.server.requestCount(.create) == 0)
        await fixture.stop()
    }

    @Test func missingAccountIsCreatedWithNameAndWebsite() async throws {
        let fixture = try await SalesforceFixture.start()
        fixture.server.addAccount(name: "Globex", website: "globex.example")
        let crm = fixture.connector()
        _ = try await crm.upsert(SalesforceFixture.deal("DR-1", company: CRMCompany(name: "Initech", domain: "initech.example")))
        let created = try #require(fixture.server.accounts.last)
        #expect(created.name == "Initech" && created.website == "initech.example")
        #expect(fixture.server.opportunity(byRegistration: "DR-1")?["AccountId"] == .string(created.id))
        _ = try await crm.upsert(SalesforceFixture.deal("DR-2", company: CRMCompany(name: "Initech Inc", domain: "initech.example")))
        #expect(fixture.server.accounts.count == 2)
        #expect(fixture.server.opportunity(byRegistration: "DR-2")?["AccountId"] == .string(created.id))
        await fixture.stop()
    }

    @Test func companyWithoutDomainIsMatchedByExactName() async throws {
        let fixture = try await SalesforceFixture.start()
        let umbrella = fixture.server.addAccount(name: "Umbrella Corp")
        fixture.server.addAccount(name: "Umbrella Corp Holdings")
        _ = try await fixture.connector().upsert(SalesforceFixture.deal("DR-1", company: CRMCompany(name: "umbrella corp", domain: nil)))
        #expect(fixture.server.opportunity(byRegistration: "DR-1")?["AccountId"] == .string(umbrella))
        #expect(fixture.server.accounts.count == 2)
        await fixture.stop()
    }

    @Test func valuesAreSentAsTheirJSONTypes() async throws {
        let fixture = try await SalesforceFixture.start()
        let amount = try #require(Decimal(string: "12345678901234567.89"))
        let instant = Date(timeIntervalSince1970: 1_717_243_200.5)
        _ = try await fixture.connector().upsert(
            SalesforceFixture.deal(
                "DR-7",
                extra: [
                    "Amount": .decimal(amount), "Partner_Seats__c": .integer(42), "Partner_Registered_At__c": .timestamp(instant),
                    "Partner_Exclusive__c": .bool(true), "Description": .null, "Partner_Name__c": .text("Ünïcode \"quoted\"\nline"),
                ]))
        let stored = try #require(fixture.server.opportunity(byRegistration: "DR-7"))
        #expect(stored["Amount"] == .number("12345678901234567.89"))
        #expect(stored["Partner_Seats__c"] == .number("42"))
        #expect(stored["Partner_Registered_At__c"] == .string("2024-06-01T12:00:00.500Z"))
        #expect(stored["Partner_Exclusive__c"] == .bool(true))
        #expect(stored["Description"] == .null)
        #expect(stored["CloseDate"] == .string("2030-06-30"))
        #expect(stored["Partner_Name__c"] == .string("Ünïcode \"quoted\"\nline"))
        await fixture.stop()
    }

    @Test func unknownFieldIsRejectedWithSalesforcesText() async throws {
        let fixture = try await SalesforceFixture.start()
        let failure = await salesforceFailure { try await fixture.connector().upsert(SalesforceFixture.deal("DR-1", extra: ["Bogus__c": .text("x")])) }
        #expect(failure == .rejected("INVALID_FIELD: No such column 'Bogus__c' on sobject of type Opportunity"))
        #expect(failure?.isPermanent == true)
        #expect(fixture.server.opportunityCount == 0)
        await fixture.stop()
    }

    @Test func missingRequiredFieldsOnCreateAreRejected() async throws {
        let fixture = try await SalesforceFixture.start()
        let record = CRMRecord(registrationID: "DR-1", properties: ["Name": .text("Only a name")])
        let failure = await salesforceFailure { try await fixture.connector().upsert(record) }
        #expect(failure == .rejected("REQUIRED_FIELD_MISSING: Required fields are missing: [StageName, CloseDate] (fields: StageName, CloseDate)"))
        await fixture.stop()
    }

    @Test func invalidDateIsRejectedBeforeSending() async throws {
        let fixture = try await SalesforceFixture.start()
        let failure = await salesforceFailure { try await fixture.connector().upsert(SalesforceFixture.deal("DR-1", extra: ["CloseDate": .date("30/06/2030")])) }
        #expect(failure == .rejected("CloseDate: date \"30/06/2030\" is not YYYY-MM-DD"))
        #expect(fixture.server.requestCount(.upsert) == 0)
        await fixture.stop()
    }
}
