import FakeSlack
import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Announcement broadcasts, read receipts and reminders")
struct BroadcastTests {
    static let rules = AnnouncementRules(tiers: ["registered", "select", "elite"], tracks: CertificationTrack.defaults.map(\.id), today: TestSupport.today)

    static let partnersCSV = """
        org,name,type,tier,region,team_id,channel_id,manager
        acme-resell,Acme Reselling,reseller,select,emea,TACME00001,CACME00001,UMGRACME01
        globex,Globex Systems,si,elite,na,TGLOBEX001,CGLOBEX001,UMGRGLOBX1
        initech,Initech Referrals,referral,registered,emea,TINITECH01,CINITECH01,
        hooli,Hooli MSP,msp,elite,apac,THOOLI0001,,
        """

    func program() async throws -> TestApp {
        let app = try await TestApp.program()
        _ = try await app.database.upsertPartnerOrgs(try DirectoryImport.partners(csv: Self.partnersCSV, tiers: ["registered", "select", "elite"]), now: TestSupport.now)
        return app
    }

    func announcement(_ frontMatter: String, body: String = "Body *text*.") throws -> Announcement {
        try AnnouncementParser.parse("---\n\(frontMatter)\n---\n\(body)\n", file: "test.md", rules: Self.rules)
    }

    @Test(arguments: [
        ("", ["acme-resell", "globex", "hooli", "initech"]),
        ("audience:\n  types: [reseller, si]", ["acme-resell", "globex"]),
        ("audience:\n  tiers: [elite]", ["globex", "hooli"]),
        ("audience:\n  regions: [emea]", ["acme-resell", "initech"]),
        ("audience:\n  orgs: [initech]", ["initech"]),
        ("audience:\n  tiers: [elite]\n  regions: [na, emea]", ["globex"]),
        ("audience:\n  types: [reseller, msp]\n  tiers: [select, elite]", ["acme-resell", "hooli"]),
    ])
    func resolvesTheAudience(audience: String, expected: [String]) async throws {
        let app = try await program()
        let result = try await app.database.broadcast(try announcement("id: a1\ntitle: T\n\(audience)"), by: "U", now: TestSupport.now, dryRun: true)
        #expect(result.orgs == expected)
        #expect(try await app.database.outboxRecords().filter { $0.dedupeKey.hasPrefix("ann:") }.isEmpty, "a dry run writes nothing")
    }

    @Test func requiresCertificationNarrowsToCertifiedOrganisations() async throws {
        let app = try await program()
        let csv = "team_id,user_id,track,earned,expires,credential\nTGLOBEX001,UBOB000001,product-fundamentals,2026-06-01,,\nTGLOBEX001,UBOB000001,sales-pro,2026-07-01,,\n"
        _ = try await app.database.importCertifications(try CertificationImport.rows(csv: csv, tracks: CertificationTrack.defaults, today: TestSupport.today), tracks: CertificationTrack.defaults, now: TestSupport.now)
        let result = try await app.database.broadcast(try announcement("id: a2\ntitle: T\nrequires_certification: sales-pro"), by: "U", now: TestSupport.now)
        #expect(result.orgs == ["globex"])
    }

    @Test func reRunningNeverMessagesTwiceAndEditingUpdatesTheDeliveredMessages() async throws {
        let app = try await program()
        let first = try await app.database.broadcast(try announcement("id: spiff\ntitle: SPIFF"), by: "U", now: TestSupport.now)
        #expect(first.posted == 3)
        #expect(first.unreachable == ["hooli"])
        let again = try await app.database.broadcast(try announcement("id: spiff\ntitle: SPIFF"), by: "U", now: TestSupport.now)
        #expect(again.posted == 0 && again.updated == 0 && again.unchanged == 3)
        let edited = try await app.database.broadcast(try announcement("id: spiff\ntitle: SPIFF", body: "Body *text*, now with a bigger reward."), by: "U", now: TestSupport.now)
        #expect(edited.posted == 0 && edited.updated == 3)
        let rows = try await app.database.outboxRecords()
        #expect(rows.filter { $0.method == "chat.postMessage" && $0.dedupeKey.hasPrefix("ann:spiff") }.count == 3)
        let updates = rows.filter { $0.method == "chat.update" && $0.reference?.hasPrefix("ann:spiff") == true }
        #expect(updates.count == 3)
        #expect(updates.allSatisfy { $0.payload.contains("bigger reward") })
        let editedAgain = try await app.database.broadcast(try announcement("id: spiff\ntitle: SPIFF", body: "Body *text*, now with a bigger reward."), by: "U", now: TestSupport.now)
        #expect(editedAgain.updated == 0)
    }

    @Test func membersDeliveryDMsEachKnownMember() async throws {
        let app = try await program()
        let result = try await app.database.broadcast(try announcement("id: dm\ntitle: T\ndeliver_to: members\naudience:\n  orgs: [acme-resell]"), by: "U", now: TestSupport.now)
        #expect(result.targets == 1)
        #expect(try await app.database.outboxRecords().contains { $0.target == ProgramFixture.guestOfAcme.user })
    }

