import Foundation
import Testing
@testable import SlackPlatform

@Suite("Interaction and event payloads")
struct PayloadDecodingTests {
    @Test func decodesABlockActionsPayloadAsSlackSendsIt() throws {
        let json = """
            {"type":"block_actions","user":{"id":"U123","username":"ann","team_id":"T999"},"api_app_id":"A1",
             "team":{"id":"T111","domain":"vendor"},"container":{"type":"message","message_ts":"1700000000.000100","channel_id":"C42","is_ephemeral":false},
             "channel":{"id":"C42","name":"partners"},"message":{"ts":"1700000000.000100","text":"x"},
             "response_url":"https://hooks.slack.com/actions/T1/1/abc","trigger_id":"1.2.3",
             "actions":[{"action_id":"deal_approve","block_id":"b1","value":"DR-7","type":"button","action_ts":"1700000001.1"}]}
            """
        guard case .blockActions(let actions) = try Interaction(payloadJSON: json) else {
            Issue.record("expected block_actions")
            return
        }
        #expect(actions.user.id == "U123")
        #expect(actions.actingTeamID == "T999")
        #expect(actions.container?.messageTS == "1700000000.000100")
        #expect(actions.actions == [.init(actionID: "deal_approve", blockID: "b1", value: "DR-7", type: "button")])
    }

    @Test func decodesAViewSubmissionWithItsStateValues() throws {
        let json = """
            {"type":"view_submission","user":{"id":"U1","team_id":"T1"},"team":{"id":"T1"},
             "view":{"id":"V1","callback_id":"register_form","private_metadata":"C42","state":{"values":{
               "company":{"company_input":{"type":"plain_text_input","value":"Acme"}},
               "close":{"close_input":{"type":"datepicker","selected_date":"2027-01-31"}},
               "motion":{"motion_input":{"type":"static_select","selected_option":{"value":"resale"}}}}}}}
            """
        guard case .viewSubmission(let submission) = try Interaction(payloadJSON: json) else {
            Issue.record("expected view_submission")
            return
        }
        #expect(submission.view.callbackID == "register_form")
        #expect(submission.view.privateMetadata == "C42")
        #expect(submission.view.values["company"]?["company_input"] == "Acme")
        #expect(submission.view.values["close"]?["close_input"] == "2027-01-31")
        #expect(submission.view.values["motion"]?["motion_input"] == "resale")
    }

    @Test func roundTripsTheBlockActionsTheDevToolsSend() throws {
        let actions = BlockActions(
            user: .init(id: "U1", teamID: "T1"), team: .init(id: "T1"),
            container: .init(messageTS: "1.2", channelID: "C1"), channel: .init(id: "C1"),
            actions: [.init(actionID: "ack", value: "q3")])
        let json = String(decoding: try JSONEncoder().encode(actions), as: UTF8.self)
        #expect(try Interaction(payloadJSON: json) == .blockActions(actions))
    }

    @Test(arguments: ["", "not json", "[]", "{\"type\":\"block_actions\"}", "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"}}"])
    func malformedInteractionsAreRejected(json: String) {
        #expect(throws: PayloadError.self) { try Interaction(payloadJSON: json) }
    }

    @Test func unknownInteractionTypesAreKept() throws {
        #expect(try Interaction(payloadJSON: #"{"type":"block_suggestion"}"#) == .unsupported(type: "block_suggestion"))
        #expect(throws: PayloadError.self, "a shortcut without its callback id or user is malformed") {
            try Interaction(payloadJSON: #"{"type":"shortcut"}"#)
        }
    }

    @Test func decodesEventEnvelopes() throws {
        #expect(try EventEnvelope(json: Array(#"{"token":"x","challenge":"abc123","type":"url_verification"}"#.utf8)) == .urlVerification(challenge: "abc123"))
        let callback = try EventEnvelope(json: Array(#"{"type":"event_callback","team_id":"T1","event_id":"Ev1","event_time":1700000000,"event":{"type":"app_mention","user":"U1","channel":"C1"}}"#.utf8))
        #expect(callback == .callback(.init(eventID: "Ev1", teamID: "T1", eventTime: 1_700_000_000, type: "app_mention", user: "U1", channel: "C1")))
        #expect(throws: PayloadError.self) { try EventEnvelope(json: Array(#"{"type":"event_callback","event":{"type":"x"}}"#.utf8)) }
        let home = try EventEnvelope(json: Array(#"{"type":"event_callback","team_id":"T1","event_id":"Ev2","event":{"type":"app_home_opened","user":"U1","channel":"D1","tab":"home","view":{"id":"V1"}}}"#.utf8))
        #expect(home == .callback(.init(eventID: "Ev2", teamID: "T1", eventTime: nil, type: "app_home_opened", user: "U1", channel: "D1", tab: "home")))
    }
}
