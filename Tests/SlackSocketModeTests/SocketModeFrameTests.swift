import Foundation
import Testing

@testable import SlackSocketMode

@Suite("Socket Mode frames")
struct SocketModeFrameTests {
    @Test func helloAndDisconnect() {
        #expect(InboundFrame.parse(#"{"type":"hello","num_connections":2,"debug_info":{"host":"h"}}"#) == .hello)
        #expect(InboundFrame.parse(#"{"type":"disconnect","reason":"refresh_requested"}"#) == .disconnect(.refreshRequested))
        #expect(InboundFrame.parse(#"{"type":"disconnect","reason":"warning"}"#) == .disconnect(.warning))
        #expect(InboundFrame.parse(#"{"type":"disconnect","reason":"link_disabled"}"#) == .disconnect(.linkDisabled))
        #expect(InboundFrame.parse(#"{"type":"disconnect"}"#) == .disconnect(.other("")))
    }

    @Test func envelopeFieldsPassThrough() throws {
        let text = #"""
            {"envelope_id":"e-1","type":"slash_commands","accepts_response_payload":true,"retry_attempt":2,
             "retry_reason":"timeout","payload":{"command":"/deal","text":"status ACME"}}
            """#
        guard case .envelope(let envelope) = InboundFrame.parse(text) else {
            Issue.record("not an envelope")
            return
        }
        #expect(envelope.envelopeID == "e-1")
        #expect(envelope.kind == .slashCommands)
        #expect(envelope.acceptsResponsePayload)
        #expect(envelope.retryAttempt == 2)
        #expect(envelope.retryReason == "timeout")
        #expect(SocketModeTestSupport.json(envelope.payload) == SocketModeTestSupport.json(#"{"command":"/deal","text":"status ACME"}"#))
    }

    @Test func firstDeliveryDefaults() throws {
        let text = #"{"envelope_id":"e-2","type":"events_api","payload":{},"retry_reason":""}"#
        guard case .envelope(let envelope) = InboundFrame.parse(text) else {
            Issue.record("not an envelope")
            return
        }
        #expect(!envelope.acceptsResponsePayload)
        #expect(envelope.retryAttempt == 0)
        #expect(envelope.retryReason == nil)
    }

    /// The payload handed over is the same JSON value, whatever it holds.
    @Test func payloadSurvivesReserialisation() throws {
        let payload = #"""
            {"type":"event_callback","ok":true,"no":false,"nothing":null,"n":42,"big":9007199254740993,"neg":-7,
             "f":1.5,"text":"caf\u00e9 \"quoted\" back\\slash \n line / slash 🎉 <@U1>","url":"https://x.test/a/b",
             "list":[1,"two",{"three":[]}],"empty":{}}
            """#
        let text = #"{"envelope_id":"e-3","type":"events_api","payload":\#(payload)}"#
        guard case .envelope(let envelope) = InboundFrame.parse(text) else {
            Issue.record("not an envelope")
            return
        }
        let received = try #require(SocketModeTestSupport.json(envelope.payload))
        #expect(received == SocketModeTestSupport.json(payload))
        let rendered = String(decoding: envelope.payload, as: UTF8.self)
        #expect(rendered.contains("true") && rendered.contains("false") && rendered.contains("null"))
        #expect(rendered.contains("9007199254740993"))
        #expect(rendered.contains("https://x.test/a/b"))
    }

    @Test(arguments: [
        #"{"envelope_id":"e-4","type":"some_future_type","payload":{}}"#,
        #"{"envelope_id":"e-4","type":"events_api","payload":"not an object"}"#,
        #"{"envelope_id":"e-4","type":"events_api"}"#,
        #"{"envelope_id":"e-4","payload":{}}"#,
    ])
    func envelopesThatCannotBeHandledAreStillAcknowledged(text: String) {
        guard case .unhandledEnvelope(let envelopeID, _) = InboundFrame.parse(text) else {
            Issue.record("expected an unhandled envelope")
            return
        }
        #expect(envelopeID == "e-4")
    }

    @Test(arguments: [
        "", "not json", "[1,2,3]", "42", #""hello""#, #"{"type":"events_api"}"#, #"{"envelope_id":"","type":"events_api"}"#,
        #"{"no_type":true}"#, "{\"type\":\"hello\"",
    ])
    func malformedFramesAreIgnored(text: String) {
        guard case .ignored = InboundFrame.parse(text) else {
            Issue.record("expected the frame to be ignored")
            return
        }
    }

    @Test func deeplyNestedGarbageIsIgnored() {
        guard case .ignored = InboundFrame.parse(String(repeating: "[", count: 10_000)) else {
            Issue.record("expected the frame to be ignored")
            return
        }
    }

    @Test func acknowledgementText() {
        #expect(Acknowledgement.text(envelopeID: "e-1", payload: nil) == #"{"envelope_id":"e-1"}"#)
        #expect(
            Acknowledgement.text(envelopeID: "e-\"2\"", payload: Array(#"{"text":"ok"}"#.utf8))
                == #"{"envelope_id":"e-\"2\"","payload":{"text":"ok"}}"#)
        #expect(SocketModeTestSupport.json(Acknowledgement.text(envelopeID: "x\n", payload: Array("{}".utf8))) != nil)
        #expect(Acknowledgement.isJSONObject(Array(#"{"a":1}"#.utf8)))
        #expect(!Acknowledgement.isJSONObject(Array("[1]".utf8)))
        #expect(!Acknowledgement.isJSONObject(Array("oops".utf8)))
    }
}
