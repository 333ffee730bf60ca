import FakeSlack
import Foundation
import SlackSocketMode
import Testing

/// Connections that Slack refreshes, that drop, and a Slack that restarts or refuses to open.
@Suite("Socket Mode reconnection", .timeLimit(.minutes(1)))
struct SocketModeReconnectionTests {
    typealias Support = SocketModeTestSupport

    /// `refresh_requested`: the replacement opens while the old connection still serves, and
    /// nothing sent around the switch is lost.
    @Test func refreshOpensTheReplacementFirst() async throws {
        try await Support.withSocketMode(connections: 2, handler: { _ in nil }) { slack, client in
            let old = try #require(slack.openConnectionIDs.first)
            try await slack.disconnect(reason: "refresh_requested", on: old)
            #expect(await Support.eventually { client.openConnections == 3 && slack.openConnectionCount == 3 })
            #expect(slack.openConnectionIDs.contains(old))
            var sent: [String] = []
            for connection in slack.openConnectionIDs {
                sent.append(try await slack.send(on: connection))
                sent.append(try await slack.send(on: connection))
            }
            for id in sent { #expect(await slack.waitForAcknowledgement(of: id) != nil) }
            try await slack.close(connectionID: old)
            #expect(await Support.eventually { client.openConnections == 2 && slack.openConnectionCount == 2 })
            for _ in 0..<4 { sent.append(try await slack.send()) }
            for id in sent { #expect(await slack.waitForAcknowledgement(of: id) != nil) }
            let records = slack.connectionRecords
            #expect(records.count == 3)
            let replacement = try #require(records.last)
            let oldClosed = try #require(records.first { $0.id == old }?.closedAt)
            #expect(replacement.openedAt < oldClosed)
            #expect(slack.unacknowledged.isEmpty)
            #expect(slack.acknowledgedTwice.isEmpty)
        }
    }

    /// A dropped connection comes back while the other one keeps serving.
    @Test func droppedConnectionReconnects() async throws {
        try await Support.withSocketMode(connections: 2, handler: { _ in nil }) { slack, client in
            let ids = slack.openConnectionIDs
            try slack.dropConnection(ids[0])
            let meanwhile = try await slack.send(on: ids[1])
            #expect(await slack.waitForAcknowledgement(of: meanwhile) != nil)
            #expect(await Support.eventually { client.openConnections == 2 && slack.openConnectionCount == 2 })
            #expect(slack.connectionRecords.count == 3)
            var after: [String] = []
            for connection in slack.openConnectionIDs { after.append(try await slack.send(on: connection)) }
            for id in after { #expect(await slack.waitForAcknowledgement(of: id) != nil) }
            #expect(slack.acknowledgedTwice.isEmpty)
        }
    }

    /// Slack restarts mid-stream: the client reconnects on its own, without waiting for a
    /// handler still busy with an envelope whose acknowledgement is lost; that envelope comes
    /// back as a retry and is handled again, marked as one.
    @Test func serverRestartMidStream() async throws {
        let gate = Gate()
        let recorder = EnvelopeRecorder()
        try await Support.withSocketMode(connections: 2, handler: { envelope in
            recorder.record(envelope)
            if envelope.retryAttempt == 0, String(decoding: envelope.payload, as: UTF8.self).contains("held") { await gate.wait() }
            return nil
        }) { slack, client in
            let held = try await slack.send(payload: #"{"event_id":"Ev1","type":"held"}"#)
            #expect(await Support.eventually { recorder.envelope(held) != nil })
            await slack.stop()
            #expect(await Support.eventually { client.openConnections == 0 })
            try await slack.start()
            #expect(await Support.eventually { client.openConnections == 2 && slack.openConnectionCount == 2 })
            let retried = try await slack.resendUnacknowledged(reason: "timeout")
            #expect(retried.count == 1)
            let fresh = [try await slack.send(), try await slack.send()]
            for id in retried + fresh { #expect(await slack.waitForAcknowledgement(of: id) != nil) }
            gate.open()
            #expect(slack.acknowledgement(of: held) == nil)
            let retry = try #require(recorder.envelope(retried[0]))
            #expect(retry.retryAttempt == 1 && retry.retryReason == "timeout")
            #expect(Support.json(retry.payload) == Support.json(#"{"event_id":"Ev1","type":"held"}"#))
            #expect(slack.acknowledgedTwice.isEmpty)
            #expect(slack.unexpectedMessages.isEmpty)
        }
    }

    /// 5xx and 429 from `apps.connections.open` are retried, waiting at least `Retry-After`.
    @Test func openFailuresAreRetriedWithBackoff() async throws {
        let slack = FakeSocketModeServer(appToken: Support.appToken)
        try await slack.start()
        slack.scriptOpenAnswers([.serverError, .rateLimited(retryAfterSeconds: 1), .error("internal_error")])
        let client = SocketModeClient(
            configuration: Support.configuration(for: slack, connections: 1), handler: { _ in nil }, logger: Support.quietLogger)
        let run = Task { try await client.run() }
        #expect(await Support.eventually(timeout: .seconds(30)) { client.openConnections == 1 })
        let times = slack.openRequestTimes
        #expect(times.count == 4)
        if times.count == 4 { #expect(times[2] - times[1] >= .seconds(1)) }
        run.cancel()
        try await run.value
        await slack.stop()
    }

    /// A connection that never says hello is abandoned after the hello timeout and retried.
    @Test func silentConnectionIsAbandonedAndRetried() async throws {
        let slack = FakeSocketModeServer(appToken: Support.appToken)
        try await slack.start()
        slack.setSaysHello(false)
        var configuration = Support.configuration(for: slack, connections: 1)
        configuration.helloTimeout = .milliseconds(500)
        let client = SocketModeClient(configuration: configuration, handler: { _ in nil }, logger: Support.quietLogger)
        let run = Task { try await client.run() }
        #expect(await Support.eventually { slack.upgradeCount >= 2 })
        #expect(client.openConnections == 0)
        slack.setSaysHello(true)
        #expect(await Support.eventually(timeout: .seconds(10)) { client.openConnections == 1 && slack.openConnectionCount == 1 })
        let id = try await slack.send()
        #expect(await slack.waitForAcknowledgement(of: id) != nil)
        run.cancel()
        try await run.value
        await slack.stop()
    }
}
