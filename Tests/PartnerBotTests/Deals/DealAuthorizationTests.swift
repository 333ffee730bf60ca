import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Authorization sweep: every deal command as every kind of user")
struct DealAuthorizationTests {
    enum Who: String, CaseIterable, Sendable {
        case partnerA, partnerB, guestOfA, orgManagerA, orgManagerB, programManager, marketing, outsider

        var identity: (user: String, team: String) {
            switch self {
            case .partnerA: ProgramFixture.ann
            case .partnerB: ProgramFixture.bob
            case .guestOfA: ProgramFixture.guestOfAcme
            case .orgManagerA: (ProgramFixture.acmeManager, ProgramFixture.vendorTeam)
            case .orgManagerB: (ProgramFixture.globexManager, ProgramFixture.vendorTeam)
            case .programManager: (ProgramFixture.programManager, ProgramFixture.vendorTeam)
            case .marketing: (ProgramFixture.marketing, ProgramFixture.vendorTeam)
            case .outsider: ProgramFixture.outsider
            }
        }

        /// May decide DR-1, which belongs to acme-resell.
        var managesAcme: Bool { self == .orgManagerA || self == .programManager }
        var isAcmePartner: Bool { self == .partnerA || self == .guestOfA }
    }

    static let changes = ["approve DR-1", "decline DR-1 no", "needinfo DR-1 why?", "extend DR-1", "stage DR-1 proposal", "won DR-1", "lost DR-1 no", "answer DR-1 because"]

    @Test(arguments: Who.allCases)
    func seeingDeals(who: Who) async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Secret Customer SA note:\"confidential\"", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            let (user, team) = who.identity
            for text in ["status DR-1", "history DR-1", "status org:acme-resell", "status", "pending"] {
                let reply = try await client.command("/deal", text, user: user, team: team).replyText
                let sees = reply.contains("Secret Customer")
                let allowed = who.isAcmePartner ? (text != "status org:acme-resell" && text != "pending") : who.managesAcme
                #expect(sees == allowed, "\(who) /deal \(text): \(reply)")
                if who == .outsider { #expect(reply.contains("not enrolled")) }
            }
        }
    }

    @Test(arguments: Who.allCases)
    func changingDeals(who: Who) async throws {
        for change in Self.changes {
            let app = try await TestApp.program()
            try await app.test(.router) { client in
                _ = try await client.command("/register", "Target Co", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
                if change.hasPrefix("extend") || change.hasPrefix("stage") || change.hasPrefix("won") || change.hasPrefix("lost") {
                    _ = try await client.command("/deal", "approve DR-1", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
                }
                if change.hasPrefix("answer") {
                    _ = try await client.command("/deal", "needinfo DR-1 what?", user: ProgramFixture.programManager, team: ProgramFixture.vendorTeam)
                }
                let before = try await app.database.deal(id: 1)
                let historyBefore = try await app.database.dealHistory(id: 1).count
                let (user, team) = who.identity
                _ = try await client.command("/deal", change, user: user, team: team)
                let after = try await app.database.deal(id: 1)
                let historyAfter = try await app.database.dealHistory(id: 1).count
                let changed = before != after || historyAfter != historyBefore
                let allowed = change.hasPrefix("answer") ? who.isAcmePartner : who.managesAcme
                #expect(changed == allowed, "\(who) /deal \(change)")
            }
        }
    }

    @Test(arguments: Who.allCases)
    func clickingDecisionButtons(who: Who) async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Button Target", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            let (user, team) = who.identity
            let click = BlockActions(
                user: .init(id: user, teamID: team), team: .init(id: team), container: .init(messageTS: "1.1", channelID: "C1"),
                triggerID: "1.2.3", actions: [.init(actionID: "deal_approve", value: "DR-1")])
            let response = try await client.send(client.builder.blockActions(click, timestamp: client.timestamp))
            #expect(response.status == .ok)
            let status = try await app.database.deal(id: 1)?.status
            #expect((status == .approved) == who.managesAcme, "\(who) clicked approve")
        }
    }

    @Test(arguments: [Who.orgManagerA, .programManager, .marketing, .outsider])
    func onlyPartnersRegister(who: Who) async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let (user, team) = who.identity
            let reply = try await client.command("/register", "Vendor Attempt", user: user, team: team).replyText
            #expect(reply.contains(who == .outsider ? "not enrolled" : "for partner organisations"))
        }
        #expect(try await app.database.dealCount() == 0)
    }

    @Test func aGuestListedAsMemberRegistersForTheirOrganisation() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            _ = try await client.command("/register", "Guest Deal", user: ProgramFixture.guestOfAcme.user, team: ProgramFixture.guestOfAcme.team)
        }
        #expect(try await app.database.deal(id: 1)?.org == "acme-resell")
    }
}
