import Foundation
import HummingbirdTesting
import Synchronization
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Commission on won deals and the earnings ledger")
struct CommissionTests {
    static let rules = CommissionRules([
        CommissionRule(motion: .resale, tier: "elite", basisPoints: 1_250),
        CommissionRule(motion: .resale, basisPoints: 1_000, minimum: Money(minorUnits: 50_000, currency: "USD")),
        CommissionRule(basisPoints: 333),
    ])

    @Test func theFirstMatchingRuleGivesAnExactAmount() {
        let usd = { (minor: Int64) in Money(minorUnits: minor, currency: "USD") }
        #expect(Self.rules.commission(amount: usd(5_000_000), motion: .resale, tier: "elite")?.money == usd(625_000))
        #expect(Self.rules.commission(amount: usd(5_000_000), motion: .resale, tier: "select")?.money == usd(500_000))
        #expect(Self.rules.commission(amount: usd(100_000), motion: .resale, tier: "select")?.money == usd(50_000), "the minimum")
        #expect(Self.rules.commission(amount: Money(minorUnits: 100_000, currency: "EUR"), motion: .resale, tier: "select")?.money
            == Money(minorUnits: 10_000, currency: "EUR"), "a minimum in another currency does not apply")
        #expect(Self.rules.commission(amount: usd(1_000_001), motion: .referral, tier: "select")?.money == usd(33_300), "3.33 % rounded half up")
        #expect(Self.rules.commission(amount: nil, motion: .resale, tier: "elite") == nil)
        #expect(CommissionRules().commission(amount: usd(1), motion: nil, tier: "x") == nil)
        #expect(Self.rules.rules.map(\.percentText) == ["12.5 %", "10 %", "3.33 %"])
    }

    @Test func configurationIsValidatedWithLines() throws {
        let load = { (yaml: String) in try ConfigurationLoader(environment: [:], readFile: { $0 == "c.yaml" ? yaml : nil }).load(path: "c.yaml") }
        let loaded = try load("incentives:\n  commission:\n    - motion: resale\n      tier: elite\n      percent: 12.5\n    - percent: 5\n      minimum: USD 250\n")
        #expect(loaded.commission == CommissionRules([
            CommissionRule(motion: .resale, tier: "elite", basisPoints: 1_250), CommissionRule(basisPoints: 500, minimum: Money(minorUnits: 25_000, currency: "USD")),
        ]))
        for (yaml, line) in [
            ("incentives:\n  commission:\n    - percent: 150\n", 3), ("incentives:\n  commission:\n    - percent: 5\n      tier: gold\n", 4),
            ("incentives:\n  commission:\n    - percent: 1.234\n", 3), ("incentives:\n  commission:\n    - motion: resale\n", 3),
        ] {
            #expect { try load(yaml) } throws: { error in
                guard case ConfigurationError.invalidFile(let problem) = error else { return false }
                return problem.line == line
            }
        }
    }

    @Test func aWonDealEarnsItsCommissionOnceAndLosingItReverses() async throws {
        var app = try await TestApp.program()
        app.configuration.commission = CommissionRules([CommissionRule(basisPoints: 1_000)])
        let manager = ProgramFixture.acmeManager
        let (ann, bob) = (ProgramFixture.ann, ProgramFixture.bob)
        let app2 = app
        try await app2.test(.router) { client in
            _ = try await client.command("/register", "Acme Corp domain:acme.com amount:50k", user: ann.user, team: ann.team)
            _ = try await client.click("deal_approve", "DR-1", user: manager, team: ProgramFixture.vendorTeam, channel: ProgramFixture.managersChannel)
            _ = try await client.command("/deal", "won DR-1", user: manager, team: ProgramFixture.vendorTeam)
            _ = try await client.command("/deal", "won DR-1", user: manager, team: ProgramFixture.vendorTeam)
            let mine = try await client.command("/earnings", "", user: ann.user, team: ann.team)
            #expect(mine.text.contains("earned $5,000") && mine.text.contains("pending $5,000"))
            let other = try await client.command("/earnings", "org:acme-resell", user: bob.user, team: bob.team)
            #expect(!other.text.contains("5,000"), "never another organisation's earnings")
            let managerView = try await client.command("/earnings", "org:acme-resell", user: manager, team: ProgramFixture.vendorTeam)
            #expect(managerView.text.contains("earned $5,000"))

            let lost = try await client.command("/deal", "lost DR-1 the customer backed out", user: manager, team: ProgramFixture.vendorTeam)
            #expect(lost.replyText.contains("lost"))
            let after = try await client.command("/earnings", "", user: ann.user, team: ann.team)
            #expect(after.text.contains("reversed $5,000") && after.text.contains("pending $0"))
        }
        let collected = Mutex(Data())
        try await EarningsExport.write(app.database, format: .csv, start: nil, end: nil, to: BufferedOutput { data in collected.withLock { $0.append(data) } })
        let csv = String(decoding: collected.withLock { $0 }, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(csv.first == EarningsExport.columns.joined(separator: ","))
        #expect(csv.dropFirst().map { $0.split(separator: ",").prefix(9).joined(separator: ",") } == ["1,acme-resell,Acme Reselling,commission,DR-1,5000.00,500000,USD,reversed"])
        let notices = try await app.database.outboxRecords().filter { $0.dedupeKey.hasPrefix("earning:") }
        #expect(notices.map(\.target) == ["CACME00001", "CACME00001"], "earned, then reversed: each once")
        #expect(notices.first?.payload.contains("10 % of $50,000 on DR-1") == true)
    }
}
