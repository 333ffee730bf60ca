import Foundation
import SlackPlatform
import Testing
import _CryptoExtras

@testable import CRM

/// The connector's pure parts: SOQL escaping, JSON bodies, website matching, the JWT assertion.
@Suite("Salesforce: units")
struct SalesforceUnitTests {
    @Test(arguments: [
        (#"O'Brien \ Sons"#, #"'O\'Brien \\ Sons'"#),
        ("plain", "'plain'"),
        ("two\nlines\ttab", #"'two\nlines\ttab'"#),
        ("bell\u{08}feed\u{0C}", #"'bell\bfeed\f'"#),
        (#"say "hi""#, #"'say \"hi\"'"#),
        ("100%_sure", "'100%_sure'"),
    ])
    func literalsEscapeReservedCharacters(value: String, expected: String) {
        #expect(SalesforceSOQL.literal(value) == expected)
    }

    @Test func containsPatternsEscapeWildcards() {
        #expect(SalesforceSOQL.containsPattern("acme.com") == "'%acme.com%'")
        #expect(SalesforceSOQL.containsPattern(#"50%_off\'s"#) == #"'%50\%\_off\\\'s%'"#)
    }

    @Test func openOpportunityQueryShape() {
        let byDomain = SalesforceSOQL.openOpportunities(object: "Opportunity", externalIDField: "Ext__c", account: .website("a.com"))
        #expect(byDomain == "SELECT Id, Name, StageName, OwnerId, Owner.Name, Account.Website FROM Opportunity WHERE IsClosed = false AND Ext__c = null AND Account.Website LIKE '%a.com%' ORDER BY CreatedDate ASC")
        let byName = SalesforceSOQL.openOpportunities(object: "Opportunity", externalIDField: "Ext__c", account: .name("A'"))
        #expect(byName.hasSuffix(#"AND Account.Name = 'A\'' ORDER BY CreatedDate ASC"#))
    }

    @Test func apiNamesAreChecked() {
        #expect(SalesforceSOQL.isAPIName("Partnerbot_Registration_Id__c"))
        #expect(SalesforceSOQL.isAPIName("Opportunity"))
        for bad in ["", "1abc", "Name = 'x'", "a/b", "Opp.Name", "Ünï"] { #expect(!SalesforceSOQL.isAPIName(bad)) }
    }

    @Test func badConfiguredNamesAreRejectedBeforeAnyRequest() async {
        let client = CannedSalesforceClient(RESTResponse(status: 200))
        let settings = SalesforceSettings(externalIDField: "Ext__c/../../x", auth: .clientCredentials(clientID: "id", clientSecret: "secret"))
        let failure = await salesforceFailure { try await SalesforceConnector(settings: settings, client: client).upsert(SalesforceFixture.deal("DR-1")) }
        #expect(failure == .rejected("Ext__c/../../x is not a Salesforce API name (letters, digits and underscores)"))
        #expect(client.sent.isEmpty)
    }

    @Test func bodiesUseJSONTypesAndExactDecimals() throws {
        let body = try SalesforceJSONBody.object([
            "A": .decimal(try #require(Decimal(string: "-0.10"))), "B": .integer(-3), "C": .bool(false), "D": .null,
            "E": .text("tab\there \u{1}"), "F": .date("2024-02-29"), "G": .timestamp(Date(timeIntervalSince1970: 0)),
            "H": .decimal(try #require(Decimal(string: "99999999999999999999.99"))),
        ])
        #expect(String(decoding: body, as: UTF8.self)
            == #"{"A":-0.1,"B":-3,"C":false,"D":null,"E":"tab\there \u0001","F":"2024-02-29","G":"1970-01-01T00:00:00.000Z","H":99999999999999999999.99}"#)
        #expect(throws: SalesforceJSONBody.InvalidValue.self) { try SalesforceJSONBody.object(["A": .decimal(.nan)]) }
    }

    @Test func websitesMatchTheDomainOrItsSubdomains() {
        for website in ["acme.com", "https://www.acme.com/about", "HTTP://ACME.COM:443", "eu.acme.com", "acme.com."] {
            #expect(SalesforceWebsite.matches(website, domain: "acme.com"))
        }
        for website in ["notacme.com", "acme.com.evil.test", "https://acme.co", "", "https://user@evil.test/acme.com"] {
            #expect(!SalesforceWebsite.matches(website, domain: "acme.com"))
        }
        #expect(!SalesforceWebsite.matches(nil, domain: "acme.com"))
    }

    @Test func jwtAssertionIsRS256WithTheFourClaims() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let now = Date(timeIntervalSince1970: 1_700_000_000.9)
        let jwt = try SalesforceJWT.assertion(clientID: "3MVG9key", username: "u@x.test", audience: "https://login.salesforce.com", privateKeyPEM: key.pemRepresentation, now: now)
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        try #require(parts.count == 3)
        #expect(!jwt.contains("=") && !jwt.contains("+") && !jwt.contains("/"))
        let headerBytes = try #require(SalesforceJWT.base64URLDecoded(parts[0]))
        let header = try JSONSerialization.jsonObject(with: headerBytes) as? [String: String]
        #expect(header?["alg"] == "RS256")
        let claimBytes = try #require(SalesforceJWT.base64URLDecoded(parts[1]))
        let claims = try #require(try JSONSerialization.jsonObject(with: claimBytes) as? [String: Any])
        #expect(claims["iss"] as? String == "3MVG9key")
        #expect(claims["sub"] as? String == "u@x.test")
        #expect(claims["aud"] as? String == "https://login.salesforce.com")
        #expect(claims["exp"] as? Int == 1_700_000_150)
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(SalesforceJWT.base64URLDecoded(parts[2])))
        #expect(key.publicKey.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8), padding: .insecurePKCS1v1_5))
        #expect(throws: SalesforceJWT.Failure.invalidPrivateKey) {
            try SalesforceJWT.assertion(clientID: "k", username: "u", audience: "a", privateKeyPEM: "not a key", now: now)
        }
    }
}
