import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

/// The registry is the one list of what the bot answers; the three paths to a deal verb
/// (command, button, modal) apply one permission.
@Suite("Feature registry")
struct FeatureRegistryTests {
    @Test func everyRegisteredCommandHasASpecAndTheManifestListsExactlyThem() throws {
        let names = FeatureRegistry.commandNames.map(\.slash)
        #expect(Set(names).isSuperset(of: ["/announce", "/certify", "/deal", "/register"]))
        #expect(names == names.sorted())
        #expect(CommandCatalog.requiredCommands == names)
        for name in names { #expect(TestSupport.catalog.spec(for: name) != nil, "\(name) has a spec") }
        let manifest = ManifestBuilder.manifest(baseURL: "https://bot.example.com", catalog: TestSupport.catalog)
        #expect(manifest.commands.map(\.command) == names)
    }

    @Test func everyButtonAndModalTheBotRendersHasAnOwner() {
        let rendered: Set<ActionID> = [.dealApprove, .dealDecline, .dealNeedInfo, .dealExtend, .dealAnswer, .certificationVerify, .certificationReject, .announcementAcknowledge]
        #expect(FeatureRegistry.actionIDs.isSuperset(of: rendered))
        #expect(FeatureRegistry.callbackIDs.isSuperset(of: [.registerForm, .dealDecline, .dealNeedInfo, .dealAnswer, .certificationReject]))
    }

    @Test func aFeatureCommandParsesToItsOwnValue() {
        let parsed = CommandParser.parse(command: "/DEAL", text: "approve DR-3", today: TestSupport.today)
        #expect(parsed == .feature(.deal, DealCommand.act(3, .approve)))
        #expect(parsed != .feature(.deal, DealCommand.act(3, .extend)))
        #expect(CommandParser.parse(command: "/announce", text: "", today: TestSupport.today) == .help(.announce))
        #expect(CommandParser.parse(command: "/register", text: "", today: TestSupport.today) == .feature(.register, RegisterCommand.form))
    }

    /// Answering a manager's question, as a manager: refused the same way from the command, the
    /// button and the modal (the modal used to say that only managers decide registrations).
    @Test func answeringIsRefusedAlikeOnEveryPath() async throws {
        let app = try await TestApp.program()
        let manager = (user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Question Co", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            _ = try await client.command("/deal", "needinfo DR-1 which region?", user: manager.user, team: manager.team)
            let command = try await client.command("/deal", "answer DR-1 EMEA", user: manager.user, team: manager.team).replyText
            let button = try await client.click("deal_answer", "DR-1", user: manager.user, team: manager.team).replyText
            let submission = ViewSubmission(
                user: .init(id: manager.user, teamID: manager.team), team: .init(id: manager.team),
                view: .init(callbackID: "deal_answer", privateMetadata: "DR-1", values: ["text": ["text_input": "EMEA"]]))
            let modal = try await client.send(client.builder.viewSubmission(submission, timestamp: client.timestamp))
            let errors = (modal.json?["errors"] as? [String: String])?["text"] ?? ""
            #expect(command.contains("for partner organisations"), "\(command)")
            #expect(button == command)
            #expect(errors == command)
        }
        #expect(try await app.database.deal(id: 1)?.status == .needsInfo)
    }
}
