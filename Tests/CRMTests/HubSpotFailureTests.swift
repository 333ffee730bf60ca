import CRM
import FakeCRM
import Foundation
import SlackPlatform
import Testing

/// HubSpot's failures, as the fake produces them over loopback, mapped to `CRMFailure`.
@Suite("HubSpot connector: failures")
struct HubSpotFailureTests {
    static let record = CRMRecord(registrationID: "DR-1", properties: ["dealname": .text("Acme")], company: CRMCompany(name: "Acme", domain: "acme.com"))

    @Test func rateLimitedWithRetryAfterWaitsThatLong() async throws {
        try await HubSpotHarness.with { hubspot in
            hubspot.server.inject(.rateLimited(retryAfterSeconds: 7))
            let failure = await crmFailure { () async throws(CRMFailure) in try await hubspot.connector.upsert(Self.record) }
            #expect(failure == .rateLimited(retryAfter: .seconds(7)))
            #expect(hubspot.server.deals.isEmpty)
        }
    }

    @Test(arguments: [("DAILY", Duration.seconds(3600)), ("SECONDLY", .seconds(1)), ("TEN_SECONDLY_ROLLING", .seconds(1))])
    func rateLimitedWithoutRetryAfterWaitsByPolicy(policy: String, wait: Duration) async throws {
        try await HubSpotHarness.with { hubspot in
            hubspot.server.injectRateLimit(policyName: policy, retryAfterSeconds: nil)
            let failure = await crmFailure { () async throws(CRMFailure) in try await hubspot.connector.upsert(Self.record) }
            #expect(failure == .rateLimited(retryAfter: wait))
        }
    }

    @Test(arguments: [500, 502, 503])
    func serverErrorsAreUnavailable(status: Int) async throws {
        try await HubSpotHarness.with { hubspot in
            hubspot.server.inject(.serverError(status: status))
            let failure = await crmFailure { () async throws(CRMFailure) in try await hubspot.connector.upsert(Self.record) }
            #expect(failure == .unavailable("HTTP \(status): internal error"))
            #expect(failure?.isPermanent == false)
        }
    }

    @Test func aFailureAfterTheDealWasWrittenIsCompletedByTheRetry() async throws {
        try await HubSpotHarness.with { hubspot in
            hubspot.server.inject(.serverError(status: 503), on: .search)
            let failure = await crmFailure { () async throws(CRMFailure) in try await hubspot.connector.upsert(Self.record) }
            #expect(failure == .unavailable("HTTP 503: internal error"))
            #expect(hubspot.server.deals.count == 1)
            #expect(hubspot.server.associations.isEmpty)
            let retried = try await hubspot.connector.upsert(Self.record)
            #expect(!retried.created)
            #expect(hubspot.server.associations.count == 1, "the company is associated on an update too")
        }
    }

    @Test func aDroppedConnectionIsUnavailable() async throws {
        try await HubSpotHarness.with { hubspot in
            hubspot.server.inject(.dropConnection)
            let failure = await crmFailure { () async throws(CRMFailure) in try await hubspot.connector.upsert(Self.record) }
            guard case .unavailable(let why)? = failure else {
                Issue.record("expected unavailable, got \(String(describing: failure))")
                return
            }
            #expect(why.hasPrefix("HubSpot did not answer: "))
            #expect(hubspot.server.requestCount(.dealsBatchUpsert) == 1)
        }
    }

    @Test func aStoppedServerIsUnavailable() async throws {
        try await HubSpotHarness.with { hubspot in
            await hubspot.server.stop()
            let failure = await crmFailure { () async throws(CRMFailure) in try await hubspot.connector.openOpportunities(for: CRMCompany(name: "Acme", domain: nil)) }
            guard case .unavailable? = failure else {
                Issue.record("expected unavailable, got \(String(describing: failure))")
                return
            }
            try await hubspot.server.start()
            #expect(try await hubspot.connector.openOpportunities(for: CRMCompany(name: "Acme", domain: nil)) == [])
        }
    }

    @Test func anExpiredTokenIsUnauthorizedWithHubSpotsMessage() async throws {
        try await HubSpotHarness.with { hubspot in
            hubspot.server.inject(.expiredToken)
            let failure = await crmFailure { () async throws(CRMFailure) in try await hubspot.connector.upsert(Self.record) }
            #expect(failure == .unauthorized("The OAuth token used to make this call expired 1 day(s) ago."))
        }
    }

    @Test func anUnknownTokenIsUnauthorized() async throws {
        try await HubSpotHarness.with(token: "pat-na1-revoked") { hubspot in
            let failure = await crmFailure { () async throws(CRMFailure) in try await hubspot.connector.upsert(Self.record) }
            guard case .unauthorized(let why)? = failure else {
                Issue.record("expected unauthorized, got \(String(describing: failure))")
                return
            }
            #expect(why.hasPrefix("Authentication credentials not found."))
            #expect(hubspot.server.deals.isEmpty)
        }
    }

    @Test func aValidationErrorIsRejectedWithHubSpotsMessage() async throws {
        try await HubSpotHarness.with { hubspot in
            let record = CRMRecord(registrationID: "DR-9", properties: ["partner_tier": .text("gold")])
            let failure = await crmFailure { () async throws(CRMFailure) in try await hubspot.connector.upsert(record) }
            guard case .rejected(let why)? = failure else {
                Issue.record("expected rejected, got \(String(describing: failure))")
                return
            }
            #expect(why.hasPrefix("VALIDATION_ERROR: Property values were not valid: "))
            #expect(why.contains(#"Property \"partner_tier\" does not exist"#))
            #expect(failure?.isPermanent == true)
        }
    }

    @Test func theTokenNeverAppearsInFailuresOrDescriptions() async throws {
        let token = FakeHubSpotServer.defaultToken
        var texts: [String] = []
        try await HubSpotHarness.with { hubspot in
            hubspot.server.inject(.rateLimited(retryAfterSeconds: 1), .serverError(status: 500), .expiredToken, .dropConnection)
            for _ in 0..<4 {
                let failure = await crmFailure { () async throws(CRMFailure) in try await hubspot.connector.upsert(Self.record) }
                texts.append(String(describing: failure))
            }
            let rejected = await crmFailure { () async throws(CRMFailure) in
                try await hubspot.connector.upsert(CRMRecord(registrationID: "DR-1", properties: ["nope": .text(token)]))
            }
            texts.append(String(describing: rejected))
            let settings = hubspot.connector.settings
            var dumped = ""
            dump(settings, to: &dumped)
            texts += ["\(settings)", String(reflecting: settings), dumped, "\(settings.token)", String(reflecting: settings.token)]
        }
        #expect(texts.count == 10)
        for text in texts {
            #expect(!text.contains(token), "\(text)")
        }
    }

    @Test func aTokenEchoedByTheServerIsRedacted() async throws {
        let token = "pat-na1-secret"
        let echo = StubRESTClient(response: RESTResponse(status: 401, body: Array(#"{"status":"error","message":"token pat-na1-secret is revoked","category":"INVALID_AUTHENTICATION"}"#.utf8)))
        let connector = HubSpotConnector(settings: HubSpotSettings(token: HubSpotAccessToken(token)), client: echo)
        let failure = await crmFailure { () async throws(CRMFailure) in try await connector.upsert(Self.record) }
        #expect(failure == .unauthorized("token <redacted> is revoked"))
    }
}

/// Answers every request with one canned response (for answers the fake never gives).
struct StubRESTClient: RESTClient {
    let response: RESTResponse

    func send(_ request: RESTRequest) async throws(RESTFailure) -> RESTResponse {
        response
    }
}
