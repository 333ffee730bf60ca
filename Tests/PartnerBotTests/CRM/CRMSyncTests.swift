import CRM
import FakeCRM
import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("CRM sync: deal changes reach the CRM through the sync queue")
struct CRMSyncTests {
    static let ann = ProgramFixture.ann
    static let manager = ProgramFixture.acmeManager

    @Test func aRegistrationQueuesItsSyncInTheSameTransactionEvenWithoutAWorker() async throws {
        let crm = InMemoryCRM()
        let app = try await CRMFixture.app(crm: crm)
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Acme Corp domain:www.acme.com amount:50k", user: Self.ann.user, team: Self.ann.team)
        }
        let status = try await app.database.crmSyncStatus(now: TestSupport.now)
        #expect(status.unsynced == 1)
        #expect(status.counts["pending"] == 1)
        #expect(crm.lookups == [CRMCompany(name: "Acme Corp", domain: "acme.com")], "checked while registering")
        #expect(status.lookupsPending == 0, "the CRM answered in time")
        #expect(crm.upserts.isEmpty)
    }

    @Test func aSlowCRMNeverHoldsTheRegistrationAndTheCheckCompletesInTheBackground() async throws {
        let crm = InMemoryCRM()
        crm.setLookupDelay(.seconds(60))
        crm.addOpportunity(CRMOpportunity(id: "7", name: "Acme direct", stage: "Qualification", owner: "Dana Direct"), forCustomer: "acme.com")
        let app = try await CRMFixture.app(crm: crm)
        try await app.test(.router) { client in
            let registered = try await client.command("/register", "Acme Corp domain:acme.com", user: Self.ann.user, team: Self.ann.team)
            #expect(registered.replyText.contains("DR-1"))
            #expect(crm.answeredLookups == 0, "answered while the CRM was still thinking")
        }
        #expect(try await app.database.crmSyncStatus(now: TestSupport.now).lookupsPending == 1, "left to the worker")
        crm.setLookupDelay(.zero)
        let found = try await CRMFixture.withWorker(app) {
            try await OutboxHarness.eventually { try await app.database.crmMatches(dealID: 1).count == 1 }
        }
        #expect(found)
    }

    @Test func outsidersNeverMakeTheBotAskTheCRM() async throws {
        let crm = InMemoryCRM()
        let app = try await CRMFixture.app(crm: crm)
        try await app.test(.router) { client in
            let refused = try await client.command("/register", "Acme Corp domain:acme.com", user: "UOUTSIDER1", team: "TOUTSIDER")
            #expect(!refused.replyText.contains("DR-"))
        }
        #expect(crm.lookups.isEmpty)
    }

    @Test func withoutACRMNothingIsQueued() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Acme Corp domain:acme.com", user: Self.ann.user, team: Self.ann.team)
        }
        #expect(try await app.database.crmSyncStatus(now: TestSupport.now).counts.isEmpty)
    }

    @Test func theLifecycleReachesTheCRMInOrderWithMappedFields() async throws {
        let crm = InMemoryCRM()
        let app = try await CRMFixture.app(crm: crm)
        try await CRMFixture.withWorker(app) {
            try await app.test(.router) { client in
                _ = try await client.command("/register", "Acme Corp domain:www.acme.com amount:50k close:2027-03-31", user: Self.ann.user, team: Self.ann.team)
                #expect(try await CRMFixture.synced(app.database))
                _ = try await client.click("deal_approve", "DR-1", user: Self.manager, team: ProgramFixture.vendorTeam, channel: ProgramFixture.managersChannel)
                #expect(try await CRMFixture.synced(app.database))
                _ = try await client.command("/deal", "stage DR-1 proposal", user: Self.manager, team: ProgramFixture.vendorTeam)
                #expect(try await CRMFixture.synced(app.database))
                _ = try await client.command("/deal", "won DR-1", user: Self.manager, team: ProgramFixture.vendorTeam)
                #expect(try await CRMFixture.synced(app.database))
            }
        }
        let statuses = crm.upserts.compactMap { $0.properties["partnerbot_status"] }
        #expect(statuses == [.text("pending"), .text("approved"), .text("approved"), .text("won")])
        let stages = crm.upserts.compactMap { $0.properties["dealstage"] }
        #expect(stages.last == .text("closedwon"))
        #expect(stages.contains(.text("presentationscheduled")), "the bot's proposal stage, mapped")
        let record = try #require(crm.deal("DR-1"))
        #expect(record["dealname"] == .text("Acme Corp (DR-1)"))
        #expect(record["amount"] == .decimal(50_000))
        #expect(record["closedate"] == .date("2027-03-31"))
        #expect(record["partnerbot_partner"] == .text("Acme Reselling"))
        #expect(crm.upserts.first?.company == CRMCompany(name: "Acme Corp", domain: "acme.com"), "the company is linked on the first push")
        #expect(crm.upserts.dropFirst().allSatisfy { $0.company == nil }, "and not again")
        #expect(try await app.database.dealID(forCRMID: try #require(crm.crmID("DR-1"))) == 1)
    }

    @Test func rateLimitsAndOutagesAreRetriedWithoutLosingTheChange() async throws {
        let crm = InMemoryCRM()
        crm.failNextUpserts([.rateLimited(retryAfter: .milliseconds(30)), .unavailable("503 Service Unavailable"), .unauthorized("401 expired token")])
        let app = try await CRMFixture.app(crm: crm)
        try await CRMFixture.withWorker(app) {
            try await app.test(.router) { client in
                _ = try await client.command("/register", "Acme Corp domain:acme.com", user: Self.ann.user, team: Self.ann.team)
                #expect(try await CRMFixture.syncedAdvancingTime(app))
            }
        }
        #expect(crm.upserts.count == 1)
        let status = try await app.database.crmSyncStatus(now: app.clock.now())
        #expect(status.counts["synced"] == 1)
        #expect(status.retrying.isEmpty && status.dead.isEmpty)
    }

    @Test func aRefusedPushIsDeadLetteredWithTheCRMsWordsAndALaterChangeRetriesIt() async throws {
        let crm = InMemoryCRM()
        crm.failNextUpserts([.rejected("Property \"partnerbot_status\" does not exist (PROPERTY_DOESNT_EXIST)")])
        let app = try await CRMFixture.app(crm: crm)
        try await CRMFixture.withWorker(app) {
            try await app.test(.router) { client in
                _ = try await client.command("/register", "Acme Corp domain:acme.com", user: Self.ann.user, team: Self.ann.team)
                #expect(try await OutboxHarness.eventually { try await app.database.crmSyncStatus(now: TestSupport.now).dead.count == 1 })
                let dead = try await app.database.crmSyncStatus(now: TestSupport.now).dead
                #expect(dead.first?.reference == "DR-1")
                #expect(dead.first?.error.contains("PROPERTY_DOESNT_EXIST") == true)
                #expect(crm.deal("DR-1") == nil)
                // The mapping is fixed in the CRM; the next change of the deal goes through.
                _ = try await client.click("deal_approve", "DR-1", user: Self.manager, team: ProgramFixture.vendorTeam, channel: ProgramFixture.managersChannel)
                #expect(try await CRMFixture.synced(app.database))
            }
        }
        #expect(crm.deal("DR-1")?["partnerbot_status"] == .text("approved"))
        #expect(try await app.database.crmSyncStatus(now: TestSupport.now).dead.isEmpty)
    }

    @Test func aChangeMadeDuringAPushIsPushedAfterItSoTheCRMEndsWithTheLatestState() async throws {
        let crm = InMemoryCRM()
        crm.setDelay(.milliseconds(300))
        let app = try await CRMFixture.app(crm: crm)
        try await CRMFixture.withWorker(app) {
            try await app.test(.router) { client in
                _ = try await client.command("/register", "Acme Corp domain:acme.com", user: Self.ann.user, team: Self.ann.team)
                #expect(try await OutboxHarness.eventually { try await app.database.crmSyncStatus(now: TestSupport.now).counts["sending"] == 1 })
                _ = try await client.click("deal_approve", "DR-1", user: Self.manager, team: ProgramFixture.vendorTeam, channel: ProgramFixture.managersChannel)
                #expect(try await CRMFixture.synced(app.database))
            }
        }
        #expect(crm.upserts.count == 2)
        #expect(crm.deal("DR-1")?["partnerbot_status"] == .text("approved"))
    }

    @Test func anOpenDirectSalesOpportunityIsShownToManagersOnly() async throws {
        let crm = InMemoryCRM()
        crm.addOpportunity(CRMOpportunity(id: "9001", name: "Acme renewal 2027", stage: "Negotiation", owner: "Dana Direct"), forCustomer: "acme.com")
        let app = try await CRMFixture.app(crm: crm)
        try await CRMFixture.withWorker(app) {
            try await app.test(.router) { client in
                let registered = try await client.command("/register", "Acme Corp domain:www.acme.com", user: Self.ann.user, team: Self.ann.team)
                #expect(!registered.replyText.contains("Acme renewal"))
                #expect(try await OutboxHarness.eventually { try await app.database.crmMatches(dealID: 1).count == 1 })
                let review = try await app.database.renderedOutboxPayload("deal:1:review:channel")
                #expect(review.contains("Already open in the CRM") && review.contains("Acme renewal 2027") && review.contains("Dana Direct"))
                let managerView = try await client.command("/deal", "status DR-1", user: Self.manager, team: ProgramFixture.vendorTeam)
                #expect(managerView.replyText.contains("Acme renewal 2027"))
                let partnerView = try await client.command("/deal", "status DR-1", user: Self.ann.user, team: Self.ann.team)
                #expect(partnerView.replyText.contains("DR-1"))
                #expect(!partnerView.replyText.contains("Acme renewal") && !partnerView.replyText.contains("CRM"))
            }
        }
        #expect(crm.lookups == [CRMCompany(name: "Acme Corp", domain: "acme.com")])
        let partnerMessages = try await app.database.outboxRecords().filter { $0.target == "CACME00001" }
        #expect(partnerMessages.allSatisfy { !$0.payload.contains("Acme renewal") })
    }

    @Test func aFailedCheckIsRetriedAndNeverBlocksTheRegistration() async throws {
        let crm = InMemoryCRM()
        crm.failNextLookups([.unavailable("timed out")])
        crm.addOpportunity(CRMOpportunity(id: "1", name: "Acme direct", stage: nil, owner: nil), forCustomer: "acme.com")
        let app = try await CRMFixture.app(crm: crm)
        try await CRMFixture.withWorker(app) {
            try await app.test(.router) { client in
                let registered = try await client.command("/register", "Acme Corp domain:acme.com", user: Self.ann.user, team: Self.ann.team)
                #expect(registered.replyText.contains("DR-1"))
                #expect(try await OutboxHarness.eventually {
                    app.clock.advance(by: 1)
                    return try await app.database.crmMatches(dealID: 1).count == 1
                })
            }
        }
        #expect(crm.lookups.count == 2)
    }
}

