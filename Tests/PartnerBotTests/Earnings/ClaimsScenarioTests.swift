import Foundation
import HummingbirdTesting
import Synchronization
import Testing
@testable import PartnerBot
import SlackPlatform

/// SPIFF claims, MDF and payouts driven by signed requests, against a database file reopened
/// mid-way; totals checked against amounts computed by hand.
@Suite("SPIFF claims, MDF and payouts")
struct ClaimsScenarioTests {
    static let spiff = """
        ---
        id: winter-spiff
        title: "Winter SPIFF: $500 per new logo"
        audience:
          tiers: [select]
        requires_ack: false
        incentive:
          amount: USD 500
          start: 2027-01-01
          end: 2027-01-31
          minimum_deal: USD 10k
          proof: [link]
          cap_per_org: 2
        ---
        Win a new logo in January and earn $500.
        """
    static let manager = (user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam)
    static let ann = ProgramFixture.ann
    static let bob = ProgramFixture.bob

    /// The program with 10 % commission, MDF budgets, the SPIFF file, and its database in `directory`.
    static func app(directory: URL) async throws -> TestApp {
        let announcements = directory.appendingPathComponent("Announcements")
        try FileManager.default.createDirectory(at: announcements, withIntermediateDirectories: true)
        try spiff.write(to: announcements.appendingPathComponent("winter-spiff.md"), atomically: true, encoding: .utf8)
        var app = try await TestApp.program(database: try AppDatabase.open(path: directory.appendingPathComponent("bot.sqlite").path))
        app.configuration.announcementsDirectory = announcements.path
        app.configuration.commission = CommissionRules([CommissionRule(basisPoints: 1_000)])
        app.configuration.mdf = MDFBudgets(quarterly: ["select": Money(minorUnits: 1_000_000, currency: "USD")])
        return app
    }

