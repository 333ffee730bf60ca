import Foundation
import GRDB
import HummingbirdTesting
import SlackPlatform
import Testing

@testable import PartnerBot

@Suite("channel_id_changed: a channel that becomes shared keeps its history")
struct ChannelMoveTests {
    static func moved(_ id: String, from old: String = "CACME00001", to new: String = "CACMESHRD1") -> EventCallback {
        EventCallback(eventID: id, teamID: "TVENDOR001", eventTime: 1, type: "channel_id_changed", previousChannel: old, newChannel: new)
    }

    /// The program with Acme's registration DR-1 (registered in Acme's channel) and one message
    /// already delivered to that channel.
    func program() async throws -> AppDatabase {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        // The partner panels the directory import queued are delivered first.
        for panel in try await database.claimOutbox(now: TestSupport.now, limit: 10, excludingTargets: [], blockedRateKeys: []).claimed {
            try await database.markOutboxSent(id: panel.id, ts: "0.\(panel.id)", channel: panel.target, now: TestSupport.now)
        }
        let request = try RegistrationParser.parse("Moving Customer amount:50k", today: TestSupport.today).get()
        _ = try await database.registerDeal(
            request, by: ActingUser(userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team), channelID: "CACME00001",
            roles: ProgramFixture.roles, settings: ProgramFixture.settings, now: TestSupport.now)
        try await database.enqueue(
            [.post(.init(text: "welcome"), to: "CACME00001", dedupeKey: "welcome"), .post(.init(text: "second"), to: "CACME00001", dedupeKey: "second")],
            now: TestSupport.now)
        let first = try #require(try await database.outboxRecords().first { $0.dedupeKey == "welcome" })
        _ = try await database.claimOutbox(now: TestSupport.now, limit: 10, excludingTargets: ["CMANAGERS1", ProgramFixture.acmeManager], blockedRateKeys: [])
        try await database.markOutboxSent(id: first.id, ts: "1.1", channel: "CACME00001", now: TestSupport.now)
        return database
    }

    @Test func everythingStoredUnderTheOldIdMovesOnceAndTheQueueKeepsItsOrder() async throws {
        let database = try await program()
        let (move, isNew) = try await database.processEvent(Self.moved("Ev1"), receivedAt: TestSupport.now)
        #expect(isNew)
        #expect(move == ChannelMove(organisations: 1, deals: 1, queuedMessages: 1, sentMessages: 2), "the welcome message and the partner panel")

        #expect(try await database.partnerOrg("acme-resell")?.channelID == "CACMESHRD1")
        #expect(try await database.partnerOrg("globex")?.channelID == "CGLOBEX001")
        let queued = try #require(try await database.outboxRecords().first { $0.dedupeKey == "second" })
        #expect(queued.target == "CACMESHRD1")
        #expect(queued.payload.contains(#""channel":"CACMESHRD1""#) && !queued.payload.contains("CACME00001"))
        let sent = try #require(try await database.outboxRecords().first { $0.dedupeKey == "welcome" })
        #expect(sent.resultChannel == "CACMESHRD1")
        let dealChannel = try await database.store.read { db in try String.fetchOne(db, sql: "SELECT channel_id FROM deal WHERE id = 1") }
        #expect(dealChannel == "CACMESHRD1")
        // The moved message is its new channel's head: the worker finds it and nothing under the old id.
        let heads = try await database.store.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT target, head_id FROM outbox_head").map { (target: $0["target"] as String, head: $0["head_id"] as Int64) }
        }
        #expect(heads.first { $0.target == "CACMESHRD1" }?.head == queued.id)
        #expect(!heads.contains { $0.target == "CACME00001" })

        // A retried delivery changes nothing more.
        let retried = try await database.processEvent(Self.moved("Ev1"), receivedAt: TestSupport.now)
        #expect(!retried.isNew && retried.move == nil)
    }

    @Test func aBodyMentioningTheOldIdInUserTextKeepsTheText() async throws {
        let database = try await TestDatabase.make()
        let text = #"see "channel":"COLD000001" and <#COLD000001>"#
        try await database.enqueue([.post(.init(text: text), to: "COLD000001", dedupeKey: "k")], now: TestSupport.now)
        _ = try await database.processEvent(Self.moved("Ev2", from: "COLD000001", to: "CNEW000001"), receivedAt: TestSupport.now)
        let row = try #require(try await database.outboxRecords().first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(row.payload.utf8)) as? [String: Any])
        #expect(body["channel"] as? String == "CNEW000001")
        #expect(body["text"] as? String == text)
    }

    @Test(arguments: [("CACME00001", "not-a-channel"), ("UANN000001", "CACMESHRD1"), ("CACME00001", "CACME00001"), ("", "")])
    func idsThatAreNotAChannelMoveNothing(old: String, new: String) async throws {
        let database = try await program()
        let (move, isNew) = try await database.processEvent(Self.moved("Ev-\(old)-\(new)", from: old, to: new), receivedAt: TestSupport.now)
        #expect(isNew)
        #expect(move == ChannelMove())
        #expect(try await database.partnerOrg("acme-resell")?.channelID == "CACME00001")
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aSignedEventMovesTheOrganisationsChannel(setup: TestingSetup) async throws {
        let app = try await TestApp.program()
        let event = #"{"type":"event_callback","team_id":"TVENDOR001","event_id":"EvMove1","event_time":1800000000,"event":{"type":"channel_id_changed","old_channel_id":"CACME00001","new_channel_id":"CACMESHRD1","event_ts":"1800000000.000100"}}"#
        try await app.test(setup) { client in
            let response = try await client.event(event)
            #expect(response.status == .ok)
        }
        #expect(try await app.database.partnerOrg("acme-resell")?.channelID == "CACMESHRD1")
    }
}
