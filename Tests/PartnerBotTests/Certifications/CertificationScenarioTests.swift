import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Certifications driven by signed requests")
struct CertificationScenarioTests {
    static let manager = (ProgramFixture.acmeManager, ProgramFixture.vendorTeam)

    @Test func claimNeedsThePrerequisiteThenVerifyByButtonAndRejectByCommand() async throws {
        let app = try await TestApp.program()
        let ann = ProgramFixture.ann
        try await app.test(.router) { client in
            let early = try await client.command("/certify", "claim sales-pro credential:SP-1", user: ann.user, team: ann.team)
            #expect(early.replyText.contains("requires Product Fundamentals"))
            let claim = try await client.command("/certify", "claim product-fundamentals credential:https://lms.example.com/c/1", user: ann.user, team: ann.team)
            #expect(claim.replyText.contains("C-1"))
            let again = try await client.command("/certify", "claim product-fundamentals", user: ann.user, team: ann.team)
            #expect(again.replyText.contains("already claimed"))
            let review = try #require(try await app.database.outboxRecords().first { $0.dedupeKey == "cert:1:review" })
            #expect(review.target == ProgramFixture.acmeManager)
            #expect(review.payload.contains("cert_verify"))

            // A partner cannot verify, nor can another organisation's manager.
            _ = try await client.click("cert_verify", "C-1", user: ann.user, team: ann.team, channel: "D1")
            _ = try await client.click("cert_verify", "C-1", user: ProgramFixture.globexManager, team: ProgramFixture.vendorTeam, channel: "D1")
            #expect(try await app.database.certification(id: 1)?.state == .claimed)

            _ = try await client.click("cert_verify", "C-1", user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam, channel: "D1")
            let verified = try #require(try await app.database.certification(id: 1))
            #expect(verified.state == .active)
            #expect(verified.earnedOn == "2027-01-15")
            #expect(verified.expiresOn == "2029-01-15")
            #expect(try await app.database.outboxRecords().contains { $0.target == ann.user && $0.payload.contains("You are certified") })
            #expect(try await app.database.outboxRecords().contains { $0.reference == "cert:1:review" && $0.method == "chat.update" })

            let second = try await client.command("/certify", "claim sales-pro credential:SP-1", user: ann.user, team: ann.team)
            #expect(second.replyText.contains("C-2"))
            let partnerReject = try await client.command("/certify", "reject C-2 nope", user: ann.user, team: ann.team)
            #expect(partnerReject.replyText.contains("Only partner managers"))
            let rejected = try await client.command("/certify", "reject C-2 credential number not found", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            #expect(rejected.replyText.contains("Rejected C-2"))
            #expect(try await app.database.certification(id: 2)?.state == .rejected)

            let mine = try await client.command("/certify", "", user: ann.user, team: ann.team)
            #expect(mine.replyText.contains("Product Fundamentals"))
            #expect(mine.replyText.contains("active until 2029-01-15"))
            #expect(mine.replyText.contains("claim rejected"))
            #expect(mine.replyText.contains("product-fundamentals ×1"))
        }
    }

    @Test func grantRevokeStatusAndExpiringForManagersOnly() async throws {
        let app = try await TestApp.program()
        let ann = ProgramFixture.ann
        try await app.test(.router) { client in
            _ = try await client.command("/deal", "status", user: ann.user, team: ann.team)  // Ann is seen, so managers can name her.
            let partnerGrant = try await client.command("/certify", "grant <@\(ann.user)|ann> product-fundamentals", user: ProgramFixture.bob.user, team: ProgramFixture.bob.team)
            #expect(partnerGrant.replyText.contains("Only partner managers"))
            let otherManager = try await client.command("/certify", "grant <@\(ann.user)|ann> product-fundamentals", user: ProgramFixture.globexManager, team: ProgramFixture.vendorTeam)
            #expect(!otherManager.replyText.contains("Granted"))
            let granted = try await client.command("/certify", "grant <@\(ann.user)|ann> product-fundamentals earned:2026-02-01", user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam)
            #expect(granted.replyText.contains("Granted Product Fundamentals"))
            #expect(granted.replyText.contains("2028-02-01"))
            let status = try await client.command("/certify", "status org:acme-resell", user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam)
            #expect(status.replyText.contains(ann.user))
            let partnerStatus = try await client.command("/certify", "status org:acme-resell", user: ProgramFixture.bob.user, team: ProgramFixture.bob.team)
            #expect(!partnerStatus.replyText.contains(ann.user))
            let expiring = try await client.command("/certify", "expiring 400", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            #expect(expiring.replyText.contains("2028-02-01"))
            let revoked = try await client.command("/certify", "revoke <@\(ann.user)> product-fundamentals shared exam answers", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            #expect(revoked.replyText.contains("Revoked"))
            let coverage = try await app.database.certificationCoverage(org: "acme-resell", today: TestSupport.today)
            #expect(!coverage.isCertified)
        }
    }

    @Test func certificationGatesRegistrationOnceCertificationsExistAndBreaksTies() async throws {
        var app = try await TestApp.program()
        app.configuration.policy.requireCertificationToRegister = true
        let ann = ProgramFixture.ann
        let bob = ProgramFixture.bob
        try await app.test(.router) { client in
            // No certifications in the program yet: the gate is not applied.
            let first = try await client.command("/register", "Early Customer", user: ann.user, team: ann.team)
            #expect(first.replyText.contains("Registered"))
            _ = try await client.command("/deal", "status", user: bob.user, team: bob.team)
            _ = try await client.command("/certify", "grant <@\(bob.user)> product-fundamentals", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            // Now acme (uncertified) is refused, globex (certified) registers.
            let refused = try await client.command("/register", "Later Customer", user: ann.user, team: ann.team)
            #expect(refused.replyText.contains("needs at least one active certification"))
            #expect(refused.replyText.contains("/certify"))
            let allowed = try await client.command("/register", "Early Customer Inc", user: bob.user, team: bob.team)
            #expect(allowed.replyText.contains("already under registration"))
        }
        let review = try await app.database.renderedOutboxPayload("deal:2:review:channel")
        #expect(review.contains("an active certification breaks the tie"))
        #expect(review.contains("switch to this registration"))
    }

    @Test func timeMovesThroughTheRecertWindowToExpiry() async throws {
        let app = try await TestApp.program()
        let ann = ProgramFixture.ann
        try await app.test(.router) { client in
            _ = try await client.command("/deal", "status", user: ann.user, team: ann.team)
            _ = try await client.command("/certify", "grant <@\(ann.user)> product-fundamentals", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
            app.clock.advance(by: 86_400 * (731 - 45))
            let expiring = try await client.command("/certify", "", user: ann.user, team: ann.team)
            #expect(expiring.replyText.contains("expiring on 2029-01-15"))
            let reclaim = try await client.command("/certify", "claim product-fundamentals", user: ann.user, team: ann.team)
            #expect(reclaim.replyText.contains("Claimed"))
            app.clock.advance(by: 86_400 * 60)
            var reply = try await client.command("/certify", "", user: ann.user, team: ann.team)
            #expect(reply.replyText.contains("claimed"))
            _ = try await client.command("/certify", "verify C-2", user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam)
            reply = try await client.command("/certify", "", user: ann.user, team: ann.team)
            #expect(reply.replyText.contains("active until 2031-01-30"))
        }
    }
}
