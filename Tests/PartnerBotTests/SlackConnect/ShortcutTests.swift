import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

/// Global and message shortcuts: decoded and verified like every interaction, answered to the
/// invoker only, and never registering anything before the partner submits the form.
@Suite("Slack Connect: shortcuts")
struct ShortcutTests {
    static func global(_ callback: String, user: (user: String, team: String)) -> String {
        """
        {"type":"shortcut","token":"legacy","action_ts":"1700000002.000300","team":{"id":"TVENDOR001","domain":"vendor"},\
        "user":{"id":"\(user.user)","username":"someone","team_id":"\(user.team)"},"is_enterprise_install":false,"enterprise":null,\
        "callback_id":"\(callback)","trigger_id":"2222.3333.efgh"}
        """
    }

    static func onMessage(_ callback: String, user: (user: String, team: String), text: String) -> String {
        let escaped = String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast()
        return """
            {"type":"message_action","token":"legacy","action_ts":"1700000003.000400","team":{"id":"TVENDOR001","domain":"vendor"},\
            "user":{"id":"\(user.user)","username":"someone","team_id":"\(user.team)","name":"someone"},"channel":{"id":"CACME00001","name":"acme-x-vendor"},\
            "is_enterprise_install":false,"enterprise":null,"callback_id":"\(callback)","trigger_id":"3333.4444.ijkl","message_ts":"1700000000.000500",\
            "message":{"client_msg_id":"abc","type":"message","text":\(escaped),"user":"\(user.user)","ts":"1700000000.000500","team":"\(user.team)"},\
            "response_url":"https://hooks.slack.com/app/TVENDOR001/2/xyz"}
            """
    }

    func send(_ json: String, on client: SignedClient) async throws -> TestResponse {
        try await client.send(client.builder.interaction(payloadJSON: json, timestamp: client.timestamp))
    }

    @Test func theGlobalShortcutOpensTheFormForPartnersAndExplainsToOthersInADirectMessage() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let partner = try await send(Self.global("register_deal", user: ProgramFixture.ann), on: client)
            let outsider = try await send(Self.global("register_deal", user: ProgramFixture.outsider), on: client)
            #expect(partner.status == .ok && outsider.status == .ok)
        }
        let opened = app.chat.requests(forMethod: "views.open").map { String(decoding: $0.body, as: UTF8.self) }
        #expect(opened.count == 1 && opened[0].contains("register_form") && opened[0].contains("2222.3333.efgh"))
        let dm = try await app.database.outboxRecords().first { $0.target == ProgramFixture.outsider.user && $0.method == "chat.postMessage" }
        #expect(dm?.payload.contains("not enrolled") == true)
        #expect(try await app.database.dealCount() == 0)
    }

    @Test func theMessageShortcutPrefillsTheFormFromTheMessageAndRegistersNothing() async throws {
        let app = try await TestApp.program()
        let text = "Call with <mailto:cto@initech-robotics.com|cto@initech-robotics.com> at Initech Robotics Inc today: 40 seats, budget approved"
        try await app.test(.router) { client in
            let response = try await send(Self.onMessage("register_deal_from_message", user: ProgramFixture.ann, text: text), on: client)
            #expect(response.status == .ok)
        }
        let opened = try #require(app.chat.requests(forMethod: "views.open").first)
        let view = try #require((opened.jsonObject?["view"] as? [String: Any]))
        let blocks = try #require(view["blocks"] as? [[String: Any]])
        func initial(_ block: String) -> String? { (blocks.first { $0["block_id"] as? String == block }?["element"] as? [String: Any])?["initial_value"] as? String }
        #expect(initial("company") == "Initech Robotics Inc")
        #expect(initial("domain") == "initech-robotics.com")
        #expect(initial("note")?.contains("40 seats") == true)
        #expect(view["private_metadata"] as? String == "CACME00001")
        #expect(try await app.database.dealCount() == 0, "nothing is registered before the partner submits")
    }

    @Test func anUnknownShortcutGetsAPoliteAnswerNeverAnError() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let response = try await send(Self.onMessage("something_retired", user: ProgramFixture.ann, text: "hi"), on: client)
            #expect(response.status == .ok)
            let malformed = try await send(#"{"type":"shortcut","callback_id":"register_deal"}"#, on: client)
            #expect(malformed.status == .badRequest, "no user: a precise status, never a 500")
        }
        let answer = try await app.database.outboxRecords().first { $0.method == "response_url" }
        #expect(answer?.payload.contains("don't know that shortcut") == true)
        #expect(answer?.target == "https://hooks.slack.com/app/TVENDOR001/2/xyz")
    }

    @Test(arguments: [
        ("Meeting notes: see https://www.globex.example/about for Globex Corporation", "Globex Corporation", "globex.example"),
        ("ping jane@gmail.com about <https://acme-robotics.co.uk|acme-robotics.co.uk>", "Acme Robotics", "acme-robotics.co.uk"),
        ("no company here, just chatting", nil, nil),
        ("Umbrella GmbH wants a demo", "Umbrella GmbH", nil),
    ] as [(String, String?, String?)])
    func guessesCompanyAndDomainFromAMessage(text: String, company: String?, domain: String?) {
        let prefill = RegistrationGuess.prefill(fromMessage: text)
        #expect(prefill.company == company)
        #expect(prefill.domain == domain)
        #expect(prefill.note == text.replacingOccurrences(of: "<https://acme-robotics.co.uk|acme-robotics.co.uk>", with: "acme-robotics.co.uk"))
    }
}
