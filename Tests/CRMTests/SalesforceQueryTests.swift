import CRM
import FakeCRM
import Foundation
import SlackPlatform
import Testing

/// SOQL the connector sends: open opportunities of direct sales, escaping, pagination.
@Suite("Salesforce: queries")
struct SalesforceQueryTests {
    @Test func openOpportunitiesFindsDirectSalesOnly() async throws {
        let fixture = try await SalesforceFixture.start()
        let acme = fixture.server.addAccount(name: "Acme", website: "https://www.acme.com/")
        let notAcme = fixture.server.addAccount(name: "Not Acme", website: "notacme.com")
        let open = fixture.server.addOpportunity(name: "Acme renewal", stage: "Negotiation/Review", accountID: acme, ownerName: "Dana Direct")
        fixture.server.addOpportunity(name: "Acme 2023", stage: "Closed Won", accountID: acme)
        fixture.server.addOpportunity(name: "Acme lost", stage: "Closed Lost", accountID: acme)
        fixture.server.addOpportunity(name: "Acme via partner", stage: "Prospecting", accountID: acme, registrationID: "DR-7")
        fixture.server.addOpportunity(name: "Not Acme deal", stage: "Prospecting", accountID: notAcme)
        fixture.server.addOpportunity(name: "Orphan", stage: "Prospecting", accountID: nil)
        let found = try await fixture.connector().openOpportunities(for: CRMCompany(name: "ACME Inc", domain: "acme.com"))
        #expect(found == [CRMOpportunity(id: open, name: "Acme renewal", stage: "Negotiation/Review", owner: "Dana Direct")])
        await fixture.stop()
    }

    @Test func openOpportunitiesWithDomainAlsoMatchAccountsByNameOnce() async throws {
        let fixture = try await SalesforceFixture.start()
        let byWebsite = fixture.server.addAccount(name: "Globex", website: "https://globex.example")
        let noWebsite = fixture.server.addAccount(name: "GLOBEX")
        let first = fixture.server.addOpportunity(name: "Globex web", stage: "Prospecting", accountID: byWebsite)
        let second = fixture.server.addOpportunity(name: "Globex no web", stage: "Qualification", accountID: noWebsite, ownerName: "Sam Sales")
        let found = try await fixture.connector().openOpportunities(for: CRMCompany(name: "Globex", domain: "globex.example"))
        #expect(found.map(\.id) == [first, second])
        #expect(found.last?.owner == "Sam Sales")
        await fixture.stop()
    }

    @Test func openOpportunitiesGetANewTokenWhenTheSessionExpired() async throws {
        let fixture = try await SalesforceFixture.start()
        let acme = fixture.server.addAccount(name: "Acme", website: "acme.com")
        let open = fixture.server.addOpportunity(name: "Acme renewal", stage: "Prospecting", accountID: acme)
        let crm = fixture.connector()
        #expect(try await crm.openOpportunities(for: CRMCompany(name: "Acme", domain: nil)).map(\.id) == [open])
        fixture.server.enqueue(.expiredToken)
        #expect(try await crm.openOpportunities(for: CRMCompany(name: "Acme", domain: nil)).map(\.id) == [open])
        #expect(fixture.server.tokensIssued == 2)
        #expect(fixture.server.requestCount(.query) == 3)
        await fixture.stop()
    }

    @Test func openOpportunitiesWithoutDomainMatchExactAccountName() async throws {
        let fixture = try await SalesforceFixture.start()
        let initech = fixture.server.addAccount(name: "Initech")
        let holdings = fixture.server.addAccount(name: "Initech Holdings")
        let open = fixture.server.addOpportunity(name: "Initech TPS", stage: "Qualification", accountID: initech, ownerName: "Bill L.")
        fixture.server.addOpportunity(name: "Holdings deal", stage: "Qualification", accountID: holdings)
        let found = try await fixture.connector().openOpportunities(for: CRMCompany(name: "initech", domain: nil))
        #expect(found.map(\.id) == [open])
        #expect(found.first?.owner == "Bill L.")
        await fixture.stop()
    }

