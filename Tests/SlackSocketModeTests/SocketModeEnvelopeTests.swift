import Testing
import SlackSocketMode

@Suite("Socket Mode envelopes")
struct SocketModeEnvelopeTests {
    @Test func kindsAreSlacksNames() {
        #expect(SocketModeEnvelope.Kind(rawValue: "events_api") == .eventsAPI)
        #expect(SocketModeEnvelope.Kind(rawValue: "slash_commands") == .slashCommands)
        #expect(SocketModeEnvelope.Kind(rawValue: "interactive") == .interactive)
    }
}
