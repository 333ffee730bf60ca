import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("/register form (modal)")
struct RegistrationFormModalTests {
    func submit(_ client: SignedClient, values: [String: String], user: (user: String, team: String) = ProgramFixture.ann) async throws -> TestResponse {
        var state: [String: [String: String]] = [:]
        for (field, value) in values { state[field] = ["\(field)_input": value] }
        let submission = ViewSubmission(
            user: .init(id: user.user, teamID: user.team), team: .init(id: user.team),
            view: .init(callbackID: "register_form", privateMetadata: "CACME00001", values: state))
        return try await client.send(client.builder.viewSubmission(submission, timestamp: client.timestamp))
    }

    @Test func registerAloneOpensTheFormAndAnswersWithNothing() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let response = try await client.command("/register", "", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
        }
        let opened = try #require(app.chat.requests(forMethod: "views.open").first)
        let body = String(decoding: opened.body, as: UTF8.self)
        #expect(body.contains("register_form"))
        #expect(body.contains("company_input"))
    }

    @Test func aValidSubmissionRegistersLikeTheInlineForm() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let response = try await submit(client, values: ["company": "Modal Customer Inc", "domain": "modal.example", "amount": "50k", "close": "2027-03-31", "motion": "resale"])
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0, "an empty answer closes the modal")
        }
        let deal = try #require(try await app.database.deal(id: 1))
        #expect(deal.customerKey == "modal customer")
        #expect(deal.domain == "modal.example")
        #expect(deal.amount?.description == "$50,000")
        #expect(deal.motion == "resale")
        #expect(try await app.database.outboxRecords().contains { $0.method == "chat.postEphemeral" && $0.payload.contains("Registered") })
    }

    @Test func fieldErrorsAreShownInTheModal() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let response = try await submit(client, values: ["company": "", "close": "2020-01-01", "contact": "not-an-email"])
            #expect(response.status == .ok)
            #expect(response.json?["response_action"] as? String == "errors")
            let errors = try #require(response.json?["errors"] as? [String: String])
            #expect(Set(errors.keys).isSuperset(of: ["company", "close", "contact"]))
        }
        #expect(try await app.database.dealCount() == 0)
    }

    @Test func anOutsiderSubmittingTheFormIsRefused() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let response = try await submit(client, values: ["company": "Sneaky"], user: ProgramFixture.outsider)
            #expect(response.json?["response_action"] as? String == "errors")
        }
        #expect(try await app.database.dealCount() == 0)
    }
}
