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

    @Test func mdfIsRequestedAgainstTheQuarterlyBudgetClaimedAfterTheActivityAndPaid() async throws {
        let app = try await Self.app(directory: try TestSupport.temporaryDirectory())
        let (ann, bob, manager) = (Self.ann, Self.bob, Self.manager)
        try await app.test(.router) { client in
            let mdf = { (text: String, who: (user: String, team: String)) in try await client.command("/mdf", text, user: who.user, team: who.team).replyText }
            #expect(try await mdf("request amount:USD 6000 activity:\"Joint webinar\" date:2027-02-10", ann).contains("MDF-1 requested: $6,000"))
            #expect(try await mdf("request amount:USD 5000 activity:\"Booth\" date:2027-03-01", ann).contains("over your MDF budget for Q1 2027: $4,000 left of $10,000"))
            #expect(try await mdf("request amount:EUR 100 activity:\"Booth\" date:2027-03-01", ann).contains("budget is in USD"))
            #expect(try await mdf("request amount:USD 100 activity:\"Old event\" date:2026-12-01", ann).contains("before this quarter"))
            #expect(try await mdf("request amount:USD 4000 activity:\"Booth\" date:2027-04-02", ann).contains("MDF-2 requested"), "next quarter's budget")
            #expect(try await mdf("request amount:USD 100 activity:\"Booth\" date:2027-02-01", bob).contains("elite tier has no market-development budget"))
            #expect(try await mdf("claim MDF-1 proof:https://x.example.com/invoice.pdf", ann).contains("MDF-1 is submitted"), "not approved yet")

            let review = try #require(try await app.database.outboxRecords().first { $0.dedupeKey.hasPrefix("claim:1:review:") && $0.target == ProgramFixture.managersChannel })
            #expect(review.payload.contains("asks") && review.payload.contains("Joint webinar"))
            #expect(try await client.command("/claims", "approve MDF-1", user: manager.user, team: manager.team).replyText.contains("MDF-1 approved: $6,000 reserved"))
            #expect(try await mdf("claim MDF-1 proof:https://x.example.com/invoice.pdf", bob).contains("no claim MDF-1"), "another organisation's request")
            #expect(try await mdf("claim MDF-1 proof:https://x.example.com/invoice.pdf", ann).contains("activity is on 2027-02-10"))
            app.clock.set(TestSupport.now.addingTimeInterval(30 * 86_400))  // 2027-02-14
            #expect(try await mdf("claim MDF-1 proof:https://x.example.com/invoice.pdf amount:USD 6500", ann).contains("cannot be more than the approved $6,000"))
            #expect(try await mdf("claim MDF-1 proof:https://x.example.com/invoice.pdf amount:USD 5,500.50", ann).contains("MDF-1 claimed: $5,500.50"))
            // The proof is sent back once, then accepted.
            _ = try await client.command("/claims", "reject MDF-1 the invoice is for another event", user: manager.user, team: manager.team)
            #expect(try await app.database.claims(org: "acme-resell").first { $0.id == 1 }?.state == .approved)
            _ = try await mdf("claim MDF-1 proof:https://x.example.com/right-invoice.pdf amount:USD 5,500.50", ann)
            #expect(try await client.command("/claims", "approve MDF-1", user: manager.user, team: manager.team).replyText.contains("$5,500.50 is payable"))
            #expect(try await client.command("/claims", "approve MDF-1", user: manager.user, team: manager.team).replyText.contains("already completed"))
            let status = try await mdf("", ann)
            #expect(status.contains("requested $5,500.50") && status.contains("left $4,499.50"), "the spent amount counts, not the approved one")
            #expect(try await client.command("/claims", "paid MDF-1 WIRE-7", user: manager.user, team: manager.team).replyText.contains("marked paid"))
        }
        let summary = try await app.database.earnings(org: "acme-resell", start: nil, end: nil)
        #expect(summary.lines.first { $0.source == "mdf" }.map { ($0.paid, $0.pending) } ?? (0, 0) == (550_050, 0))
        let told = try await app.database.outboxRecords().filter { $0.target == "CACME00001" && $0.payload.contains("MDF-1") }
        #expect(told.contains { $0.payload.contains("not accepted: the invoice is for another event") })
        #expect(told.contains { $0.payload.contains("paid (payment WIRE-7)") })
    }

    @Test func theClaimButtonOpensAFormAndRejectionAsksForAReason() async throws {
        let app = try await Self.app(directory: try TestSupport.temporaryDirectory())
        let (ann, manager) = (Self.ann, Self.manager)
        try await app.test(.router) { client in
            _ = try await client.command("/announce", "winter-spiff", user: ProgramFixture.marketing, team: ProgramFixture.vendorTeam)
            let posted = try #require(try await app.database.outboxRecords().first { $0.dedupeKey == "ann:winter-spiff:CACME00001" })
            #expect(posted.payload.contains("claim_spiff"), "the SPIFF's message has the Claim button")
            _ = try await client.command("/register", "Initech amount:50k", user: ann.user, team: ann.team)
            _ = try await client.command("/deal", "approve DR-1", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            _ = try await client.command("/deal", "won DR-1", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)

            _ = try await client.click("claim_spiff", "winter-spiff", user: ann.user, team: ann.team, channel: "CACME00001")
            let form = String(decoding: try #require(app.chat.requests(forMethod: "views.open").last).body, as: UTF8.self)
            #expect(form.contains("claim_spiff") && form.contains("\"block_id\":\"deal\"") && form.contains("\"block_id\":\"proof\""))
            let submit = { (deal: String, proof: String) in
                try await client.send(client.builder.interaction(payloadJSON: Self.submission(callback: "claim_spiff", metadata: "winter-spiff", values: ["deal": deal, "proof": proof], user: ann), timestamp: client.timestamp))
            }
            #expect(try await submit("DR-1", "http://insecure.example.com").text.contains("https link"))
            #expect(try await submit("DR-1", "").text.contains("needs proof"))
            let closed = try await submit("DR-1", "https://drive.example.com/po.pdf")
            #expect(closed.status == .ok && closed.body.readableBytes == 0, "the modal closes")
            #expect(try await submit("DR-1", "https://drive.example.com/po.pdf").text.contains("already claimed"), "a second submission is refused in the form")

            _ = try await client.click("claim_reject", "SC-1", user: manager.user, team: manager.team, channel: "D1")
            let reasonForm = String(decoding: try #require(app.chat.requests(forMethod: "views.open").last).body, as: UTF8.self)
            #expect(reasonForm.contains("claim_reject") && reasonForm.contains("SC-1"))
            let reject = Self.submission(callback: "claim_reject", metadata: "SC-1", values: ["text": "no proof of displacement"], user: (manager.user, manager.team))
            let rejected = try await client.send(client.builder.interaction(payloadJSON: reject, timestamp: client.timestamp))
            #expect(rejected.body.readableBytes == 0)
            #expect(try await app.database.claims(org: "acme-resell").first?.state == .rejected)
            #expect(try await app.database.claims(org: "acme-resell").first?.reason == "no proof of displacement")
        }
    }

    @Test func aWonDealTurnedLostTakesItsSpiffClaimsBack() async throws {
        let app = try await Self.app(directory: try TestSupport.temporaryDirectory())
        let (ann, manager) = (Self.ann, Self.manager)
        try await app.test(.router) { client in
            for (id, customer) in [(1, "Initech"), (2, "Hooli")] {
                _ = try await client.command("/register", "\(customer) amount:20k", user: ann.user, team: ann.team)
                _ = try await client.command("/deal", "approve DR-\(id)", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
                _ = try await client.command("/deal", "won DR-\(id)", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
                _ = try await client.command("/claim", "winter-spiff DR-\(id) proof:https://x.example.com/\(id)", user: ann.user, team: ann.team)
            }
            _ = try await client.command("/claims", "approve SC-1", user: manager.user, team: manager.team)
            for id in [1, 2] { _ = try await client.command("/deal", "lost DR-\(id) the customer walked away", user: manager.user, team: manager.team) }
        }
        let claims = try await app.database.claims(org: "acme-resell")
        #expect(claims.map(\.state) == [.rejected, .rejected])
        #expect(claims.map(\.reason) == ["DR-2 was marked lost", "DR-1 was marked lost"])
        let summary = try await app.database.earnings(org: "acme-resell", start: nil, end: nil)
        #expect(summary.lines.map { ($0.source, $0.pending, $0.reversed) }.elementsEqual([("commission", 0, 400_000), ("spiff", 0, 50_000)]) { $0 == $1 })
        let told = try await app.database.outboxRecords().filter { $0.target == "CACME00001" && $0.payload.contains("SC-1") }
        #expect(told.filter { $0.payload.contains("reversed") }.count == 1 && !told.contains { $0.payload.contains("was rejected") }, "one notice: the reversal")
    }

    /// A `view_submission` payload of text inputs (action id `text_input` in each block).
    static func submission(callback: String, metadata: String, values: [String: String], user: (user: String, team: String)) -> String {
        let state = values.map { "\"\($0.key)\":{\"text_input\":{\"type\":\"plain_text_input\",\"value\":\"\($0.value)\"}}" }.joined(separator: ",")
        return """
            {"type":"view_submission","team":{"id":"TVENDOR001","domain":"vendor"},"user":{"id":"\(user.user)","username":"u","team_id":"\(user.team)"},\
            "api_app_id":"A0PARTNERBOT","trigger_id":"5555.6666.qrst","is_enterprise_install":false,\
            "view":{"id":"V0FORM","team_id":"TVENDOR001","type":"modal","callback_id":"\(callback)","private_metadata":"\(metadata)",\
            "state":{"values":{\(state)}},"hash":"1700000000.abcd"}}
            """
    }
}
