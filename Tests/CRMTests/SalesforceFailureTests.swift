import CRM
import FakeCRM
import Foundation
import SlackPlatform
import Synchronization
import Testing

/// How Salesforce's limits, outages and dropped connections reach the caller.
@Suite("Salesforce: failures")
struct SalesforceFailureTests {
    @Test func requestLimitExceededIsRateLimitedWithTheConfiguredWait() async throws {
        let fixture = try await SalesforceFixture.start()
        var settings = fixture.settings()
        settings.rateLimitRetryAfter = .seconds(90)
        fixture.server.enqueue(salesforce: .requestLimitExceeded)
        let crm = fixture.connector(settings)
        let failure = await salesforceFailure { try await crm.upsert(SalesforceFixture.deal("DR-1")) }
        #expect(failure == .rateLimited(retryAfter: .seconds(90)))
        #expect(failure?.isPermanent == false)
        #expect(try await crm.upsert(SalesforceFixture.deal("DR-1")).created)
        await fixture.stop()
    }

    @Test func tooManyRequestsIsRateLimitedForItsRetryAfter() async throws {
        let fixture = try await SalesforceFixture.start()
        fixture.server.enqueue(.rateLimited(retryAfterSeconds: 7))
        let crm = fixture.connector()
        let failure = await salesforceFailure { try await crm.upsert(SalesforceFixture.deal("DR-1")) }
        #expect(failure == .rateLimited(retryAfter: .seconds(7)))
        #expect(fixture.server.opportunityCount == 0)
        #expect(try await crm.upsert(SalesforceFixture.deal("DR-1")).created)
        await fixture.stop()
    }

    @Test func requestLimitExceededHonoursARetryAfterWhenSent() async throws {
        let fixture = try await SalesforceFixture.start()
        fixture.server.enqueue(salesforce: .error(status: 403, errorCode: "REQUEST_LIMIT_EXCEEDED", message: "ConcurrentPerOrgLongTxn Limit exceeded.", retryAfterSeconds: 30))
        let failure = await salesforceFailure { try await fixture.connector().openOpportunities(for: CRMCompany(name: "Acme", domain: nil)) }
        #expect(failure == .rateLimited(retryAfter: .seconds(30)))
        await fixture.stop()
    }

    @Test func serviceUnavailableWithRetryAfterIsStillUnavailable() async throws {
        let fixture = try await SalesforceFixture.start()
        fixture.server.enqueue(salesforce: .error(status: 503, errorCode: "SERVER_UNAVAILABLE", message: "Maintenance", retryAfterSeconds: 120))
        let failure = await salesforceFailure { try await fixture.connector().upsert(SalesforceFixture.deal("DR-1")) }
        #expect(failure == .unavailable("HTTP 503: SERVER_UNAVAILABLE: Maintenance"))
        #expect(failure?.isPermanent == false)
        await fixture.stop()
    }