    @Test func expiredAnnouncementsAreNotSent() async throws {
        let app = try await program()
        let past = try AnnouncementParser.parse("---\nid: old\ntitle: T\nexpires: 2027-01-20\n---\nBody\n", file: "t.md", rules: Self.rules)
        await #expect(throws: AnnouncementError.expired("old")) {
            try await app.database.broadcast(past, by: "U", now: TestSupport.now.addingTimeInterval(10 * 86_400))
        }
    }

    func click(_ client: SignedClient, user: String, team: String, id: String, channel: String) async throws -> TestResponse {
        let click = BlockActions(
            user: .init(id: user, teamID: team), team: .init(id: team), container: .init(messageTS: "1800000000.000200", channelID: channel),
            actions: [.init(actionID: "announcement_ack", value: id)])
        return try await client.send(client.builder.blockActions(click, timestamp: client.timestamp))
    }

    @Test func acknowledgementsCountOnceAndUpdateTheMessageAndReadRatesAddUp() async throws {
        let app = try await program()
        _ = try await app.database.broadcast(try announcement("id: spiff\ntitle: SPIFF\nexpires: 2027-02-28\nremind_after: 72h"), by: "U", now: TestSupport.now)
        try await app.test(.router) { client in
            let ann = ProgramFixture.ann
            let first = try await click(client, user: ann.user, team: ann.team, id: "spiff", channel: "CACME00001")
            #expect(first.replyText.contains("recorded"))
            let double = try await click(client, user: ann.user, team: ann.team, id: "spiff", channel: "CACME00001")
            #expect(double.replyText.contains("already acknowledged"))
            _ = try await click(client, user: ProgramFixture.guestOfAcme.user, team: ProgramFixture.guestOfAcme.team, id: "spiff", channel: "CACME00001")
            let outsider = try await click(client, user: ProgramFixture.outsider.user, team: ProgramFixture.outsider.team, id: "spiff", channel: "CACME00001")
            #expect(outsider.replyText.contains("not enrolled"))
            let manager = try await click(client, user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam, id: "spiff", channel: "CACME00001")
            #expect(manager.replyText.contains("not counted"))
        }
        let updates = try await app.database.outboxRecords().filter { $0.method == "chat.update" && $0.target == "CACME00001" }
        #expect(updates.count == 1, "both acknowledgements came before the edit was sent: one edit")
        #expect(updates.first?.reference == "ann:spiff:CACME00001")
        let rendered = try await app.database.renderedPayload(of: try #require(updates.first), now: TestSupport.now)
        #expect(rendered.contains(ProgramFixture.ann.user) && rendered.contains(ProgramFixture.guestOfAcme.user), "rendered when sent: everybody so far")
        let report = try await app.database.announcementReport(id: "spiff")
        #expect(report.targetedOrgs == 4)
        #expect(report.targets == 3)
        #expect(report.acknowledgedOrgs == 1)
        #expect(report.acknowledgedPeople == 2)
        #expect(report.orgReadRate == 0.25)
        #expect(report.notAcknowledged == ["globex", "hooli", "initech"])
        #expect(report.segments.contains(.init(dimension: "tier", value: "select", targeted: 1, acknowledged: 1)))
        #expect(report.segments.contains(.init(dimension: "tier", value: "elite", targeted: 2, acknowledged: 0)))
        #expect(report.text.contains("1/4 organisations (25.0%)"))
    }

    @Test func editsCoalesceWhileOneIsPendingAndTheSentEditShowsEverybody() async throws {
        let app = try await program()
        _ = try await app.database.broadcast(try announcement("id: spiff\ntitle: SPIFF\nexpires: 2027-02-28"), by: "U", now: TestSupport.now)
        let original = try #require(try await app.database.outboxRecords().first { $0.dedupeKey == "ann:spiff:CACME00001" })
        try await app.database.markOutboxSent(id: original.id, ts: "1800000000.000200", channel: "CACME00001", now: TestSupport.now)
        let ack = { (user: String) in
            _ = try await app.database.acknowledge(announcement: "spiff", userID: user, teamID: "TACME00001", org: "acme-resell", now: TestSupport.now)
        }
        for user in ["UACK000001", "UACK000002", "UACK000003"] { try await ack(user) }
        let edits = { try await app.database.outboxRecords().filter { $0.method == "chat.update" && $0.target == "CACME00001" } }
        #expect(try await edits().count == 1)

        // The worker claims the edit: rendered now, aimed at the posted message.
        var found: OutboxRecord?
        for _ in 0..<10 where found == nil {
            for row in try await app.database.claimOutbox(now: TestSupport.now, limit: 10, excludingTargets: [], blockedRateKeys: []).claimed {
                if row.method == "chat.update" { found = row } else { try await app.database.markOutboxSent(id: row.id, ts: "1.0", channel: row.target, now: TestSupport.now) }
            }
        }
        let edit = try #require(found, "messages queued before it go first (per-channel order)")
        #expect(edit.payload.contains("\"ts\":\"1800000000.000200\""))
        #expect(["UACK000001", "UACK000002", "UACK000003"].allSatisfy { edit.payload.contains($0) })
        try await ack("UACK000004")
        #expect(try await edits().count == 2, "an acknowledgement during the send gets its own edit")
        try await app.database.markOutboxSent(id: edit.id, ts: "1800000000.000200", channel: "CACME00001", now: TestSupport.now)
        try await ack("UACK000005")
        #expect(try await edits().count == 2, "…which the next acknowledgement joins")
        let last = try #require(try await edits().last)
        let rendered = try await app.database.renderedPayload(of: last, now: TestSupport.now)
        #expect(rendered.contains("UACK000004") && rendered.contains("UACK000005"))
    }

    @Test func clicksAfterExpiryAreAnsweredPolitelyAndNotCounted() async throws {
        let app = try await program()
        _ = try await app.database.broadcast(try announcement("id: short\ntitle: Short\nexpires: 2027-01-16"), by: "U", now: TestSupport.now)
        app.clock.advance(by: 3 * 86_400)
        try await app.test(.router) { client in
            let late = try await click(client, user: ProgramFixture.ann.user, team: ProgramFixture.ann.team, id: "short", channel: "CACME00001")
            #expect(late.replyText.contains("closed"))
        }
        #expect(try await app.database.announcementReport(id: "short").acknowledgedPeople == 0)
    }

    @Test func remindersGoExactlyOnceThreadedToTargetsWithoutAcknowledgement() async throws {
        let app = try await program()
        let settings = ProgramSettings(app.configuration)
        _ = try await app.database.broadcast(try announcement("id: spiff\ntitle: SPIFF\nremind_after: 72h"), by: "U", now: TestSupport.now)
        // Deliver the originals (the reminder threads under them).
        try await OutboxHarness.withWorker(database: app.database, client: RecordingWebAPIClient(), clock: app.clock) {
            let done = try await OutboxHarness.eventually { try await app.database.outboxRecords(state: .pending).isEmpty }
            #expect(done)
        }
        _ = try await app.database.acknowledge(announcement: "spiff", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, org: "acme-resell", now: TestSupport.now)
        let early = try await app.database.runAlertPass(settings: settings, now: TestSupport.now.addingTimeInterval(71 * 3600))
        #expect(early.fired.filter { $0.kind == .announcementReminder }.isEmpty)
        let due = try await app.database.runAlertPass(settings: settings, now: TestSupport.now.addingTimeInterval(73 * 3600))
        #expect(due.fired.filter { $0.kind == .announcementReminder }.map(\.summary) == ["2 reminder(s) for spiff, threaded under the unacknowledged messages"])
        #expect(due.lines.contains("sent announcement_reminder [remind_after] announcement:spiff: 2 reminder(s) for spiff, threaded under the unacknowledged messages"))
        let again = try await app.database.runAlertPass(settings: settings, now: TestSupport.now.addingTimeInterval(100 * 3600))
        #expect(again.fired.filter { $0.kind == .announcementReminder }.isEmpty)
        let reminders = try await app.database.outboxRecords().filter { $0.dedupeKey.hasSuffix(":reminder") }
        #expect(Set(reminders.map(\.target)) == ["CGLOBEX001", "CINITECH01"])
        #expect(reminders.allSatisfy { $0.reference != nil && $0.payload.contains("Reminder") })
    }

    @Test(arguments: [ProgramFixture.ann, (ProgramFixture.programManager, ProgramFixture.vendorTeam), ProgramFixture.outsider])
    func onlyMarketingMayAnnounce(who: (user: String, team: String)) async throws {
        var app = try await program()
        app.configuration.announcementsDirectory = TestSupport.path("Announcements")
        try await app.test(.router) { client in
            for text in ["q3-takeout-spiff", "list", "status q3-takeout-spiff", "remind q3-takeout-spiff"] {
                let reply = try await client.command("/announce", text, user: who.user, team: who.team).replyText
                #expect(reply.contains("Only the marketing team") || reply.contains("not enrolled"), "\(text): \(reply)")
            }
        }
        #expect(try await app.database.sentAnnouncements().isEmpty)
    }

    @Test func marketingSendsListsAndReportsFromSlack() async throws {
        var app = try await program()
        app.configuration.announcementsDirectory = TestSupport.path("Announcements")
        try await app.test(.router) { client in
            let marketing = (ProgramFixture.marketing, ProgramFixture.vendorTeam)
            let list = try await client.command("/announce", "list", user: marketing.0, team: marketing.1).replyText
            #expect(list.contains("q3-takeout-spiff"))
            let sent = try await client.command("/announce", "q3-takeout-spiff", user: marketing.0, team: marketing.1).replyText
            #expect(sent.contains("2 organisation(s)"))
            let resent = try await client.command("/announce", "q3-takeout-spiff", user: marketing.0, team: marketing.1).replyText
            #expect(resent.contains("0 new message(s)"))
            let status = try await client.command("/announce", "status q3-takeout-spiff", user: marketing.0, team: marketing.1).replyText
            #expect(status.contains("0/2 organisations"))
            let missing = try await client.command("/announce", "no-such-thing", user: marketing.0, team: marketing.1).replyText
            #expect(missing.contains("no announcement"))
        }
    }
}
