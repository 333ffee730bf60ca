import FakeSlack
import Foundation
import HummingbirdTesting
@testable import PartnerBot
import SlackPlatform
import Testing

@Suite("Slash commands from a partner's own installed workspace follow today's rules")
struct PartnerWorkspaceCommandTests {
    static let grid = (org: "initech", enterprise: "E0INITECH1", workspace: "T0INITWS01", user: "UINI000001")
    static let acmeToken = "xoxb-acme-own-install"
    static let gridToken = "xoxb-initech-grid-install"

    /// The program fixture plus an Enterprise Grid partner mapped by its organisation id, with the
    /// app installed in Acme's own workspace and organisation-wide at Initech when `installed`.
    static func app(installed: Bool) async throws -> TestApp {
        var app = try await TestApp.program()
        let oauth = InstallFixture.configuration()
        app.configuration.slack.clientID = oauth.slack.clientID
        app.configuration.slack.clientSecret = oauth.slack.clientSecret
        app.configuration.server.publicURL = oauth.server.publicURL
        app.configuration.slack.botToken = InstallFixture.defaultToken  // the vendor's own token, as configured
        let csv = "org,name,type,tier,region,team_id,channel_id,manager\n\(grid.org),Initech,msp,registered,na,\(grid.enterprise),CINITECH01,\(ProgramFixture.acmeManager)\n"
        _ = try await app.database.upsertPartnerOrgs(try DirectoryImport.partners(csv: csv, tiers: ["registered", "select", "elite"]), now: TestSupport.now)
        if installed {
            try await app.database.saveInstallation(InstallFixture.grant(team: ProgramFixture.ann.team, token: acmeToken), now: TestSupport.now)
            try await app.database.saveInstallation(
                OAuthV2Grant(accessToken: gridToken, scope: "commands", botUserID: "U0BOTGRID1", team: nil, enterprise: .init(id: grid.enterprise, name: "Initech"), isEnterpriseInstall: true),
                now: TestSupport.now)
        }
        return app
    }

    static func gridCommand(
        _ name: String, _ text: String, enterprise: String = grid.enterprise, workspace: String = grid.workspace, user: String = grid.user
    ) -> SlashCommand {
        SlashCommand(
            command: name, text: text, teamID: workspace, enterpriseID: enterprise, channelID: "CINITWS001", userID: user,
            triggerID: "9.9.9", isEnterpriseInstall: true)
    }

    /// The replies a sequence of commands gets, with or without installations.
    static func replies(installed: Bool) async throws -> [String] {
        let app = try await app(installed: installed)
        return try await app.test(.router) { client in
            var replies: [String] = []
            for text in ["Acme Target Co domain:target.example amount:50k", "Acme Target Co"] {
                replies.append(try await client.command("/register", text, user: ProgramFixture.ann.user, team: ProgramFixture.ann.team).replyText)
            }
            replies.append(try await client.command("/deal", "status", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team).replyText)
            replies.append(try await client.command(gridCommand("/register", "Grid Customer GmbH amount:20k")).replyText)
            replies.append(try await client.command(gridCommand("/deal", "status")).replyText)
            replies.append(try await client.command(gridCommand("/register", "Other Co", enterprise: "E0STRANGER", workspace: "T0STRANGE1", user: "USTRANGER1")).replyText)
            replies.append(try await client.command("/register", "Evil Co", user: ProgramFixture.outsider.user, team: ProgramFixture.outsider.team).replyText)
            return replies
        }
    }

    @Test func commandsFromInstalledPartnerWorkspacesAreAnsweredExactlyAsWithoutAnInstall() async throws {
        let withInstalls = try await Self.replies(installed: true)
        let withoutInstalls = try await Self.replies(installed: false)
        #expect(withInstalls == withoutInstalls)
        #expect(withInstalls[0].contains("DR-1"), "Acme's own workspace registers for acme-resell: \(withInstalls[0])")
        #expect(withInstalls[2].contains("Acme Target"))
        #expect(withInstalls[3].contains("DR-2"), "an Enterprise Grid partner maps by its organisation id: \(withInstalls[3])")
        #expect(withInstalls[4].contains("Grid Customer") && !withInstalls[4].contains("Acme Target"), "each sees only its own deals")
        #expect(withInstalls[5].contains("not enrolled"), "another organisation is no partner: \(withInstalls[5])")
        #expect(withInstalls[6].contains("not enrolled"))
    }

    @Test func theFormOpensWithTheTokenOfTheInstallationTheCommandCameThrough() async throws {
        let app = try await Self.app(installed: true)
        try await app.test(.router) { client in
            _ = try await client.command(TestSupport.slashCommand("/register", "", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team))
            _ = try await client.command(Self.gridCommand("/register", ""))
            _ = try await client.command(TestSupport.slashCommand("/register", "", user: ProgramFixture.guestOfAcme.user, team: ProgramFixture.vendorTeam))
        }
        let opened = app.chat.requests(forMethod: "views.open")
        #expect(opened.map(\.authorization) == [.token(Self.acmeToken), .token(Self.gridToken), .configuredToken])
    }

    @Test func aFormSubmittedThroughAPartnerInstallationIsAnsweredThroughIt() async throws {
        let app = try await Self.app(installed: true)
        let submission = ViewSubmission(
            user: .init(id: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team), team: .init(id: ProgramFixture.ann.team),
            view: .init(callbackID: CallbackID.registerForm.rawValue, privateMetadata: "CACMEOWN01", values: ["company": [RegistrationForm.inputID(.company): "Form Co"]]))
        try await app.test(.router) { client in
            _ = try await client.send(client.builder.viewSubmission(submission, timestamp: client.timestamp))
        }
        let reply = try #require(try await app.database.outboxRecords().first { $0.dedupeKey.hasPrefix("register-form:") })
        #expect(reply.workspace == ProgramFixture.ann.team)
        #expect(reply.target == "CACMEOWN01")
    }
}
