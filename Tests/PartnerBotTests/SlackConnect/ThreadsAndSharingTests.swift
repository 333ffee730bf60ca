import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

/// Threads as conversation, and channel sharing kept true.
@Suite("Slack Connect: threads under deal notices, shared and unshared channels")
struct ThreadsAndSharingTests {
    static let noticeTS = "1700000000.000777"

    static func message(_ id: String, user: String, userTeam: String, text: String, thread: String? = noticeTS, extra: String = "") -> String {
        let threadField = thread.map { #","thread_ts":"\#($0)""# } ?? ""
        return """
            {"token":"legacy","team_id":"TVENDOR001","api_app_id":"A0PARTNERBOT","type":"event_callback","event_id":"\(id)","event_time":1700000100,\
            "authorizations":[{"enterprise_id":null,"team_id":"TVENDOR001","user_id":"UBOT","is_bot":true,"is_enterprise_install":false}],\
            "is_ext_shared_channel":true,"event":{"type":"message","channel":"CACME00001","user":"\(user)","text":\(Self.quoted(text)),\
            "ts":"1700000100.000200"\(threadField),"user_team":"\(userTeam)","source_team":"\(userTeam)","channel_type":"channel","event_ts":"1700000100.000200"\(extra)}}
            """
    }

    static func expectOK(_ response: TestResponse) -> TestResponse {
        #expect(response.status == .ok)
        return response
    }

    static func quoted(_ text: String) -> String {
        String(String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast())
    }

    /// DR-1 registered by Ann and approved: its approval notice in Acme's channel delivered as `noticeTS`.
    func program() async throws -> TestApp {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Thread Customer", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            _ = try await client.command("/deal", "approve DR-1", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
        }
        let notice = try #require(try await app.database.outboxRecords().first { $0.dedupeKey.hasPrefix("deal:1:notice:") && $0.target == "CACME00001" })
        try await app.database.markOutboxSent(id: notice.id, ts: Self.noticeTS, channel: "CACME00001", now: TestSupport.now)
        return app
    }

    @Test func aPartnersReplyUnderTheNoticeJoinsTheHistoryAndReachesTheManager() async throws {
        let app = try await program()
        try await app.test(.router) { client in
            _ = try await Self.expectOK(client.event(Self.message("EvT1", user: ProgramFixture.ann.user, userTeam: ProgramFixture.ann.team, text: "Signed PO attached tomorrow")))
            // Redelivered: processed once.
            _ = try await Self.expectOK(client.event(Self.message("EvT1", user: ProgramFixture.ann.user, userTeam: ProgramFixture.ann.team, text: "Signed PO attached tomorrow"), retry: 1))
        }
        let comments = try await app.database.dealHistory(id: 1).filter { $0.action == "comment" }
        #expect(comments.map(\.detail) == ["Signed PO attached tomorrow"])
        #expect(comments.first?.actor == ProgramFixture.ann.user)
        let forwarded = try await app.database.outboxRecords().filter { $0.dedupeKey.hasPrefix("deal:1:thread:") }
        #expect(forwarded.map(\.target) == [ProgramFixture.acmeManager])
        #expect(forwarded.first?.payload.contains("Signed PO attached tomorrow") == true)
    }

    @Test func otherOrganisationsBotsEditsAndPlainMessagesAreNotAttached() async throws {
        let app = try await program()
        try await app.test(.router) { client in
            let others = [
                Self.message("EvX1", user: ProgramFixture.bob.user, userTeam: ProgramFixture.bob.team, text: "Globex here, mine!"),
                Self.message("EvX2", user: ProgramFixture.ann.user, userTeam: ProgramFixture.ann.team, text: "edited", extra: #","subtype":"message_changed""#),
                Self.message("EvX3", user: "UBOT", userTeam: ProgramFixture.vendorTeam, text: "bot says", extra: #","bot_id":"B0BOT""#),
                Self.message("EvX4", user: ProgramFixture.ann.user, userTeam: ProgramFixture.ann.team, text: "not in a thread", thread: nil),
                Self.message("EvX5", user: ProgramFixture.ann.user, userTeam: ProgramFixture.ann.team, text: "another thread", thread: "1699999999.000001"),
            ]
            for event in others { _ = try await Self.expectOK(client.event(event)) }
        }
        #expect(try await app.database.dealHistory(id: 1).filter { $0.action == "comment" }.isEmpty)
        #expect(try await app.database.outboxRecords().filter { $0.dedupeKey.contains(":thread:") }.isEmpty)
    }

    static func sharing(_ id: String, shared: Bool, channel: String, team: String) -> String {
        let field = shared ? #""connected_team_id":"\#(team)""# : #""previously_connected_team_id":"\#(team)","is_ext_shared":false"#
        return """
            {"token":"legacy","team_id":"TVENDOR001","type":"event_callback","event_id":"\(id)","event_time":1700000200,\
            "event":{"type":"\(shared ? "channel_shared" : "channel_unshared")",\(field),"channel":"\(channel)","event_ts":"1700000200.000100"}}
            """
    }

    @Test func sharingAChannelWithAPartnerWorkspaceLinksItAndPostsThePanelUnsharingUnlinks() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            _ = try await Self.expectOK(client.event(Self.sharing("EvS1", shared: true, channel: "CACMENEW01", team: ProgramFixture.ann.team)))
            #expect(try await client.event(Self.sharing("EvS2", shared: true, channel: "CNOBODY001", team: "TUNKNOWN01")).status == .ok)
        }
        #expect(try await app.database.partnerOrg("acme-resell")?.channelID == "CACMENEW01")
        #expect(try await app.database.outboxRecords().contains { $0.dedupeKey == "panel:acme-resell@CACMENEW01" && $0.method == "chat.postMessage" })
        #expect(try await app.database.applySharing(ChannelSharing(channel: "CACMENEW01", team: ProgramFixture.ann.team, joined: true), now: TestSupport.now) == .unchanged)
        try await app.test(.router) { client in
            _ = try await Self.expectOK(client.event(Self.sharing("EvS3", shared: false, channel: "CGLOBEX999", team: ProgramFixture.ann.team)))
            let unchanged = try await app.database.partnerOrg("acme-resell")?.channelID
            #expect(unchanged == "CACMENEW01", "leaving another channel changes nothing")
            _ = try await Self.expectOK(client.event(Self.sharing("EvS4", shared: false, channel: "CACMENEW01", team: ProgramFixture.ann.team)))
        }
        #expect(try await app.database.partnerOrg("acme-resell")?.channelID == nil)
    }
}
