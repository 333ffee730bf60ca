import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Events API and interactivity")
struct EventsAndInteractionsTests {
    @Test(arguments: [TestingSetup.router, .live])
    func urlVerificationEchoesTheChallenge(setup: TestingSetup) async throws {
        try await TestApp().test(setup) { client in
            let response = try await client.event(#"{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#)
            #expect(response.status == .ok)
            #expect(response.json?["challenge"] as? String == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aRetriedEventIsAcknowledgedButProcessedOnce(setup: TestingSetup) async throws {
        let app = try await TestApp()
        let event = #"{"type":"event_callback","team_id":"T1","event_id":"Ev0PV52K21","event_time":1800000000,"event":{"type":"app_home_opened","user":"U1"}}"#
        try await app.test(setup) { client in
            let first = try await client.event(event)
            let retried = try await client.event(event, retry: 1)
            let retriedAgain = try await client.event(event, retry: 2)
            #expect(first.status == .ok)
            #expect(retried.status == .ok)
            #expect(retriedAgain.status == .ok)
        }
        #expect(try await app.database.processedEventCount() == 1)
    }

    @Test func aClickOnAnUnknownActionIsAcknowledged() async throws {
        try await TestApp().test(.router) { client in
            let click = BlockActions(
                user: .init(id: "U1", teamID: "T1"), team: .init(id: "T1"), container: .init(messageTS: "1.1", channelID: "C1"),
                actions: [.init(actionID: "mystery_button", value: "x")])
            let response = try await client.send(client.builder.blockActions(click, timestamp: client.timestamp))
            #expect(response.status == .ok)
        }
    }

    @Test func aMalformedInteractionPayloadGets400NotACrash() async throws {
        try await TestApp().test(.router) { client in
            let body = Array(FormBody(fields: [("payload", "{not json")]).encoded.utf8)
            let request = SignedRequestBuilder.SignedRequest(
                path: "/slack/interactions",
                headers: RequestSigner(secret: TestSupport.secret).headers(timestamp: client.timestamp, body: body).map { ($0.name, $0.value) },
                body: body)
            let response = try await client.send(request)
            #expect(response.status == .badRequest)
        }
    }
}
