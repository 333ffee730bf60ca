import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

/// The partner panel in Slack Connect channels: posted once per channel, updated on re-runs, and
/// its buttons answered for whoever clicks, resolved from the signed payload alone.
@Suite("Slack Connect: the partner panel")
struct PartnerPanelTests {
    /// A `block_actions` payload as Slack sends it for a click in a shared channel: `team` is the
    /// installation's (the vendor's) workspace, `user.team_id` the clicker's own.
    static func click(
        _ action: ActionID, user: String, userTeam: String, enterprise: String? = nil, channel: String = "CACME00001"
    ) -> String {
        let userEnterprise = enterprise.map { #","enterprise_id":"\#($0)""# } ?? ""
        let enterpriseObject = enterprise.map { #"{"id":"\#($0)","name":"Grid"}"# } ?? "null"
        return """
            {"type":"block_actions","user":{"id":"\(user)","username":"someone","name":"someone","team_id":"\(userTeam)"\(userEnterprise)},\
            "api_app_id":"A0PARTNERBOT","token":"legacy","container":{"type":"message","message_ts":"1700000000.000100","channel_id":"\(channel)","is_ephemeral":false},\
            "trigger_id":"1111.2222.abcd","team":{"id":"TVENDOR001","domain":"vendor"},"enterprise":\(enterpriseObject),"is_enterprise_install":false,\
            "channel":{"id":"\(channel)","name":"acme-x-vendor"},"message":{"type":"message","subtype":"bot_message","text":"Partner program","ts":"1700000000.000100","bot_id":"B0BOT"},\
            "state":{"values":{}},"response_url":"https://hooks.slack.com/actions/TVENDOR001/1/abc",\
            "actions":[{"action_id":"\(action.rawValue)","block_id":"partner_panel","text":{"type":"plain_text","text":"x","emoji":true},"value":"acme-resell","type":"button","action_ts":"1700000001.000200"}]}
            """
    }

    /// The ephemeral answers queued for `user`.
    static func answers(to user: String, in app: TestApp) async throws -> [OutboxRecord] {
        try await app.database.outboxRecords().filter { $0.method == "chat.postEphemeral" && $0.payload.contains(#""user":"\#(user)""#) }
    }

    @Test func importingPostsOnePanelPerChannelAndRerunsUpdateIt() async throws {
        let app = try await TestApp.program()
        let posts = try await app.database.outboxRecords().filter { $0.dedupeKey.hasPrefix("panel:") }
        #expect(Set(posts.map(\.target)) == ["CACME00001", "CGLOBEX001"])
        #expect(posts.allSatisfy { $0.method == "chat.postMessage" && $0.payload.contains("panel_register") && $0.payload.contains("panel_deals") })
        let again = try await app.database.publishPanels(orgs: ["acme-resell"], now: TestSupport.now)
        #expect(again.results.map(\.result) == [.updated(channel: "CACME00001")])
        let acme = try await app.database.outboxRecords().filter { $0.dedupeKey.hasPrefix("panel:acme-resell") }
        #expect(acme.filter { $0.method == "chat.postMessage" }.count == 1, "never a second panel")
        #expect(acme.contains { $0.method == "chat.update" && $0.reference == "panel:acme-resell@CACME00001" })
        let unknown = try await app.database.publishPanels(orgs: ["nope"], now: TestSupport.now)
        #expect(unknown.unknown == ["nope"] && unknown.results.isEmpty)
    }

    @Test func anExternalPartnerGetsTheirOwnDealsEphemerally() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Panel Customer", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            _ = try await client.command("/register", "Globex Only Customer", user: ProgramFixture.bob.user, team: ProgramFixture.bob.team)
            let request = client.builder.interaction(payloadJSON: Self.click(.panelDeals, user: ProgramFixture.ann.user, userTeam: ProgramFixture.ann.team), timestamp: client.timestamp)
            let response = try await client.send(request)
            #expect(response.status == .ok)
        }
        let answer = try #require(try await Self.answers(to: ProgramFixture.ann.user, in: app).first)
        #expect(answer.target == "CACME00001")
        #expect(answer.payload.contains("Panel Customer") && !answer.payload.contains("Globex Only Customer"))
    }

    @Test func aVendorManagerClickingInTheSharedChannelIsNotTakenForThePartner() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Waiting Customer", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            for (user, team) in [(ProgramFixture.acmeManager, ProgramFixture.vendorTeam), ProgramFixture.outsider] {
                _ = try await client.send(client.builder.interaction(payloadJSON: Self.click(.panelCertifications, user: user, userTeam: team), timestamp: client.timestamp))
            }
        }
        let manager = try #require(try await Self.answers(to: ProgramFixture.acmeManager, in: app).first)
        #expect(manager.payload.contains("Certifications belong to partner people"), "the manager is answered as a manager")
        let outsider = try await app.database.outboxRecords().filter { $0.method == "response_url" }
        #expect(outsider.contains { $0.payload.contains("not enrolled") }, "someone unknown is told so, never the channel's partner")
        #expect(try await app.database.caller(ActingUser(userID: ProgramFixture.acmeManager, teamID: ProgramFixture.vendorTeam), roles: ProgramFixture.roles, now: TestSupport.now).partnerOrg == nil)
    }

    @Test func enterpriseGridPartnersAndListedMembersResolveToTheirOrganisation() async throws {
        let app = try await TestApp.program()
        let csv = "org,name,type,tier,region,team_id,channel_id,manager\ngrid-co,Grid Co,si,elite,na,E0GRIDORG,CGRID00001,UMGRGRID01\n"
        _ = try await app.database.upsertPartnerOrgs(try DirectoryImport.partners(csv: csv, tiers: ["registered", "select", "elite"]), now: TestSupport.now)
        let grid = try await app.database.caller(ActingUser(userID: "UGRID00001", teamID: "T0GRIDWS1", enterpriseID: "E0GRIDORG"), roles: ProgramFixture.roles, now: TestSupport.now)
        #expect(grid.partnerOrg == "grid-co")
        let guest = try await app.database.caller(
            ActingUser(userID: ProgramFixture.guestOfAcme.user, teamID: ProgramFixture.guestOfAcme.team), roles: ProgramFixture.roles, now: TestSupport.now)
        #expect(guest.partnerOrg == "acme-resell", "members.csv wins over the workspace")
        try await app.test(.router) { client in
            let payload = Self.click(.panelDeals, user: "UGRID00001", userTeam: "T0GRIDWS1", enterprise: "E0GRIDORG", channel: "CGRID00001")
            let response = try await client.send(client.builder.interaction(payloadJSON: payload, timestamp: client.timestamp))
            #expect(response.status == .ok)
        }
        #expect(try await Self.answers(to: "UGRID00001", in: app).first?.payload.contains("No deals yet") == true)
    }

    @Test func registerOpensTheFormForPartnersAndAnnouncementsListTheirs() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            _ = try await client.send(client.builder.interaction(payloadJSON: Self.click(.panelRegister, user: ProgramFixture.ann.user, userTeam: ProgramFixture.ann.team), timestamp: client.timestamp))
            _ = try await client.send(client.builder.interaction(payloadJSON: Self.click(.panelAnnouncements, user: ProgramFixture.ann.user, userTeam: ProgramFixture.ann.team), timestamp: client.timestamp))
        }
        let opened = try #require(app.chat.requests(forMethod: "views.open").first)
        let body = String(decoding: opened.body, as: UTF8.self)
        #expect(body.contains("register_form") && body.contains("CACME00001"), "the confirmation goes to the panel's channel")
        #expect(try await Self.answers(to: ProgramFixture.ann.user, in: app).first?.payload.contains("No program announcement") == true)
    }

    @Test func anExternalPartnerRegistersThroughThePanelsForm() async throws {
        let app = try await TestApp.program()
        // The form the panel opened, submitted from the partner's own workspace in the shared channel.
        let submission = """
            {"type":"view_submission","team":{"id":"TVENDOR001","domain":"vendor"},"user":{"id":"\(ProgramFixture.ann.user)","username":"ann","team_id":"\(ProgramFixture.ann.team)"},\
            "api_app_id":"A0PARTNERBOT","trigger_id":"5555.6666.qrst","enterprise":null,"is_enterprise_install":false,\
            "view":{"id":"V0FORM","team_id":"TVENDOR001","type":"modal","callback_id":"register_form","private_metadata":"CACME00001",\
            "state":{"values":{"company":{"company_input":{"type":"plain_text_input","value":"External Panel Co"}},\
            "domain":{"domain_input":{"type":"plain_text_input","value":"external-panel.example"}},\
            "close":{"close_input":{"type":"datepicker","selected_date":null}},"motion":{"motion_input":{"type":"static_select","selected_option":null}}}},\
            "hash":"1700000000.abcd"}}
            """
        try await app.test(.router) { client in
            let response = try await client.send(client.builder.interaction(payloadJSON: submission, timestamp: client.timestamp))
            #expect(response.status == .ok && response.body.readableBytes == 0, "the modal closes")
        }
        let deal = try #require(try await app.database.deal(id: 1))
        #expect(deal.org == "acme-resell" && deal.customerName == "External Panel Co" && deal.domain == "external-panel.example")
        let confirmation = try #require(try await Self.answers(to: ProgramFixture.ann.user, in: app).first)
        #expect(confirmation.target == "CACME00001" && confirmation.payload.contains("DR-1"))
    }
}