    @Test func claimsAreCheckedDecidedOnceAndLandInTheLedgerToTheCent() async throws {
        let directory = try TestSupport.temporaryDirectory()
        let app = try await Self.app(directory: directory)
        let (ann, bob, manager) = (Self.ann, Self.bob, Self.manager)
        try await app.test(.router) { client in
            let sent = try await client.command("/announce", "winter-spiff", user: ProgramFixture.marketing, team: ProgramFixture.vendorTeam)
            #expect(sent.replyText.contains("1 organisation"), "select tier only: Acme")
            // DR-1 $50k won, DR-2 $5k won (below the minimum), DR-3 $20k approved only, DR-4 Globex $30k won, DR-5 and DR-6 Acme won.
            for (index, (customer, amount, partner, won)) in [
                ("Initech", "50k", ann, true), ("Hooli", "5k", ann, true), ("Umbrella", "20k", ann, false), ("Stark", "30k", bob, true),
                ("Wayne", "12k", ann, true), ("Tyrell", "10k", ann, true),
            ].enumerated() {
                _ = try await client.command("/register", "\(customer) amount:\(amount)", user: partner.user, team: partner.team)
                let id = index + 1
                _ = try await client.command("/deal", "approve DR-\(id)", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
                if won { _ = try await client.command("/deal", "won DR-\(id)", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam) }
            }
            let wonNotice = try #require(try await app.database.outboxRecords().first { $0.target == "CACME00001" && $0.payload.contains("is marked *won*") })
            #expect(wonNotice.payload.contains("claim_spiff") && wonNotice.payload.contains("winter-spiff DR-1"), "a won deal's notice offers the SPIFF")
            let globexWon = try #require(try await app.database.outboxRecords().first { $0.target == "CGLOBEX001" && $0.payload.contains("is marked *won*") })
            #expect(!globexWon.payload.contains("claim_spiff"), "not offered outside the SPIFF's audience")

            let claim = { (text: String, who: (user: String, team: String)) in try await client.command("/claim", text, user: who.user, team: who.team).replyText }
            #expect(try await claim("winter-spiff DR-1", ann).contains("needs proof"))
            #expect(try await claim("winter-spiff DR-1 proof:https://drive.example.com/po-1.pdf", ann).contains("SC-1 submitted: $500 for DR-1"))
            #expect(try await claim("winter-spiff DR-1 proof:https://drive.example.com/po-1.pdf", ann).contains("already claimed for this SPIFF (SC-1, submitted)"))
            #expect(try await claim("winter-spiff DR-2 proof:https://x.example.com/a", ann).contains("below this SPIFF's minimum deal of $10,000"))
            #expect(try await claim("winter-spiff DR-3 proof:https://x.example.com/a", ann).contains("DR-3 is approved, not won"))
            #expect(try await claim("winter-spiff DR-4 proof:https://x.example.com/a", ann).contains("not one of your organisation's deals"))
            #expect(try await claim("winter-spiff DR-4 proof:https://x.example.com/a", bob).contains("not in the audience"))
            #expect(try await claim("summer-spiff DR-1 proof:https://x.example.com/a", ann).contains("There is no SPIFF"))
            #expect(try await claim("winter-spiff DR-5 proof:https://x.example.com/5", ann).contains("SC-2 submitted"))
            #expect(try await claim("winter-spiff DR-6 proof:https://x.example.com/6", ann).contains("reached this SPIFF's cap of 2 claims"))

            let review = try #require(try await app.database.outboxRecords().first { $0.dedupeKey.hasPrefix("claim:1:review:") && $0.target == manager.user })
            #expect(review.payload.contains("claim_approve") && review.payload.contains("https://drive.example.com/po-1.pdf"))
            #expect(!(try await client.command("/claims", "", user: bob.user, team: bob.team).replyText.contains("SC-1")), "never another organisation's claims")
            #expect(!(try await client.command("/claims", "org:acme-resell", user: bob.user, team: bob.team).replyText.contains("SC-1")))
            #expect(try await client.command("/claims", "", user: ann.user, team: ann.team).replyText.contains("SC-1"))
            #expect(try await client.command("/claims", "approve SC-1", user: ann.user, team: ann.team).replyText.contains("Only partner managers"))
            #expect(try await client.command("/claims", "approve SC-1", user: ProgramFixture.globexManager, team: manager.team).replyText.contains("no claim SC-1"))

            // A double click approves once; the review is re-rendered as decided.
            _ = try await client.click("claim_approve", "SC-1", user: manager.user, team: manager.team, channel: "D1")
            _ = try await client.click("claim_approve", "SC-1", user: manager.user, team: manager.team, channel: "D1")
            #expect(try await app.database.outboxRecords().contains { $0.reference == review.dedupeKey && $0.method == "chat.update" })
            let rejected = try await client.command("/claims", "reject SC-2 the order form is unsigned", user: manager.user, team: manager.team)
            #expect(rejected.replyText.contains("SC-2 rejected"))
            #expect(try await claim("winter-spiff DR-6 proof:https://x.example.com/6", ann).contains("SC-3 submitted"), "a rejected claim frees the cap")
        }

        // Restart: the same file, a new process's app.
        let reopened = try await Self.app(directory: directory)
        reopened.clock.set(TestSupport.now.addingTimeInterval(18 * 86_400))  // 2027-02-02: the window has closed.
        try await reopened.test(.router) { client in
            _ = try await client.command("/register", "Cyberdyne amount:40k", user: ann.user, team: ann.team)
            _ = try await client.command("/deal", "approve DR-7", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            _ = try await client.command("/deal", "won DR-7", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            let late = try await client.command("/claim", "winter-spiff DR-7 proof:https://x.example.com/7", user: ann.user, team: ann.team)
            #expect(late.replyText.contains("was won on 2027-02-02, outside the SPIFF's window (2027-01-01 to 2027-01-31)"))
            _ = try await client.command("/claims", "approve SC-3", user: manager.user, team: manager.team)
            _ = try await client.command("/claims", "approve DR-1", user: manager.user, team: manager.team)
            #expect(try await client.command("/claims", "paid DR-2", user: manager.user, team: manager.team).replyText.contains("not approved yet"))
            #expect(try await client.command("/claims", "paid DR-1 PAY-0042", user: manager.user, team: manager.team).replyText.contains("marked paid: $5,000"))
            #expect(try await client.command("/claims", "paid DR-1 PAY-0042", user: manager.user, team: manager.team).replyText.contains("already paid"))
            let pending = try await client.command("/claims", "pending", user: manager.user, team: manager.team).replyText
            #expect(pending.contains("SC-1") && pending.contains("SC-3") && pending.contains("DR-2") && !pending.contains("DR-4"), "Acme's manager sees Acme's only")
        }

        // Finance's payout run: SC-1 by reference, with the amount checked to the cent.
        let rows = try PayoutFile.rows(csv: "reference,payment_reference,amount,currency\nSC-1,PAY-0043,500.00,USD\n")
        let finance = Caller.system("finance")
        await #expect(throws: DirectoryImportError.self) {
            _ = try await reopened.database.markPaid(try PayoutFile.rows(csv: "reference,amount\nSC-3,499.99\n"), by: finance, dryRun: false, now: TestSupport.now)
        }
        let paid = try await reopened.database.markPaid(rows, by: finance, dryRun: false, now: TestSupport.now)
        #expect(paid == PayoutResult(paid: 1, alreadyPaid: 0, totals: ["USD": 50_000]))
        #expect(try await reopened.database.markPaid(rows, by: finance, dryRun: false, now: TestSupport.now).alreadyPaid == 1, "a rerun changes nothing")

        // By hand: commission 10 % of 50k + 5k + 12k + 10k + 40k (Acme) = 11,700, of which DR-1's 5,000 paid;
        // SPIFF SC-1 500 paid, SC-3 500 approved; SC-2 rejected.
        let summary = try await reopened.database.earnings(org: "acme-resell", start: nil, end: nil)
        let commission = try #require(summary.lines.first { $0.source == "commission" })
        let spiffLine = try #require(summary.lines.first { $0.source == "spiff" })
        #expect((commission.earned, commission.approved, commission.paid) == (670_000, 0, 500_000))
        #expect((spiffLine.earned, spiffLine.approved, spiffLine.paid) == (0, 50_000, 50_000))
        let globex = try await reopened.database.earnings(org: "globex", start: nil, end: nil)
        #expect(globex.lines.map(\.source) == ["commission"], "Globex earned its commission, no SPIFF")

        let collected = Mutex(Data())
        try await EarningsExport.write(reopened.database, format: .csv, start: nil, end: nil, to: BufferedOutput { data in collected.withLock { $0.append(data) } })
        let csv = String(decoding: collected.withLock { $0 }, as: UTF8.self).split(separator: "\n").dropFirst()
        let spiffRows = csv.filter { $0.contains(",spiff,") }.map { $0.split(separator: ",").dropFirst(4).prefix(5).joined(separator: ",") }
        #expect(spiffRows == ["SC-1,500.00,50000,USD,paid", "SC-3,500.00,50000,USD,approved"])
        let acmeTotal = csv.filter { $0.contains("acme-resell") && !$0.contains(",reversed,") }.compactMap { $0.split(separator: ",").dropFirst(6).first.flatMap { Int64($0) } }.reduce(0, +)
        #expect(acmeTotal == 1_170_000 + 100_000, "the export adds up to the ledger")

        let notices = try await reopened.database.outboxRecords().filter { $0.dedupeKey.hasPrefix("earning:") || $0.dedupeKey.contains(":event:") }
        #expect(Set(notices.map(\.dedupeKey)).count == notices.count, "each change told once")
        #expect(notices.filter { $0.payload.contains("SC-1") && $0.payload.contains("paid") }.count == 1)
        #expect(notices.contains { $0.payload.contains("SC-2 was rejected: the order form is unsigned") })
    }
}
