import CRM
import FakeCRM
import Foundation
import Testing

/// Webhook signatures (v3) and payloads.
@Suite("HubSpot webhooks: signature v3 and events")
struct HubSpotWebhookTests {
    static let secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"
    static let uri = "https://partnerbot.example.com/hubspot/events"
    static let body = Array(#"[{"eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":1700000000000,"subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":9000001,"propertyName":"dealstage","propertyValue":"closedwon","changeSource":"CRM_UI"}]"#.utf8)
    static let signedAt = Date(timeIntervalSince1970: 1_700_000_000)

    /// HubSpot's own vector, from the official Python client's tests (`test_get_signature__v3`).
    @Test func hubSpotsKnownAnswerVerifies() {
        let verdict = HubSpotWebhook.verify(
            method: "POST", uri: "https://www.example.com/webhook_uri", body: Array("{'example_field':'example_value'}".utf8),
            timestamp: "15000000", signature: "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=", clientSecret: Self.secret,
            now: Date(timeIntervalSince1970: 15_000 + 60))
        #expect(verdict == .valid)
        let fake = FakeHubSpotWebhookSigner.signature(
            clientSecret: Self.secret, method: "POST", uri: "https://www.example.com/webhook_uri",
            body: Array("{'example_field':'example_value'}".utf8), timestamp: "15000000")
        #expect(fake == "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=")
    }

    @Test func aSignedRequestIsValidUpToFiveMinutesThenStale() {
        let headers = Self.headers(uri: Self.uri, body: Self.body)
        #expect(verify(headers, now: Self.signedAt) == .valid)
        #expect(verify(headers, now: Self.signedAt.addingTimeInterval(300)) == .valid)
        #expect(verify(headers, now: Self.signedAt.addingTimeInterval(300.001)) == .stale)
        #expect(verify(headers, now: Self.signedAt.addingTimeInterval(3600)) == .stale)
    }

    @Test func aTamperedBodyOrURIOrAnotherSecretIsABadSignature() {
        let headers = Self.headers(uri: Self.uri, body: Self.body)
        var tampered = Self.body
        tampered[tampered.count - 4] = UInt8(ascii: "X")
        #expect(verify(headers, body: tampered) == .badSignature)
        #expect(verify(headers, uri: Self.uri + "?x=1") == .badSignature)
        #expect(verify(headers, method: "PUT") == .badSignature)
        #expect(verify(headers, secret: "another-secret") == .badSignature)
        #expect(verify(headers, signature: "not base64!") == .badSignature)
        #expect(verify(headers, signature: Data(repeating: 0, count: 32).base64EncodedString()) == .badSignature)
    }

    @Test func missingOrMalformedHeaders() {
        let headers = Self.headers(uri: Self.uri, body: Self.body)
        #expect(verify(headers, timestamp: .some(nil)) == .missingHeaders)
        #expect(verify(headers, signature: .some(nil)) == .missingHeaders)
        #expect(verify(headers, signature: "") == .missingHeaders)
        #expect(verify(headers, timestamp: "yesterday") == .stale)
    }

    @Test func theSignedURIHasHubSpotsEscapesDecoded() {
        #expect(HubSpotWebhook.signedURI("https://h/p%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B") == "https://h/p:/?@!$'()*,;")
        #expect(HubSpotWebhook.signedURI("https://h/p?q=a%3ab%2c") == "https://h/p?q=a:b,")
        #expect(HubSpotWebhook.signedURI("https://h/p?q=a%20b%253A%2") == "https://h/p?q=a%20b%253A%2")
        let uri = "https://partnerbot.example.com/hubspot/events?tenant=acme%3Aeu&tag=%28beta%29"
        let headers = Self.headers(uri: uri, body: Self.body)
        #expect(verify(headers, uri: uri) == .valid)
    }

    @Test func eventsOfADocumentedPayloadDecode() throws {
        // HubSpot's documented example (webhooks guide), with `eventType`, plus an unknown field.
        let body = Array("""
            [{"objectId":1246965,"propertyName":"lifecyclestage","propertyValue":"subscriber","changeSource":"ACADEMY",
              "eventId":3816279340,"subscriptionId":25,"portalId":33,"appId":1160452,"occurredAt":1462216307945,
              "eventType":"contact.propertyChange","attemptNumber":0},
             {"objectId":1246978,"changeSource":"IMPORT","eventId":3816279480,"subscriptionId":22,"portalId":33,
              "appId":1160452,"occurredAt":1462216307945,"subscriptionType":"contact.creation","attemptNumber":0,
              "changeFlag":"NEW","somethingNew":{"nested":true}}]
            """.utf8)
        let events = try HubSpotWebhook.events(from: body)
        #expect(events == [
            HubSpotWebhookEvent(
                eventId: 3_816_279_340, subscriptionId: 25, portalId: 33, appId: 1_160_452, occurredAt: 1_462_216_307_945,
                subscriptionType: "contact.propertyChange", attemptNumber: 0, objectId: 1_246_965, propertyName: "lifecyclestage",
                propertyValue: "subscriber", changeSource: "ACADEMY"),
            HubSpotWebhookEvent(
                eventId: 3_816_279_480, subscriptionId: 22, portalId: 33, appId: 1_160_452, occurredAt: 1_462_216_307_945,
                subscriptionType: "contact.creation", attemptNumber: 0, objectId: 1_246_978, changeSource: "IMPORT", changeFlag: "NEW"),
        ])
        #expect(events[0].occurredAtDate == Date(timeIntervalSince1970: 1_462_216_307.945))
    }

    @Test func aDealStageChangeFromTheFakeSignerDecodes() throws {
        let body = FakeHubSpotWebhookSigner.dealPropertyChangeBody(dealID: 9_000_001, propertyName: "dealstage", propertyValue: "closedwon", occurredAt: 1_700_000_000_000)
        let events = try HubSpotWebhook.events(from: body)
        #expect(events.map(\.subscriptionType) == ["deal.propertyChange"])
        #expect(events.first?.objectId == 9_000_001)
        #expect(events.first?.propertyValue == "closedwon")
    }

    @Test(arguments: [
        "", "{}", "[{]", #"[{"eventId":1}]"#,
        #"[{"eventId":"x","subscriptionId":1,"portalId":1,"occurredAt":1,"subscriptionType":"deal.deletion","objectId":1}]"#,
        #"[{"eventId":1,"subscriptionId":1,"portalId":1,"occurredAt":1,"objectId":1}]"#,
    ])
    func malformedBodiesThrow(text: String) {
        #expect(throws: HubSpotWebhookError.self) { try HubSpotWebhook.events(from: Array(text.utf8)) }
    }

    @Test func anEmptyBatchHasNoEvents() throws {
        #expect(try HubSpotWebhook.events(from: Array("[]".utf8)).isEmpty)
    }

    // MARK: - Helpers

    static func headers(uri: String, body: [UInt8]) -> [String: String] {
        let pairs = FakeHubSpotWebhookSigner.headers(clientSecret: secret, uri: uri, body: body, at: signedAt)
        return Dictionary(pairs.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    func verify(
        _ headers: [String: String], method: String = "POST", uri: String = HubSpotWebhookTests.uri, body: [UInt8] = HubSpotWebhookTests.body,
        timestamp: String?? = nil, signature: String?? = nil, secret: String = HubSpotWebhookTests.secret,
        now: Date = HubSpotWebhookTests.signedAt
    ) -> HubSpotWebhook.Verification {
        HubSpotWebhook.verify(
            method: method, uri: uri, body: body, timestamp: timestamp ?? headers["x-hubspot-request-timestamp"],
            signature: signature ?? headers["x-hubspot-signature-v3"], clientSecret: secret, now: now)
    }
}
