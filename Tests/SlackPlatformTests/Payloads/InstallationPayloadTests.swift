import Foundation
import Testing

@testable import SlackPlatform

@Suite("Which installation a request came through")
struct InstallationPayloadTests {
    @Test func aSlashCommandNamesItsWorkspaceOrItsOrganisationForAnOrgWideInstall() throws {
        let form = FormBody(Array("command=%2Fregister&text=&team_id=T1&enterprise_id=E1&channel_id=C1&user_id=U1&is_enterprise_install=true".utf8))
        let command = try SlashCommand(form: form)
        #expect(command.isEnterpriseInstall)
        #expect(command.installation?.rawValue == "E1")
        #expect(try SlashCommand(form: command.form) == command, "the flag survives a round trip")
        let workspace = try SlashCommand(form: FormBody(Array("command=%2Fdeal&team_id=T2&enterprise_id=E1&channel_id=C1&user_id=U1".utf8)))
        #expect(workspace.installation?.rawValue == "T2")
    }

    @Test func anEventNamesTheInstallationThatReceivedIt() throws {
        let json = #"{"type":"event_callback","team_id":"THOST","enterprise_id":"E9","event_id":"Ev1","authorizations":[{"team_id":"TPARTNER","enterprise_id":null,"is_enterprise_install":false}],"event":{"type":"tokens_revoked","tokens":{"oauth":["U1"],"bot":["UBOT"]}}}"#
        guard case .callback(let event) = try EventEnvelope(json: Array(json.utf8)) else { Issue.record("not a callback"); return }
        #expect(event.installation?.rawValue == "TPARTNER")
        #expect(event.revokedTokens == RevokedTokens(oauth: ["U1"], bot: ["UBOT"]))
        #expect(event.enterpriseID == "E9")
        let bare = #"{"type":"event_callback","team_id":"TONLY","event_id":"Ev2","event":{"type":"app_uninstalled"}}"#
        guard case .callback(let uninstalled) = try EventEnvelope(json: Array(bare.utf8)) else { Issue.record("not a callback"); return }
        #expect(uninstalled.installation?.rawValue == "TONLY")
        #expect(uninstalled.revokedTokens == nil)
    }

    @Test func oddAuthorizationsNeverLoseTheEvent() throws {
        let json = #"{"type":"event_callback","team_id":"T1","event_id":"Ev1","authorizations":"garbage","event":{"type":"app_home_opened","user":"U1"}}"#
        guard case .callback(let event) = try EventEnvelope(json: Array(json.utf8)) else { Issue.record("not a callback"); return }
        #expect(event.user == "U1")
        #expect(event.installation?.rawValue == "T1")
    }

    @Test func interactionsNameTheirInstallation() throws {
        let json = #"{"type":"block_actions","user":{"id":"U1","team_id":"TUSER"},"team":{"id":"TINST"},"enterprise":{"id":"E1"},"is_enterprise_install":true,"actions":[{"action_id":"a","value":"v"}]}"#
        let interaction = try Interaction(payloadJSON: json)
        #expect(interaction.installation?.rawValue == "E1")
        guard case .blockActions(let actions) = interaction else { Issue.record("not block_actions"); return }
        #expect(try Interaction(payloadJSON: String(decoding: JSONEncoder().encode(actions), as: UTF8.self)) == interaction)
    }
}
