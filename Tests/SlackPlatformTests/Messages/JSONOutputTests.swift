import FakeSlack
import Foundation
import PropertyTesting
import Testing
@testable import SlackPlatform

@Suite("JSON output of messages")
struct JSONOutputTests {
    @Test(arguments: ["plain", "quote \" and backslash \\", "line\nbreak\ttab\r", "control \u{0}\u{1F}\u{7}", "unicode é 漢 🙂 \u{202E}", "</script> & <!channel>", ""])
    func stringsRoundTripThroughJSONSerialization(text: String) throws {
        let reply = MessageReply(text: text, blocks: [.section(text: text, fields: [text]), .context([text])])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.json)) as? [String: Any])
        #expect(object["text"] as? String == text)
        let blocks = try #require(object["blocks"] as? [[String: Any]])
        #expect((blocks[0]["text"] as? [String: Any])?["text"] as? String == text)
    }

    @Test func randomStringsRoundTripAndControlCharactersAreEscaped() throws {
        var random = SplitMix64(seed: 0x6A73_6F6E)
        var mismatches = Mismatches()
        let pieces = ["a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "漢", "🙂", "👩‍👩‍👧", "/", "<", "&"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...60, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var output = JSONOutput()
            output.string(text)
            mismatches.check(output.bytes.contains { $0 < 0x20 }, false, "raw control bytes in the JSON of \(text.debugDescription)")
            let decoded = try JSONSerialization.jsonObject(with: Data(output.bytes), options: [.fragmentsAllowed]) as? String
            mismatches.check(decoded, text, text.debugDescription)
        }
        mismatches.finish()
    }

    @Test func longSectionsAndHeadersAreCutToSlacksCharacterLimits() throws {
        let long = String(repeating: "👩‍👩‍👧", count: 3_100)
        #expect(long.limited(to: 3000).count == 3000)
        #expect("short".limited(to: 3000) == "short")
        #expect("ééé".limited(to: 2) == "éé", "cut by characters, not bytes")
        let reply = MessageReply(text: "t", blocks: [.section(text: long), .header(long)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.json)) as? [String: Any])
        let blocks = try #require(object["blocks"] as? [[String: Any]])
        #expect(((blocks[0]["text"] as? [String: Any])?["text"] as? String)?.count == 3000)
        #expect(((blocks[1]["text"] as? [String: Any])?["text"] as? String)?.count == 150)
    }

    @Test func blocksHaveTheShapeSlackExpects() throws {
        let reply = MessageReply(
            text: "t",
            blocks: [
                .header("Title"), .divider,
                .actions([Button("Approve", actionID: "deal_approve", value: "DR-1", style: .primary)], blockID: "b1"),
                .input(Input(blockID: "motion", label: "Motion", element: .select(actionID: "m", options: [("resale", "Resale")]), optional: true, hint: "h")),
            ],
            visibility: .inChannel, replaceOriginal: false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.json)) as? [String: Any])
        #expect(object["response_type"] as? String == "in_channel")
        #expect(object["replace_original"] as? Bool == false)
        let blocks = try #require(object["blocks"] as? [[String: Any]])
        #expect(blocks.map { $0["type"] as? String } == ["header", "divider", "actions", "input"])
        let button = try #require((blocks[2]["elements"] as? [[String: Any]])?.first)
        #expect(button["action_id"] as? String == "deal_approve")
        #expect(button["style"] as? String == "primary")
        #expect((button["text"] as? [String: Any])?["type"] as? String == "plain_text")
        let element = try #require(blocks[3]["element"] as? [String: Any])
        #expect((element["options"] as? [[String: Any]])?.first?["value"] as? String == "resale")
    }

    @Test func modalsSerialize() throws {
        let view = ModalView(callbackID: "cb", title: "A very long title that is cut", submit: "Go", privateMetadata: "C1", blocks: [.divider])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(view.json)) as? [String: Any])
        #expect(object["type"] as? String == "modal")
        #expect(object["callback_id"] as? String == "cb")
        #expect(((object["title"] as? [String: Any])?["text"] as? String)?.count == 24)
    }
}
