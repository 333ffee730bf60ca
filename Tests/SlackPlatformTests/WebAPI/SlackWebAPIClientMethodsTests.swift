import FakeSlack
import Foundation
import Testing

@testable import SlackPlatform

/// The typed helpers build the documented bodies (checked through the recording client).
@Suite("SlackWebAPIClient helpers")
struct SlackWebAPIClientMethodsTests {
    private func body(_ request: WebAPIRequest?) -> String {
        request.map { String(decoding: $0.body, as: UTF8.self) } ?? "<none>"
    }

    @Test("each helper calls its method with its fields")
    func helpers() async throws {
        let slack = RecordingWebAPIClient()
        let blocks = Array(#"[{"type":"divider"}]"#.utf8)
        let view = Array(#"{"type":"modal","title":{"type":"plain_text","text":"Deal"}}"#.utf8)

        try await slack.postMessage(channel: "C1", text: "a\"b\\c\nd", blocks: blocks, threadTS: "1.1")
        try await slack.update(channel: "C1", ts: "1.2", text: "t")
        try await slack.postEphemeral(channel: "C1", user: "U1", text: "only you", blocks: blocks)
        let dm = try await slack.openConversation(users: ["U1"])
        try await slack.openView(triggerID: "trig.1", view: view)
        try await slack.publishView(userID: "U1", view: Array(#"{"type":"home","blocks":[]}"#.utf8))

        let requests = slack.requests
        #expect(requests.map(\.method) == [
            "chat.postMessage", "chat.update", "chat.postEphemeral", "conversations.open", "views.open", "views.publish",
        ])
        #expect(body(requests[0]) == #"{"channel":"C1","text":"a\"b\\c\nd","blocks":[{"type":"divider"}],"thread_ts":"1.1"}"#)
        #expect(body(requests[1]) == #"{"channel":"C1","ts":"1.2","text":"t"}"#)
        #expect(body(requests[2]) == #"{"channel":"C1","user":"U1","text":"only you","blocks":[{"type":"divider"}]}"#)
        #expect(body(requests[3]) == #"{"users":"U1"}"#)
        #expect(dm == "D000004")
        #expect(body(requests[4]) == #"{"trigger_id":"trig.1","view":"# + String(decoding: view, as: UTF8.self) + "}")
        #expect(body(requests[5]) == #"{"user_id":"U1","view":{"type":"home","blocks":[]}}"#)
        for request in requests {
            #expect(request.jsonObject != nil)
        }
    }

    @Test("control characters and non-ASCII text survive as valid JSON")
    func escaping() throws {
        var body = JSONBody()
        body.add("text", string: "tab\there \u{01} café 🎉 </script>")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(body.encoded)) as? [String: String])
        #expect(decoded["text"] == "tab\there \u{01} café 🎉 </script>")
    }

    @Test("pre-encoded values of the wrong kind are refused before any call")
    func wrongKinds() async {
        let slack = RecordingWebAPIClient()
        let notArray = await WebAPITestSupport.failure {
            try await slack.postMessage(channel: "C1", text: "x", blocks: Array(#"{"type":"divider"}"#.utf8))
        }
        let notObject = await WebAPITestSupport.failure {
            try await slack.openView(triggerID: "t", view: Array("[]".utf8))
        }
        let notJSON = await WebAPITestSupport.failure {
            try await slack.publishView(userID: "U1", view: Array("{".utf8))
        }
        #expect(notArray == .apiError(code: "invalid_blocks"))
        #expect(notObject == .apiError(code: "invalid_arguments"))
        #expect(notJSON == .apiError(code: "invalid_json"))
        #expect(slack.requests.isEmpty)
    }
}