    @Test func quotesAndBackslashesInNamesAreEscaped() async throws {
        let fixture = try await SalesforceFixture.start()
        let obrien = fixture.server.addAccount(name: #"O'Brien \ Sons"#)
        let open = fixture.server.addOpportunity(name: "O'Brien expansion", stage: "Prospecting", accountID: obrien)
        let crm = fixture.connector()
        let found = try await crm.openOpportunities(for: CRMCompany(name: #"O'Brien \ Sons"#, domain: nil))
        #expect(found.map(\.id) == [open])
        #expect(fixture.server.requests.last?.soql?.contains(#"Account.Name = 'O\'Brien \\ Sons'"#) == true)
        _ = try await crm.upsert(SalesforceFixture.deal("DR-1", company: CRMCompany(name: #"O'Brien \ Sons"#, domain: nil)))
        #expect(fixture.server.opportunity(byRegistration: "DR-1")?["AccountId"] == .string(obrien))
        #expect(fixture.server.accounts.count == 1)
        await fixture.stop()
    }

    @Test func injectedSOQLMatchesNothingElse() async throws {
        let fixture = try await SalesforceFixture.start()
        let victim = fixture.server.addAccount(name: "Victim Corp", website: "victim.example")
        fixture.server.addOpportunity(name: "Victim renewal", stage: "Prospecting", accountID: victim)
        let crm = fixture.connector()
        for name in [#"x' OR Name LIKE '%"#, #"x\' OR Name != '"#, "%", "_ictim Corp"] {
            #expect(try await crm.openOpportunities(for: CRMCompany(name: name, domain: nil)).isEmpty)
        }
        let hostile = #"Evil' OR Name LIKE '%"#
        _ = try await crm.upsert(SalesforceFixture.deal("DR-1", company: CRMCompany(name: hostile, domain: nil)))
        let account = try #require(fixture.server.accounts.last)
        #expect(account.name == hostile && account.id != victim)
        #expect(fixture.server.opportunity(byRegistration: "DR-1")?["AccountId"] == .string(account.id))
        await fixture.stop()
    }

    @Test func wildcardsInDomainsMatchLiterally() async throws {
        let fixture = try await SalesforceFixture.start()
        let other = fixture.server.addAccount(name: "Other", website: "ab.example")
        fixture.server.addOpportunity(name: "Other deal", stage: "Prospecting", accountID: other)
        let found = try await fixture.connector().openOpportunities(for: CRMCompany(name: "Percent", domain: "%.example"))
        #expect(found.isEmpty)
        #expect(fixture.server.requests.contains { $0.soql?.contains(#"Account.Website LIKE '%\%.example%'"#) == true })
        await fixture.stop()
    }

    @Test func resultPagesAreFollowed() async throws {
        let fixture = try await SalesforceFixture.start { $0.queryPageSize = 2 }
        let acme = fixture.server.addAccount(name: "Acme", website: "acme.com")
        let ids = (1...5).map { fixture.server.addOpportunity(name: "Deal \($0)", stage: "Prospecting", accountID: acme) }
        let found = try await fixture.connector().openOpportunities(for: CRMCompany(name: "Acme", domain: "acme.com"))
        #expect(found.map(\.id) == ids)
        // By website, then by name (the same five, not repeated): three pages each.
        #expect(fixture.server.requestCount(.query) == 2)
        #expect(fixture.server.requestCount(.queryMore) == 4)
        await fixture.stop()
    }

    @Test func fakeRefusesQueriesItDoesNotKnow() async throws {
        let fixture = try await SalesforceFixture.start()
        let token = try await Self.token(fixture)
        for (soql, code) in [
            ("SELECT Id FROM Account WHERE Name = 'a' OR Name = 'b'", "MALFORMED_QUERY"),
            ("SELECT Id FROM Account WHERE Name = 'unterminated", "MALFORMED_QUERY"),
            (#"SELECT Id FROM Account WHERE Name = 'bad \q escape'"#, "MALFORMED_QUERY"),
            ("SELECT Id, Secret__c FROM Account", "INVALID_FIELD"),
        ] {
            let url = fixture.server.baseURL + "/services/data/v62.0/query?q=" + (soql.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let response = try await fixture.client.send(RESTRequest(method: .get, url: url, headers: [("Authorization", "Bearer \(token)")]))
            #expect(response.status == 400)
            #expect(response.text.contains(#""errorCode":"\#(code)""#))
        }
        await fixture.stop()
    }

    static func token(_ fixture: SalesforceFixture) async throws -> String {
        let response = try await fixture.client.send(
            RESTRequest(
                method: .post, url: fixture.server.baseURL + "/services/oauth2/token",
                headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("grant_type=client_credentials&client_id=fake-consumer-key&client_secret=\(SalesforceFixture.secret)".utf8)))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(json["instance_url"] as? String == fixture.server.baseURL)
        return try #require(json["access_token"] as? String)
    }
}