@Suite("CRM sync: work abandoned by a stopped process")
struct CRMAbandonedWorkTests {
    @Test func pushesAndChecksClaimedByAGoneProcessAreDueAgainAndLiveOnesAreLeftAlone() async throws {
        let crm = InMemoryCRM()
        crm.failNextLookups([.unavailable("timed out")])
        let app = try await CRMFixture.app(crm: crm)
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Acme Corp domain:acme.com", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
        }
        let database = app.database
        let now = app.clock.now()
        #expect(try await database.claimCRMSyncs(limit: 10, now: now).count == 1)
        #expect(try await database.claimCRMLookups(limit: 10, now: now) == [1])
        #expect(try await database.recoverAbandonedCRMSyncs(now: now) == 0, "this process is alive: its push is under way")
        #expect(try await database.recoverAbandonedCRMLookups(now: now, lease: .seconds(120)) == 0)

        let gone = DeliveryOwner.register()
        gone.retire()
        try await database.store.write { db in
            try db.execute(sql: "UPDATE crm_sync SET claimed_by = ?, lookup_claimed_by = ?", arguments: [gone.stored, gone.stored])
        }
        #expect(try await database.recoverAbandonedCRMSyncs(now: now) == 1)
        #expect(try await database.recoverAbandonedCRMLookups(now: now, lease: .seconds(120)) == 1)
        let status = try await database.crmSyncStatus(now: now)
        #expect(status.counts["pending"] == 1 && status.lookupsPending == 1)
        #expect(try await database.claimCRMSyncs(limit: 10, now: now).count == 1, "due again at once")
        #expect(try await database.claimCRMLookups(limit: 10, now: now) == [1])
    }
}
