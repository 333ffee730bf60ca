import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Deal registration lifecycle, driven by signed requests")
struct DealLifecycleScenarioTests {
    static let acmeManager = ProgramFixture.acmeManager

    @Test func theWholeLifecycle() async throws {
        let app = try await TestApp.program()
        let database = app.database
        try await app.test(.router) { client in
            let (ann, bob) = (ProgramFixture.ann, ProgramFixture.bob)
            // A partner registers.
            let registered = try await client.command("/register", "Acme Corp domain:www.acme.com amount:50k close:2027-03-31", user: ann.user, team: ann.team)
            #expect(registered.status == .ok)
            #expect(registered.replyText.contains("DR-1"))
            #expect(registered.replyText.contains("pending"))
            #expect(registered.replyText.contains("2027-01-17 08:00 UTC"), "the 48 h SLA due time")
            var deal = try #require(try await database.deal(id: 1))
            #expect(deal.status == .pending)
            #expect(deal.org == "acme-resell")
            #expect(deal.customerKey == "acme")
            #expect(try await database.dispatchReviews() == 1, "the review dispatcher's next batch")
            let reviews = try await database.outboxRecords().filter { $0.dedupeKey.hasPrefix("deal:1:review") }
            #expect(Set(reviews.map(\.target)) == [Self.acmeManager, ProgramFixture.managersChannel])
            #expect(reviews.allSatisfy { $0.template == "deal-review:1" }, "rendered when sent, from the deal as it is then")
            for review in reviews {
                let payload = try await database.renderedPayload(of: review, now: TestSupport.now)
                #expect(payload.contains("deal_approve") && payload.contains("DR-1"))
                #expect(payload.contains("\"channel\":\"\(review.target)\""))
            }

            // The same organisation registering a look-alike gets its registration back.
            let again = try await client.command("/register", "ACME Incorporated", user: ann.user, team: ann.team)
            #expect(again.replyText.contains("already registered"))
            #expect(again.replyText.contains("DR-1"))
            #expect(try await database.dealCount() == 1)

            // Another organisation on the same customer: a conflict, without saying who holds it.
            let conflict = try await client.command("/register", "Acme, Inc. domain:acme.com", user: bob.user, team: bob.team)
            #expect(conflict.replyText.contains("already under registration"))
            for secret in ["Acme Reselling", "acme-resell", "DR-1", ann.user] { #expect(!conflict.replyText.contains(secret)) }
            let conflicted = try #require(try await database.deal(id: 2))
            #expect(conflicted.status == .conflict)
            #expect(conflicted.conflictWith == 1)
            let conflictReview = try await database.renderedOutboxPayload("deal:2:review:channel")
            #expect(conflictReview.contains("Recommendation"))
            #expect(conflictReview.contains("DR-1"))

            // A partner never sees another organisation's deal; not-found looks the same either way.
            let peek = try await client.command("/deal", "status DR-1", user: bob.user, team: bob.team)
            let missing = try await client.command("/deal", "status DR-999", user: bob.user, team: bob.team)
            #expect(peek.replyText == missing.replyText.replacingOccurrences(of: "DR-999", with: "DR-1"))
            #expect(!peek.replyText.contains("Acme Corp"))

            // The org's manager approves with the button; a double click changes nothing.
            let approve = try await client.click("deal_approve", "DR-1", user: Self.acmeManager, team: ProgramFixture.vendorTeam, channel: ProgramFixture.managersChannel)
            #expect(approve.status == .ok)
            deal = try #require(try await database.deal(id: 1))
            #expect(deal.status == .approved)
            #expect(deal.decidedBy == Self.acmeManager)
            #expect(deal.protectionEnd == TestSupport.now.addingTimeInterval(90 * 86_400))
            let afterFirstClick = try await database.outboxRecords().filter { !$0.dedupeKey.hasPrefix("click:") }.count
            let updates = try await database.outboxRecords().filter { $0.method == "chat.update" && $0.reference?.hasPrefix("deal:1:review") == true }
            #expect(updates.count == 2)
            #expect(updates.allSatisfy { $0.payload.contains("Approved by") && !$0.payload.contains("deal_approve") })
            let notice = try #require(try await database.outboxRecords().first { $0.target == "CACME00001" && $0.dedupeKey.hasPrefix("deal:1:notice") })
            #expect(notice.payload.contains("approved"))
            let doubleClick = try await client.click("deal_approve", "DR-1", user: Self.acmeManager, team: ProgramFixture.vendorTeam, channel: ProgramFixture.managersChannel)
            #expect(doubleClick.status == .ok)
            #expect(try await database.outboxRecords().filter { !$0.dedupeKey.hasPrefix("click:") }.count == afterFirstClick)
            #expect(try await database.dealHistory(id: 1).filter { $0.action == "approved" }.count == 1)

            // The partner sees the deal with its protection window.
            let status = try await client.command("/deal", "status", user: ann.user, team: ann.team)
            #expect(status.replyText.contains("DR-1"))
            #expect(status.replyText.contains("approved"))
            #expect(status.replyText.contains("protected until 2027-04-15"))
            #expect(!status.replyText.contains("DR-2"))

            // Extensions are capped by the policy.
            let extended = try await client.command("/deal", "extend DR-1", user: Self.acmeManager, team: ProgramFixture.vendorTeam)
            #expect(extended.replyText.contains("2027-05-15"))
            let extendedAgain = try await client.command("/deal", "extend DR-1", user: Self.acmeManager, team: ProgramFixture.vendorTeam)
            #expect(extendedAgain.replyText.contains("already extended"))

            // Stages, then won.
            #expect(try await client.command("/deal", "stage DR-1 proposal", user: Self.acmeManager, team: ProgramFixture.vendorTeam).replyText.contains("proposal"))
            #expect(try await client.command("/deal", "stage DR-1 dreaming", user: Self.acmeManager, team: ProgramFixture.vendorTeam).replyText.contains("not a stage"))
            #expect(try await client.command("/deal", "won DR-1", user: Self.acmeManager, team: ProgramFixture.vendorTeam).replyText.contains("won"))
            #expect(try await database.deal(id: 1)?.status == .won)

            // The program manager declines the conflict; the partner is told why.
            let declined = try await client.command("/deal", "decline DR-2 customer already registered by another partner", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            #expect(declined.replyText.contains("Declined DR-2"))
            #expect(try await database.deal(id: 2)?.status == .declined)
            #expect(try await database.outboxRecords().contains { $0.target == "CGLOBEX001" && $0.payload.contains("declined") })

            // History shows every change with who and when.
            let history = try await client.command("/deal", "history DR-1", user: Self.acmeManager, team: ProgramFixture.vendorTeam)
            for action in ["registered", "approved", "extended", "stage", "won"] { #expect(history.replyText.contains(action)) }
        }
    }

    @Test func needInfoAndTheAnswerReturnItToPending() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let ann = ProgramFixture.ann
            _ = try await client.command("/register", "Initech", user: ann.user, team: ann.team)
            let asked = try await client.command("/deal", "needinfo DR-1 Who is the economic buyer?", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            #expect(asked.replyText.contains("needs info"))
            let status = try await client.command("/deal", "status DR-1", user: ann.user, team: ann.team)
            #expect(status.replyText.contains("Who is the economic buyer?"))
            let answered = try await client.command("/deal", "answer DR-1 The CFO", user: ann.user, team: ann.team)
            #expect(answered.replyText.contains("pending again"))
            #expect(try await app.database.deal(id: 1)?.status == .pending)
            #expect(try await app.database.outboxRecords().contains { $0.target == ProgramFixture.managersChannel && $0.payload.contains("The CFO") })
        }
    }

    @Test func approvingAConflictDeclinesTheHolder() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Umbrella Corp", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            _ = try await client.command("/register", "Umbrella Corporation", user: ProgramFixture.bob.user, team: ProgramFixture.bob.team)
            let approved = try await client.command("/deal", "approve DR-2", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            #expect(approved.replyText.contains("Approved DR-2"))
            #expect(try await app.database.deal(id: 2)?.status == .approved)
            #expect(try await app.database.deal(id: 1)?.status == .declined)
            #expect(try await app.database.outboxRecords().contains { $0.target == "CACME00001" && $0.payload.contains("declined") })
        }
    }

    @Test func anIncumbentWinsTheRecommendation() async throws {
        let app = try await TestApp.program()
        try await app.database.recordIncumbent(org: "globex", customer: "Hooli", now: TestSupport.now)
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Hooli", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            _ = try await client.command("/register", "hooli inc", user: ProgramFixture.bob.user, team: ProgramFixture.bob.team)
        }
        let review = try await app.database.renderedOutboxPayload("deal:2:review:channel")
        #expect(review.contains("switch to this registration"))
        #expect(review.contains("incumbent beats net-new"))
    }

    @Test func anApprovedHolderWinsOverANewcomer() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Hooli", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            _ = try await client.command("/deal", "approve DR-1", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            _ = try await client.command("/register", "Hooli", user: ProgramFixture.bob.user, team: ProgramFixture.bob.team)
        }
        let review = try await app.database.renderedOutboxPayload("deal:2:review:channel")
        #expect(review.contains("registered (approved) beats unregistered"))
    }

    @Test func invalidInputGetsAnEphemeralMessageNamingTheField() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let response = try await client.command("/register", "Acme close:2020-01-01", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            #expect(response.status == .ok)
            #expect(response.json?["response_type"] as? String == "ephemeral")
            #expect(response.replyText.lowercased().contains("close"))
            #expect(response.replyText.contains("Nothing was registered"))
        }
        #expect(try await app.database.dealCount() == 0)
    }
}
