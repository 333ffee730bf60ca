import FakeSlack
import Foundation
import SlackSocketMode
import Testing

/// Envelopes over real sockets on loopback: handed over, answered, acknowledged.
@Suite("Socket Mode delivery", .timeLimit(.minutes(1)))
struct SocketModeDeliveryTests {
    typealias Support = SocketModeTestSupport

    @Test func acknowledgesWithTheHandlersPayload() async throws {
        let recorder = EnvelopeRecorder()
        try await Support.withSocketMode(connections: 1, handler: { envelope in
            recorder.record(envelope)
            return Array(#"{"response_action":"errors","errors":{"amount":"Too large"}}"#.utf8)
        }) { slack, _ in
            let payload = #"{"type":"view_submission","view":{"id":"V1","callback_id":"deal.register"},"user":{"id":"U1"}}"#
            let id = try await slack.send(type: "interactive", payload: payload, acceptsResponsePayload: true)
            let ack = try #require(await slack.waitForAcknowledgement(of: id))
            #expect(ack.payload == #"{"errors":{"amount":"Too large"},"response_action":"errors"}"#)
            #expect(!ack.isLate)
            let envelope = try #require(recorder.envelope(id))
            #expect(envelope.kind == .interactive)
            #expect(envelope.acceptsResponsePayload)
            #expect(envelope.retryAttempt == 0 && envelope.retryReason == nil)
            #expect(Support.json(envelope.payload) == Support.json(payload))
            #expect(slack.openRequestContentTypes.allSatisfy { $0 == "application/x-www-form-urlencoded" })
            #expect(slack.unexpectedMessages.isEmpty)
        }
    }

    /// No payload in the acknowledgement when the envelope accepts none, when the handler has
    /// none, or when what it returned is not a JSON object.
    @Test func plainAcknowledgements() async throws {
        try await Support.withSocketMode(connections: 1, handler: { envelope in
            let text = String(decoding: envelope.payload, as: UTF8.self)
            if text.contains("nothing") { return nil }
            if text.contains("garbage") { return Array("not json".utf8) }
            return Array(#"{"text":"hi"}"#.utf8)
        }) { slack, _ in
            let notAccepted = try await slack.send(type: "slash_commands", payload: #"{"command":"/deal"}"#, acceptsResponsePayload: false)
            let nothing = try await slack.send(type: "slash_commands", payload: #"{"text":"nothing"}"#, acceptsResponsePayload: true)
            let garbage = try await slack.send(type: "slash_commands", payload: #"{"text":"garbage"}"#, acceptsResponsePayload: true)
            for id in [notAccepted, nothing, garbage] {
                let ack = try #require(await slack.waitForAcknowledgement(of: id))
                #expect(ack.payload == nil)
            }
        }
    }

    @Test func bothConnectionsDeliver() async throws {
        let recorder = EnvelopeRecorder()
        try await Support.withSocketMode(connections: 2, handler: { envelope in
            recorder.record(envelope)
            return nil
        }) { slack, client in
            let connections = slack.openConnectionIDs
            #expect(connections.count == 2)
            #expect(client.openConnections == 2)
            var sent: [(envelope: String, connection: Int)] = []
            for connection in connections {
                for _ in 0..<3 { sent.append((try await slack.send(on: connection), connection)) }
            }
            for (envelope, connection) in sent {
                let ack = try #require(await slack.waitForAcknowledgement(of: envelope))
                #expect(ack.connectionID == connection)
            }
            #expect(Set(recorder.envelopes.map(\.envelopeID)) == Set(sent.map(\.envelope)))
            #expect(slack.acknowledgedTwice.isEmpty)
        }
    }

    /// A slow handler delays no other acknowledgement, on the same connection.
    @Test func envelopesAreHandledConcurrently() async throws {
        let gate = Gate()
        try await Support.withSocketMode(connections: 1, handler: { envelope in
            if String(decoding: envelope.payload, as: UTF8.self).contains("slow") { await gate.wait() }
            return nil
        }) { slack, _ in
            let slow = try await slack.send(payload: #"{"type":"slow"}"#)
            let fast = try await slack.send(payload: #"{"type":"fast"}"#)
            #expect(await slack.waitForAcknowledgement(of: fast) != nil)
            #expect(slack.acknowledgement(of: slow) == nil)
            gate.open()
            #expect(await slack.waitForAcknowledgement(of: slow) != nil)
        }
    }

    /// Unknown envelope types are acknowledged without calling the handler; garbage is ignored
    /// and the connection keeps working.
    @Test func malformedAndUnknownFramesDoNotBreakTheConnection() async throws {
        let recorder = EnvelopeRecorder()
        try await Support.withSocketMode(connections: 1, handler: { envelope in
            recorder.record(envelope)
            return Array(#"{"ok":1}"#.utf8)
        }) { slack, client in
            for text in ["not json", "[1,2]", #"{"type":"events_api"}"#, #"{"type":"hello""#, "", #"{"envelope_id":42}"#] {
                try await slack.sendRaw(text)
            }
            try await slack.sendBinary([0, 1, 2, 255])
            let unknown = try await slack.send(type: "some_future_type", payload: "{}", acceptsResponsePayload: true)
            let notObject = try await slack.send(payload: #""just a string""#)
            let good = try await slack.send(type: "slash_commands", payload: #"{"command":"/deal"}"#, acceptsResponsePayload: true)
            #expect(try #require(await slack.waitForAcknowledgement(of: good)).payload == #"{"ok":1}"#)
            #expect(try #require(await slack.waitForAcknowledgement(of: unknown)).payload == nil)
            #expect(try #require(await slack.waitForAcknowledgement(of: notObject)).payload == nil)
            #expect(recorder.envelopes.map(\.envelopeID) == [good])
            #expect(slack.connectionRecords.count == 1)
            #expect(client.openConnections == 1)
        }
    }

    /// The fake tells late acknowledgements (after its deadline) from timely ones.
    @Test func lateAcknowledgementsAreRecorded() async throws {
        let gate = Gate()
        try await Support.withSocketMode(connections: 1, acknowledgementDeadline: .seconds(1), handler: { envelope in
            if String(decoding: envelope.payload, as: UTF8.self).contains("slow") { await gate.wait() }
            return nil
        }) { slack, _ in
            let slow = try await slack.send(payload: #"{"type":"slow"}"#)
            let fast = try await slack.send(payload: #"{"type":"fast"}"#)
            #expect(try #require(await slack.waitForAcknowledgement(of: fast)).isLate == false)
            let sentAt = try #require(slack.deliveries.first { $0.envelopeID == slow }).sentAt
            #expect(await Support.eventually { ContinuousClock.now - sentAt > .milliseconds(1_050) })
            #expect(slack.unacknowledged.map(\.envelopeID) == [slow])
            gate.open()
            #expect(try #require(await slack.waitForAcknowledgement(of: slow)).isLate)
            #expect(slack.lateAcknowledgements.map(\.envelopeID) == [slow])
        }
    }
}
