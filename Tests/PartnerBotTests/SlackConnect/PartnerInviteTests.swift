import FakeSlack
import Foundation
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Slack Connect: inviting partner people to their shared channel")
struct PartnerInviteTests {
    @Test func eachAddressGetsItsOwnFullMemberInvitationAndFailuresAreNamed() async throws {
        let app = try await TestApp.program()
        let client = RecordingWebAPIClient { request in
            guard request.stringField("channel") == "CACME00001" else { return nil }
            let emails = request.jsonObject?["emails"] as? [String] ?? []
            if emails == ["taken@acme.example"] { return .failure(.apiError(code: "already_in_channel")) }
            return .success(WebAPIResponse(ok: true, body: Array(#"{"ok":true,"invite_id":"I0INVITE1","is_legacy_shared_channel":false}"#.utf8)))
        }
        let results = try await PartnerInvites.invite(
            org: "acme-resell", emails: ["New.Person@ACME.example", "taken@acme.example", "not an email"], database: app.database, client: client)
        #expect(results.map(\.email) == ["New.Person@acme.example", "taken@acme.example", "not an email"])
        #expect(results[0].inviteID == "I0INVITE1" && results[0].failure == nil)
        #expect(results[1].failure?.contains("already_in_channel") == true)
        #expect(results[2].failure == "not an email address")
        let calls = client.requests(forMethod: "conversations.inviteShared")
        #expect(calls.count == 2, "one call per valid address")
        #expect(calls.allSatisfy { $0.jsonObject?["external_limited"] as? Bool == false }, "full members: they can click the panel")
    }

    @Test func anUnknownOrganisationOrOneWithoutAChannelIsExplained() async throws {
        let app = try await TestApp.program()
        _ = try await app.database.upsertPartnerOrgs(
            try DirectoryImport.partners(csv: "org,name,type,tier,region,team_id,channel_id,manager\nlonely,Lonely,si,select,na,TLONELY,,\n", tiers: ["registered", "select", "elite"]),
            now: TestSupport.now)
        await #expect(throws: PartnerInviteError.unknownOrganisation("nope")) {
            _ = try await PartnerInvites.invite(org: "nope", emails: ["a@b.example"], database: app.database, client: RecordingWebAPIClient())
        }
        await #expect(throws: PartnerInviteError.noSharedChannel("lonely")) {
            _ = try await PartnerInvites.invite(org: "lonely", emails: ["a@b.example"], database: app.database, client: RecordingWebAPIClient())
        }
    }
}
