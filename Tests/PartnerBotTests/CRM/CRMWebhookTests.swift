import CRM
import FakeCRM
import Foundation
import HummingbirdTesting
import NIOCore
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("CRM webhooks: the CRM's changes come back, verified first")
struct CRMWebhookTests {
    static let partnerChannel = "CACME00001"

    static func partnerNotices(_ app: TestApp) async throws -> [OutboxRecord] {
        try await app.database.outboxRecords().filter { $0.target == partnerChannel && $0.dedupeKey.hasPrefix("deal:1:notice") }
    }

    @Test func aSignedStageChangeUpdatesTheDealAndTellsThePartnerOnce() async throws {
        let app = try await CRMFixture.approvedAndSynced(InMemoryCRM())
        let before = try await Self.partnerNotices(app).count
        try await app.test(.router) { client in
            let body = #"{"id": "evt-1", "registration": "DR-1", "stage": "contractsent"}"#
            let first = try await client.crmWebhook(body)
            #expect(first.status == .ok)
            #expect(first.text.contains("\"applied\""))
            let again = try await client.crmWebhook(body)
            #expect(again.status == .ok)
            #expect(again.text.contains("\"duplicate\""))
        }
        let deal = try #require(try await app.database.deal(id: 1))
        #expect(deal.stage == "negotiation", "the CRM's stage name, mapped back through crm.stages")
        let history = try await app.database.dealHistory(id: 1)
        #expect(history.last?.actor == "CRM")
        let notices = try await Self.partnerNotices(app)
        #expect(notices.count == before + 1)
        #expect(notices.last?.payload.contains("negotiation") == true)
    }

    @Test func anOutcomeClosesTheDealWithItsReason() async throws {
        let app = try await CRMFixture.approvedAndSynced(InMemoryCRM())
        try await app.test(.router) { client in
            let response = try await client.crmWebhook(#"{"registration": "DR-1", "outcome": "lost", "reason": "went with a competitor"}"#)
            #expect(response.status == .ok)
        }
        let deal = try #require(try await app.database.deal(id: 1))
        #expect(deal.status == .lost)
        #expect(deal.reason == "went with a competitor")
    }

    @Test(arguments: ["forged", "stale", "unsigned"])
    func unverifiedDeliveriesAre401AndChangeNothing(_ kind: String) async throws {
        let app = try await CRMFixture.approvedAndSynced(InMemoryCRM())
        let body = #"{"registration": "DR-1", "outcome": "won"}"#
        try await app.test(.router) { client in
            let response: TestResponse
            switch kind {
            case "forged": response = try await client.crmWebhook(body, secret: "not-the-secret-0123456789")
            case "stale": response = try await client.crmWebhook(body, timestamp: client.timestamp - 301)
            default: response = try await client.client.executeRequest(uri: "/crm/webhook", method: .post, headers: [:], body: ByteBuffer(string: body))
            }
            #expect(response.status == .unauthorized)
        }
        #expect(try await app.database.deal(id: 1)?.status == .approved)
    }

    @Test(arguments: [
        (#"{"registration": "DR-1", "outcome": "#, "malformed"),
        (#"{"registration": "Acme", "outcome": "won"}"#, "DR-12"),
        (#"{"registration": "DR-1", "stage": "dreaming"}"#, "unknown stage"),
        (#"{"registration": "DR-1", "outcome": "maybe"}"#, "won or lost"),
        (#"{"registration": "DR-1"}"#, "stage or an outcome"),
    ])
    func malformedDeliveriesAre400WithTheReason(_ body: String, _ reason: String) async throws {
        let app = try await CRMFixture.approvedAndSynced(InMemoryCRM())
        try await app.test(.router) { client in
            let response = try await client.crmWebhook(body)
            #expect(response.status == .badRequest)
            #expect(response.text.contains(reason))
        }
        #expect(try await app.database.deal(id: 1)?.status == .approved)
    }

    @Test func anUnknownRegistrationIsAnsweredOKSoTheCRMStopsRetrying() async throws {
        let app = try await CRMFixture.approvedAndSynced(InMemoryCRM())
        try await app.test(.router) { client in
            let response = try await client.crmWebhook(#"{"registration": "DR-404", "outcome": "won"}"#)
            #expect(response.status == .ok)
            #expect(response.text.contains("unknown_deal"))
        }
    }

    @Test func aChangeOlderThanTheBotsLatestChangeIsOutdated() async throws {
        let app = try await CRMFixture.approvedAndSynced(InMemoryCRM())
        let past = ISO8601DateFormatter().string(from: TestSupport.now.addingTimeInterval(-3600))
        try await app.test(.router) { client in
            let response = try await client.crmWebhook(#"{"registration": "DR-1", "outcome": "lost", "occurred_at": "\#(past)"}"#)
            #expect(response.text.contains("outdated"))
        }
        #expect(try await app.database.deal(id: 1)?.status == .approved)
    }

    @Test func hubSpotStageChangesAreVerifiedMappedAndDeduplicated() async throws {
        let crm = InMemoryCRM()
        let app = try await CRMFixture.approvedAndSynced(crm)
        let crmID = try #require(crm.crmID("DR-1"))
        let hubSpotID = try #require(Int64(crmID))
        let later = Int64((TestSupport.now.timeIntervalSince1970 + 60) * 1000)
        let won = FakeHubSpotWebhookSigner.dealPropertyChangeBody(dealID: hubSpotID, propertyName: "dealstage", propertyValue: "closedwon", occurredAt: later, eventId: 77)
        try await app.test(.router) { client in
            let forged = try await client.hubSpotWebhook(won, secret: "wrong", at: TestSupport.now)
            #expect(forged.status == .unauthorized)
            let stale = try await client.hubSpotWebhook(won, at: TestSupport.now.addingTimeInterval(-301))
            #expect(stale.status == .unauthorized)
            #expect(try await app.database.deal(id: 1)?.status == .approved)

            let first = try await client.hubSpotWebhook(won, at: TestSupport.now)
            #expect(first.status == .ok)
            #expect(first.text.contains("applied"))
            let retried = try await client.hubSpotWebhook(won, at: TestSupport.now)
            #expect(retried.text.contains("duplicate"))

            let otherProperty = FakeHubSpotWebhookSigner.dealPropertyChangeBody(dealID: hubSpotID, propertyName: "amount", propertyValue: "1", occurredAt: later, eventId: 78)
            #expect(try await client.hubSpotWebhook(otherProperty, at: TestSupport.now).text.contains("ignored"))
            let unknown = FakeHubSpotWebhookSigner.dealPropertyChangeBody(dealID: 999_999, propertyName: "dealstage", propertyValue: "closedlost", occurredAt: later, eventId: 79)
            let unknownResponse = try await client.hubSpotWebhook(unknown, at: TestSupport.now)
            #expect(unknownResponse.status == .ok && unknownResponse.text.contains("unknown_deal"))
            let malformed = try await client.hubSpotWebhook(Array("{\"not\": \"an array\"}".utf8), at: TestSupport.now)
            #expect(malformed.status == .badRequest)
        }
        #expect(try await app.database.deal(id: 1)?.status == .won)
        #expect(try await app.database.dealHistory(id: 1).filter { $0.action == "won" }.map(\.actor) == ["CRM"])
        #expect(try await Self.partnerNotices(app).filter { $0.payload.contains("won") }.count == 1)
    }
}
