import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Hostile input")
struct HostileInputTests {
    @Test func sqlMetacharactersAreJustText() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let reply = try await client.command("/register", "Robert'); DROP TABLE deal;-- Ltd", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            #expect(reply.replyText.contains("Registered"))
        }
        #expect(try await app.database.deal(id: 1)?.customerName == "Robert'); DROP TABLE deal;-- Ltd")
        #expect(try await app.database.dealCount() == 1)
    }

    @Test func aTenKilobyteCompanyNameIsRefusedClearly() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let reply = try await client.command("/register", String(repeating: "Acme ", count: 2048), user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            #expect(reply.status == .ok)
            #expect(reply.replyText.lowercased().contains("company"))
            #expect(reply.replyText.count < 2000)
        }
        #expect(try await app.database.dealCount() == 0)
    }

    @Test func invalidUTF8AndControlCharactersGetAClearAnswer() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            var command = TestSupport.slashCommand("/register", "", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            let body = Array((command.form.encoded + "&text=Acme%FF%FE%00Corp").utf8)
            command.text = ""
            let request = SignedRequestBuilder.SignedRequest(
                path: "/slack/commands", headers: RequestSigner(secret: TestSupport.secret).headers(timestamp: client.timestamp, body: body).map { ($0.name, $0.value) }, body: body)
            let response = try await client.send(request)
            #expect(response.status == .ok)
            let control = try await client.command("/register", "Acme\u{7}\u{1B}[31m Corp", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            #expect(control.status == .ok)
            #expect(!control.replyText.isEmpty)
        }
    }

    @Test func slackMarkupInUserTextIsNeutralisedInMessagesPostedOnTheirBehalf() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            // Slack sends what the user typed with &, <, > escaped.
            _ = try await client.command(
                "/register", "&lt;!channel&gt; Corp note:\"ping &lt;@UMGRACME01&gt; &lt;!here&gt;\"", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            _ = try await client.command("/deal", "needinfo DR-1 <!everyone> what?", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            _ = try await client.command("/deal", "answer DR-1 &lt;!channel&gt; the CFO", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
        }
        let posted = try await app.database.outboxRecords()
        #expect(!posted.isEmpty)
        for row in posted {
            for markup in ["<!channel>", "<!here>", "<!everyone>", "<@UMGRACME01>"] {
                #expect(!row.payload.contains(markup), "\(row.dedupeKey) contains \(markup)")
            }
        }
        #expect(posted.contains { $0.payload.contains("&lt;!channel&gt; Corp") })
    }
}
