import Testing
@testable import SlackPlatform

@Suite("Form bodies")
struct FormBodyTests {
    @Test func decodesPlusAndPercentEscapes() {
        let form = FormBody(Array("text=Acme+Corp%20amount%3A50k&command=%2Fregister&empty=&flag".utf8))
        #expect(form["text"] == "Acme Corp amount:50k")
        #expect(form["command"] == "/register")
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        #expect(form["missing"] == nil)
    }

    @Test func decodesUTF8AndKeepsBrokenEscapesLiterally() {
        let form = FormBody(Array("a=caf%C3%A9&b=100%&c=%zz&d=%C3".utf8))
        #expect(form["a"] == "café")
        #expect(form["b"] == "100%")
        #expect(form["c"] == "%zz")
        #expect(form["d"] == "\u{FFFD}")
    }

    @Test func roundTripsThroughEncoding() {
        let original = FormBody(fields: [("text", "Acme & Co = \"50k\" + €"), ("payload", "{\"a\":[1,2]}")])
        #expect(FormBody(Array(original.encoded.utf8)) == original)
    }

    @Test func theOfficialVectorDecodesIntoASlashCommand() throws {
        let command = try SlashCommand(form: FormBody(RequestVerifierTests.body))
        #expect(command.command == "/webhook-collect")
        #expect(command.teamID == "T1DC2JH3J")
        #expect(command.userID == "U2CERLKJA")
        #expect(command.channelID == "G8PSS9T3V")
        #expect(command.text == "")
        #expect(command.responseURL == "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN")
    }

    @Test func aSlashCommandWithoutUserIsRefused() {
        #expect(throws: PayloadError.missingField("user_id")) {
            try SlashCommand(form: FormBody(Array("command=%2Fdeal&team_id=T1&channel_id=C1".utf8)))
        }
    }
}