    @Test(arguments: [
        (400, "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: Amount. Please check the security settings of this field.", ["Amount"]),
        (400, "INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id", []),
        (403, "INSUFFICIENT_ACCESS", "You do not have access to this object.", []),
        (400, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Close Date cannot be in the past.", ["CloseDate"]),
        (400, "DUPLICATE_VALUE", "duplicate value found: Partnerbot_Registration_Id__c", []),
    ])
    func permanentErrorsAreRejectedWithSalesforcesText(status: Int, code: String, message: String, fields: [String]) async throws {
        let fixture = try await SalesforceFixture.start()
        fixture.server.enqueue(salesforce: .error(status: status, errorCode: code, message: message, fields: fields))
        let failure = await salesforceFailure { try await fixture.connector().upsert(SalesforceFixture.deal("DR-1")) }
        let suffix = fields.isEmpty ? "" : " (fields: \(fields.joined(separator: ", ")))"
        #expect(failure == .rejected("\(code): \(message)\(suffix)"))
        #expect(failure?.isPermanent == true)
        #expect(fixture.server.requestCount(.upsert) == 1)
        #expect(fixture.server.tokensIssued == 1)
        await fixture.stop()
    }

    @Test func accessTokenEchoedInAnErrorIsRedacted() async {
        let client = CannedSalesforceClient(RESTResponse(status: 400, body: Array(#"[{"message":"bad session 00Dx!tok here","errorCode":"X"}]"#.utf8)))
        let crm = SalesforceConnector(settings: SalesforceSettings(loginURL: "https://login.test", auth: .clientCredentials(clientID: "id", clientSecret: "secret")), client: client)
        let failure = await salesforceFailure { try await crm.upsert(SalesforceFixture.deal("DR-1")) }
        #expect(failure == .rejected("X: bad session [redacted] here"))
    }

    @Test func serviceUnavailableIsUnavailable() async throws {
        let fixture = try await SalesforceFixture.start()
        fixture.server.enqueue(.serverError(status: 503))
        let failure = await salesforceFailure { try await fixture.connector().upsert(SalesforceFixture.deal("DR-1")) }
        #expect(failure == .unavailable("HTTP 503: SERVER_UNAVAILABLE: Server unavailable"))
        await fixture.stop()
    }

    @Test func droppedConnectionIsUnavailableAndTheNextCallWorks() async throws {
        let fixture = try await SalesforceFixture.start()
        fixture.server.enqueue(.dropConnection)
        let crm = fixture.connector()
        let failure = await salesforceFailure { try await crm.upsert(SalesforceFixture.deal("DR-1")) }
        guard case .unavailable(let why)? = failure else {
            Issue.record("expected unavailable, got \(String(describing: failure))")
            return
        }
        #expect(why.hasPrefix("no answer from Salesforce"))
        #expect(fixture.server.opportunityCount == 0)
        #expect(try await crm.upsert(SalesforceFixture.deal("DR-1")).created)
        await fixture.stop()
    }

    @Test func stoppedServerIsUnavailable() async throws {
        let fixture = try await SalesforceFixture.start()
        let crm = fixture.connector()
        await fixture.server.stop()
        let failure = await salesforceFailure { try await crm.upsert(SalesforceFixture.deal("DR-1")) }
        guard case .unavailable? = failure else {
            Issue.record("expected unavailable, got \(String(describing: failure))")
            return
        }
        fixture.client.shutDown()
    }

    @Test func restartKeepsDataTokensAndPort() async throws {
        let fixture = try await SalesforceFixture.start()
        let crm = fixture.connector()
        let created = try await crm.upsert(SalesforceFixture.deal("DR-1"))
        let port = fixture.server.port
        await fixture.server.stop()
        try await fixture.server.start()
        #expect(fixture.server.port == port)
        #expect(try await crm.upsert(SalesforceFixture.deal("DR-1")) == CRMUpsertResult(crmID: created.crmID, created: false))
        #expect(fixture.server.tokensIssued == 1)
        await fixture.stop()
    }

    @Test(arguments: [
        (429, [("Retry-After", "7")], "[]", CRMFailure.rateLimited(retryAfter: .seconds(7))),
        (403, [], #"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#, .rateLimited(retryAfter: .seconds(60))),
        (403, [], #"[{"message":"API is not enabled","errorCode":"API_DISABLED_FOR_ORG"}]"#, .rejected("API_DISABLED_FOR_ORG: API is not enabled")),
        (500, [], #"[{"message":"An unexpected error occurred.","errorCode":"UNKNOWN_EXCEPTION"}]"#, .unavailable("HTTP 500: UNKNOWN_EXCEPTION: An unexpected error occurred.")),
        (502, [], "<html>Bad gateway</html>", .unavailable("HTTP 502: <html>Bad gateway</html>")),
        (400, [], #"[{"message":"bad a","errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","fields":[]},{"message":"bad b","errorCode":"STRING_TOO_LONG","fields":["Name"]}]"#,
         .rejected("FIELD_CUSTOM_VALIDATION_EXCEPTION: bad a; STRING_TOO_LONG: bad b (fields: Name)")),
        (300, [], #"["/services/data/v62.0/sobjects/Opportunity/006A","/services/data/v62.0/sobjects/Opportunity/006B"]"#,
         .rejected(#"HTTP 300: ["/services/data/v62.0/sobjects/Opportunity/006A","/services/data/v62.0/sobjects/Opportunity/006B"]"#)),
    ])
    func answersMapToFailures(status: Int, headers: [(String, String)], body: String, expected: CRMFailure) async {
        let client = CannedSalesforceClient(RESTResponse(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: Array(body.utf8)))
        let crm = SalesforceConnector(settings: SalesforceSettings(loginURL: "https://login.test", auth: .clientCredentials(clientID: "id", clientSecret: "secret")), client: client)
        let failure = await salesforceFailure { try await crm.upsert(SalesforceFixture.deal("DR-1")) }
        #expect(failure == expected)
    }

    @Test func instanceURLMustBeHTTPS() async {
        let client = CannedSalesforceClient(RESTResponse(status: 200), instanceURL: "http://evil.test")
        let crm = SalesforceConnector(settings: SalesforceSettings(loginURL: "https://login.test", auth: .clientCredentials(clientID: "id", clientSecret: "secret")), client: client)
        let failure = await salesforceFailure { try await crm.upsert(SalesforceFixture.deal("DR-1")) }
        #expect(failure == .unauthorized("the token endpoint's instance_url http://evil.test is not an https URL"))
        #expect(client.sent.allSatisfy { !$0.contains("evil.test") })
    }
}

/// Answers the token request, then every REST API call with one canned response: for statuses
/// the fake does not produce.
final class CannedSalesforceClient: RESTClient {
    let answer: RESTResponse
    let instanceURL: String
    private let log = Mutex<[String]>([])

    init(_ answer: RESTResponse, instanceURL: String = "https://acme.my.salesforce.test") {
        self.answer = answer
        self.instanceURL = instanceURL
    }

    /// URLs requested.
    var sent: [String] { log.withLock { $0 } }

    func send(_ request: RESTRequest) async throws(RESTFailure) -> RESTResponse {
        log.withLock { $0.append(request.url) }
        if request.url.hasSuffix("/services/oauth2/token") {
            return RESTResponse(status: 200, body: Array(#"{"access_token":"00Dx!tok","instance_url":"\#(instanceURL)","token_type":"Bearer"}"#.utf8))
        }
        return answer
    }
}
