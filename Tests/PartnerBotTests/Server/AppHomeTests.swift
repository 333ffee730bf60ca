import FakeSlack
import Foundation
import HummingbirdTesting
import SlackPlatform
import Testing

@testable import PartnerBot

@Suite("App Home: the tab shows each person what the commands would")
struct AppHomeTests {
    static func opened(_ user: String, team: String, id: String, tab: String? = "home") -> String {
        let tabField = tab.map { #","tab":"\#($0)""# } ?? ""
        return #"{"type":"event_callback","team_id":"\#(team)","event_id":"\#(id)","event_time":1800000000,"event":{"type":"app_home_opened","user":"\#(user)","channel":"D1"\#(tabField)}}"#
    }

    /// The program with one registration from each partner organisation.
    func program() async throws -> TestApp {
        let app = try await TestApp.program()
        for (person, company) in [(ProgramFixture.ann, "Initech Corp"), (ProgramFixture.bob, "Hooli Labs")] {
            let request = try RegistrationParser.parse("\(company) amount:50k", today: TestSupport.today).get()
            _ = try await app.database.registerDeal(
                request, by: ActingUser(userID: person.user, teamID: person.team), channelID: nil, roles: ProgramFixture.roles, settings: ProgramFixture.settings,
                now: TestSupport.now)
        }
        return app
    }

    /// The published views, by user.
    func published(_ app: TestApp) async throws -> [String: String] {
        let rows = try await app.database.outboxRecords().filter { $0.method == OutboundMessage.Method.publishView.rawValue }
        return Dictionary(rows.map { ($0.target, $0.payload) }, uniquingKeysWith: { first, _ in first })
    }

    @Test(arguments: [TestingSetup.router, .live])
    func eachPersonSeesTheirOwnPart(setup: TestingSetup) async throws {
        let app = try await program()
        try await app.test(setup) { client in
            for (index, person) in [ProgramFixture.ann, (ProgramFixture.acmeManager, ProgramFixture.vendorTeam), (ProgramFixture.marketing, ProgramFixture.vendorTeam), ProgramFixture.outsider].enumerated() {
                let response = try await client.event(Self.opened(person.0, team: person.1, id: "EvHOME\(index)"))
                #expect(response.status == .ok)
            }
        }
        let views = try await published(app)
        #expect(views.count == 4)

        let ann = try #require(views[ProgramFixture.ann.user])
        let annView = try #require(try JSONSerialization.jsonObject(with: Data(ann.utf8)) as? [String: Any])
        #expect(annView["user_id"] as? String == ProgramFixture.ann.user)
        #expect((annView["view"] as? [String: Any])?["type"] as? String == "home")
        #expect(ann.contains("Acme Reselling") && ann.contains("Initech Corp") && ann.contains("DR-1"))
        #expect(ann.contains("Your certifications"))
        #expect(ann.contains("Toward elite"), "the organisation's tier scorecard")
        // Never another partner's data, and no buttons on the tab.
        #expect(!ann.contains("Hooli") && !ann.contains("Globex") && !ann.contains("DR-2"))
        #expect(!ann.contains(#""type":"actions""#) && !ann.contains("accessory"))

        let manager = try #require(views[ProgramFixture.acmeManager])
        #expect(manager.contains("Waiting for a decision") && manager.contains("Initech Corp"))
        #expect(!manager.contains("Hooli Labs"), "Acme's manager decides Acme's registrations only")
        #expect(manager.contains("Q1 2027 to date") && manager.contains("registered"), "this quarter's headline above the queue")
        #expect(manager.range(of: "Q1 2027 to date")!.lowerBound < manager.range(of: "Waiting for a decision")!.lowerBound)
        #expect(!ann.contains("Q1 2027 to date"), "partners never see program figures")

        let marketing = try #require(views[ProgramFixture.marketing])
        #expect(marketing.contains(#""text":"*Announcements*""#) && marketing.contains("q3-takeout-spiff") && marketing.contains("/announce list"))
        #expect(!marketing.contains("Initech") && !marketing.contains("Hooli"))

        let outsider = try #require(views[ProgramFixture.outsider.user])
        #expect(outsider.contains("not enrolled"))
        #expect(!outsider.contains("Initech") && !outsider.contains("Hooli"))
    }

    @Test func theMessagesTabAndRetriedDeliveriesPublishNothingMore() async throws {
        let app = try await program()
        try await app.test(.router) { client in
            _ = try await client.event(Self.opened(ProgramFixture.ann.user, team: ProgramFixture.ann.team, id: "EvMSG", tab: "messages"))
            _ = try await client.event(Self.opened(ProgramFixture.ann.user, team: ProgramFixture.ann.team, id: "EvHOME"))
            _ = try await client.event(Self.opened(ProgramFixture.ann.user, team: ProgramFixture.ann.team, id: "EvHOME"), retry: 1)
            _ = try await client.event(Self.opened(ProgramFixture.ann.user, team: ProgramFixture.ann.team, id: "EvNOTAB", tab: nil))
        }
        let publishes = try await app.database.outboxRecords().filter { $0.method == OutboundMessage.Method.publishView.rawValue }
        #expect(publishes.map(\.dedupeKey).sorted() == ["home:TACME00001:UANN000001:EvHOME", "home:TACME00001:UANN000001:EvNOTAB"])
    }

    @Test func theTabIsDeliveredThroughTheOutbox() async throws {
        let app = try await program()
        try await app.test(.router) { client in
            _ = try await client.event(Self.opened(ProgramFixture.ann.user, team: ProgramFixture.ann.team, id: "EvDELIVER"))
        }
        let client = RecordingWebAPIClient()
        try await OutboxHarness.withWorker(database: app.database, client: client, clock: app.clock) {
            let done = try await OutboxHarness.eventually { !client.requests(forMethod: "views.publish").isEmpty }
            #expect(done)
        }
        let call = try #require(client.requests(forMethod: "views.publish").first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(call.body)) as? [String: Any])
        #expect(body["user_id"] as? String == ProgramFixture.ann.user)
        #expect(((body["view"] as? [String: Any])?["blocks"] as? [Any])?.isEmpty == false)
    }
}
