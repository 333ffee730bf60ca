import FakeSlack
import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

/// The bot over Socket Mode: the same handlers and replies as over HTTP, acknowledged within
/// Slack's deadline; redelivered events processed once; a connection killed mid-stream loses nothing.
@Suite("Socket Mode: the bot without a public URL", .serialized)
struct SocketModeScenarioTests {
    static let appToken = "xapp-1-A0PARTNERBOT-1-test"

    /// Runs `body` while the application (with only its Socket Mode service) is connected to `fake`.
    func withBot(_ fake: FakeSocketModeServer, _ body: @escaping @Sendable (TestApp) async throws -> Void) async throws {
        var app = try await TestApp.program()
        app.configuration.slack.appToken = Self.appToken
        app.configuration.slack.apiURL = fake.apiBaseURL
        app.background = [.socketMode]
        let captured = app
        try await app.test(.router) { _ in
            #expect(await fake.waitUntil { $0.openConnectionCount == 2 }, "two connections open")
            try await body(captured)
        }
    }

    static func slashCommand(_ text: String, user: (user: String, team: String)) -> String {
        """
        {"token":"legacy","team_id":"\(user.team)","team_domain":"acme","channel_id":"CACME00001","channel_name":"acme-x-vendor",\
        "user_id":"\(user.user)","user_name":"ann","command":"/register","text":"\(text)","api_app_id":"A0PARTNERBOT",\
        "is_enterprise_install":"false","response_url":"https://hooks.slack.com/commands/T/1/x","trigger_id":"4444.5555.mnop"}
        """
    }

    static func channelShared(_ eventID: String) -> String {
        """
        {"token":"legacy","team_id":"TVENDOR001","api_app_id":"A0PARTNERBOT","type":"event_callback","event_id":"\(eventID)","event_time":1700000300,\
        "event":{"type":"channel_shared","connected_team_id":"\(ProgramFixture.bob.team)","channel":"CGLOBEXNEW","event_ts":"1700000300.000100"}}
        """
    }

    @Test func aSlashCommandIsAnsweredInTheAcknowledgementAndAModalErrorToo() async throws {
        let fake = FakeSocketModeServer(appToken: Self.appToken)
        try await fake.start()
        try await withBot(fake) { app in
            let id = try await fake.send(type: "slash_commands", payload: Self.slashCommand("Socket Customer amount:50k", user: ProgramFixture.ann), acceptsResponsePayload: true)
            let ack = try #require(await fake.waitForAcknowledgement(of: id))
            #expect(ack.payload?.contains("Registered") == true && ack.payload?.contains("DR-1") == true)
            #expect(!ack.isLate)
            let submission = #"{"type":"view_submission","team":{"id":"TACME00001"},"user":{"id":"UANN000001","team_id":"TACME00001"},"view":{"id":"V1","callback_id":"register_form","private_metadata":"CACME00001","state":{"values":{"company":{"company_input":{"type":"plain_text_input","value":""}}}}}}"#
            let errorsID = try await fake.send(type: "interactive", payload: submission, acceptsResponsePayload: true)
            let errors = try #require(await fake.waitForAcknowledgement(of: errorsID))
            #expect(errors.payload?.contains("response_action") == true && errors.payload?.contains("company") == true)
            #expect(try await app.database.dealCount() == 1)
        }
        await fake.stop()
    }

    @Test func aRedeliveredEventIsProcessedOnceAndADroppedConnectionLosesNothing() async throws {
        let fake = FakeSocketModeServer(appToken: Self.appToken)
        try await fake.start()
        try await withBot(fake) { app in
            let first = try await fake.send(payload: Self.channelShared("EvSock1"))
            _ = await fake.waitForAcknowledgement(of: first)
            let retried = try await fake.send(payload: Self.channelShared("EvSock1"), retryAttempt: 1, retryReason: "timeout")
            _ = await fake.waitForAcknowledgement(of: retried)
            #expect(try await app.database.processedEventCount() == 1)
            #expect(try await app.database.partnerOrg("globex")?.channelID == "CGLOBEXNEW")

            let before = Set(fake.openConnectionIDs)
            fake.dropConnections()
            let reconnected = await fake.waitUntil(timeout: .seconds(20)) { $0.openConnectionCount == 2 && before.isDisjoint(with: $0.openConnectionIDs) }
            #expect(reconnected, "two new connections replaced the dropped ones")
            let after = try await fake.send(type: "slash_commands", payload: Self.slashCommand("After Drop Co", user: ProgramFixture.ann), acceptsResponsePayload: true)
            #expect(await fake.waitForAcknowledgement(of: after)?.payload?.contains("Registered") == true)
            #expect(fake.acknowledgedTwice.isEmpty)
            #expect(try await app.database.dealCount() == 1)
        }
        await fake.stop()
    }

    @Test func anEnvelopeWhoseConnectionDiedBeforeItsAckIsResentAndProcessedOnce() async throws {
        let fake = FakeSocketModeServer(appToken: Self.appToken)
        try await fake.start()
        try await withBot(fake) { app in
            let victim = try #require(fake.openConnectionIDs.first)
            try await fake.send(payload: Self.channelShared("EvSock9"), on: victim)
            try fake.dropConnection(victim)
            _ = await fake.waitUntil(timeout: .seconds(20)) { $0.openConnectionCount == 2 && !$0.openConnectionIDs.contains(victim) }
            // Slack redelivers what was not acknowledged (a fresh envelope id, retry_attempt 1).
            let resent = try await fake.resendUnacknowledged()
            for id in resent { #expect(await fake.waitForAcknowledgement(of: id) != nil, "the redelivery is acknowledged") }
            #expect(try await app.database.processedEventCount() == 1, "processed once, whether the first delivery got through or not")
            #expect(try await app.database.partnerOrg("globex")?.channelID == "CGLOBEXNEW")
        }
        await fake.stop()
    }
}
