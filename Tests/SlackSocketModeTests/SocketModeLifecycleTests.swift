import FakeSlack
import Foundation
import Logging
import ServiceLifecycle
import SlackSocketMode
import Testing

/// How the client stops: gracefully, or for good when Slack refuses it.
@Suite("Socket Mode lifecycle", .timeLimit(.minutes(1)))
struct SocketModeLifecycleTests {
    typealias Support = SocketModeTestSupport

    /// Graceful shutdown closes idle connections at once, but waits for handlers in flight
    /// and sends their acknowledgements before closing their connection.
    @Test func gracefulShutdownWaitsForHandlersInFlight() async throws {
        let slack = FakeSocketModeServer(appToken: Support.appToken)
        try await slack.start()
        let gate = Gate()
        let recorder = EnvelopeRecorder()
        let client = SocketModeClient(
            configuration: Support.configuration(for: slack, connections: 2),
            handler: { envelope in
                recorder.record(envelope)
                await gate.wait()
                return Array(#"{"text":"done"}"#.utf8)
            },
            logger: Support.quietLogger)
        let group = ServiceGroup(services: [client], logger: Support.quietLogger)
        let run = Task { try await group.run() }
        #expect(await Support.eventually { client.openConnections == 2 && slack.openConnectionCount == 2 })
        let busy = try #require(slack.openConnectionIDs.first)
        let inFlight = try await slack.send(type: "slash_commands", payload: #"{"command":"/deal"}"#, acceptsResponsePayload: true, on: busy)
        #expect(await Support.eventually { recorder.envelope(inFlight) != nil })

        await group.triggerGracefulShutdown()
        #expect(await Support.eventually { slack.openConnectionIDs == [busy] })
        #expect(slack.acknowledgement(of: inFlight) == nil)

        gate.open()
        try await run.value
        let ack = try #require(slack.acknowledgement(of: inFlight))
        #expect(ack.payload == #"{"text":"done"}"#)
        #expect(await Support.eventually { slack.openConnectionCount == 0 })
        #expect(client.openConnections == 0)
        await slack.stop()
    }

    /// A refused app token stops `run()` with a typed error after one call per connection,
    /// logged once, never showing the token.
    @Test(arguments: ["invalid_auth", "not_authed", "token_revoked"])
    func refusedAppTokenStops(code: String) async throws {
        let slack = FakeSocketModeServer(appToken: Support.appToken)
        try await slack.start()
        slack.scriptOpenAnswers([.error(code), .error(code)])
        let logs = LogCapture()
        let client = SocketModeClient(
            configuration: Support.configuration(for: slack, connections: 2), handler: { _ in nil }, logger: logs.logger)
        await #expect(throws: SocketModeError.appTokenRefused(code: code)) {
            try await client.run()
        }
        #expect(slack.openRequestCount <= 2)
        #expect(logs.all.filter { $0.level >= .error }.count == 1)
        #expect(!logs.all.contains { $0.text.contains("SECRET") })
        #expect(SocketModeError.appTokenRefused(code: code).description.contains("app token"))
        await slack.stop()
    }

    /// A wrong token, as the fake checks it: no retry storm either.
    @Test func wrongAppTokenIsRefused() async throws {
        let slack = FakeSocketModeServer(appToken: Support.appToken)
        try await slack.start()
        let logs = LogCapture()
        let client = SocketModeClient(
            configuration: Support.configuration(for: slack, connections: 3, token: "xapp-1-A0TEST-1-SECRETwrong"),
            handler: { _ in nil }, logger: logs.logger)
        await #expect(throws: SocketModeError.appTokenRefused(code: "invalid_auth")) {
            try await client.run()
        }
        #expect(slack.openRequestCount <= 3)
        #expect(!logs.all.contains { $0.text.contains("SECRET") })
        await slack.stop()
    }

    /// `link_disabled`: the client stops reconnecting and fails with a typed error.
    @Test func linkDisabledStops() async throws {
        let slack = FakeSocketModeServer(appToken: Support.appToken)
        try await slack.start()
        let client = SocketModeClient(
            configuration: Support.configuration(for: slack, connections: 2), handler: { _ in nil }, logger: Support.quietLogger)
        let run = Task { try await client.run() }
        #expect(await Support.eventually { client.openConnections == 2 && slack.openConnectionCount == 2 })
        try await slack.disconnect(reason: "link_disabled", on: slack.openConnectionIDs.first)
        await #expect(throws: SocketModeError.linkDisabled) {
            try await run.value
        }
        #expect(slack.openRequestCount == 2)
        #expect(await Support.eventually { slack.openConnectionCount == 0 })
        await slack.stop()
    }

    /// Logs of a normal session never show the token or the one-time socket URL.
    @Test func logsShowNeitherTokenNorTicket() async throws {
        let logs = LogCapture()
        try await Support.withSocketMode(connections: 1, logger: logs.logger, handler: { _ in nil }) { slack, _ in
            let id = try await slack.send()
            #expect(await slack.waitForAcknowledgement(of: id) != nil)
        }
        #expect(!logs.all.isEmpty)
        #expect(!logs.all.contains { $0.text.contains("SECRET") || $0.text.contains("ticket") })
    }
}
