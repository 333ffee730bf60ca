import Foundation
import Testing
@testable import PartnerBot

/// The pure rules of claims: SPIFF eligibility, MDF budgets, decisions, references, payout files.
@Suite("Claim rules")
struct ClaimRulesTests {
    static func usd(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: "USD") }
    static let terms = SpiffTerms(
        payout: .percent(basisPoints: 250, currency: "USD"), start: CalendarDate(iso: "2027-01-01")!, end: CalendarDate(iso: "2027-01-31")!,
        motions: [.resale], minimumDeal: usd(1_000_000), requiresNote: true, requiresLink: false, cap: .amount(usd(150_000)))

    static func facts(status: Deal.Status = .won, won: String? = "2027-01-31", motion: String? = "resale", amount: Int64? = 4_000_000) -> SpiffClaimFacts {
        var deal = DealTransitionTests.deal(status)
        deal.motion = motion
        deal.amountMinor = amount
        deal.currency = amount == nil ? nil : "USD"
        return SpiffClaimFacts(
            deal: deal, wonOn: won.flatMap(CalendarDate.init(iso:)), inAudience: true, existing: nil, claimsSoFar: 1, amountSoFar: 40_000, proof: nil, note: "x")
    }

    @Test func aSpiffClaimIsRefusedForThePreciseReason() {
        let check = { (facts: SpiffClaimFacts) in Self.terms.check(facts, announcement: "s", reference: "DR-1") }
        #expect(check(Self.facts()) == .success(Self.usd(100_000)), "2.5 % of $40,000, the last day of the window included")
        var none = Self.facts()
        none.deal = nil
        #expect(check(none) == .failure(.notYourDeal("DR-1")))
        #expect(check(Self.facts(status: .approved, won: nil)) == .failure(.notWon("DR-1", status: "approved")))
        #expect(check(Self.facts(won: "2027-02-01")) == .failure(.wonOutsideWindow("DR-1", won: "2027-02-01", start: "2027-01-01", end: "2027-01-31")))
        #expect(check(Self.facts(motion: "referral")) == .failure(.motionNotEligible("DR-1", motion: "referral", eligible: ["resale"])))
        #expect(check(Self.facts(amount: 999_999)) == .failure(.belowMinimum("DR-1", amount: "$9,999.99", minimum: "$10,000")))
        #expect(check(Self.facts(amount: nil)) == .failure(.noAmount("DR-1")))
        var outside = Self.facts()
        outside.inAudience = false
        #expect(check(outside) == .failure(.notInAudience("s")))
        var silent = Self.facts()
        silent.note = nil
        #expect(check(silent) == .failure(.noteMissing("s")))
        #expect(check(Self.facts(amount: 4_400_000)) == .success(Self.usd(110_000)), "exactly the $1,100 left under the cap")
        #expect(check(Self.facts(amount: 4_400_040)) == .failure(.overAmountCap(cap: "$1,500", left: "$1,100")), "a cent over the cap")
    }

    @Test func mdfBudgetsCountTheActivitysQuarter() {
        let budgets = MDFBudgets(quarterly: ["select": Self.usd(1_000_000)])
        let today = CalendarDate(iso: "2027-03-31")!
        let check = { (amount: Int64, date: String, used: Int64) in budgets.check(amount: Self.usd(amount), date: CalendarDate(iso: date)!, tier: "select", used: used, today: today) }
        #expect(check(1_000_000, "2027-03-31", 0) == .success("2027-Q1"))
        #expect(check(1_000_000, "2027-04-01", 0) == .success("2027-Q2"))
        #expect(check(1, "2027-03-01", 1_000_000) == .failure(.overBudget(quarter: "Q1 2027", budget: "$10,000", left: "$0")))
        #expect(check(1, "2026-12-31", 0) == .failure(.activityTooEarly("2026-12-31", quarterStart: "2027-01-01")))
        #expect(check(1, "2028-04-01", 0) == .failure(.activityTooLate("2028-04-01")))
        #expect(budgets.check(amount: Self.usd(1), date: today, tier: "elite", used: 0, today: today) == .failure(.noMDFBudget(tier: "elite")))
    }

    @Test func decisionsMoveClaimsOnceAndOnlyForTheirManagers() {
        let claim = Claim(
            id: 4, kind: .mdf, org: "acme", amountMinor: 100, currency: "USD", state: .submitted, submittedBy: "UANN", createdAt: .distantPast, updatedAt: .distantPast)
        let manager = Caller(userID: "UMGR", teamID: "T", isProgramManager: false, managedOrgs: ["acme"], isMarketing: false, partnerOrg: nil)
        let other = Caller(userID: "UOTHER", teamID: "T", isProgramManager: false, managedOrgs: ["globex"], isMarketing: false, partnerOrg: nil)
        #expect(claim.decide(.approve, by: other, now: .now) == .failure(.notFound("MDF-4")))
        let approved = try? claim.decide(.approve, by: manager, now: .now).get()
        #expect(approved?.state == .approved && approved?.decidedBy == "UMGR")
        #expect(approved.map { $0.decide(.approve, by: manager, now: .now) } == .failure(.unchanged("MDF-4 is approved and waits for the partner's claim after the activity.")))
        var claimed = claim
        claimed.state = .claimed
        #expect((try? claimed.decide(.reject(reason: "wrong invoice"), by: manager, now: .now).get())?.state == .approved, "the proof goes back")
        #expect((try? claimed.decide(.approve, by: manager, now: .now).get())?.state == .completed)
        #expect(claim.decide(.reject(reason: ""), by: manager, now: .now) == .failure(.refused(.reasonMissing("MDF-4"))))
    }

    @Test func referencesAndPayoutFilesAreRead() throws {
        #expect(ClaimReference.parse("sc-12") == .spiff(12))
        #expect(ClaimReference.parse(" MDF-3 ") == .mdf(3))
        #expect(ClaimReference.parse("DR-7") == .commission(dealID: 7))
        for bad in ["C-1", "SC-", "SC-0", "SC-1x", "MDF--2", "DR-99999999999999999"] { #expect(ClaimReference.parse(bad) == nil, "\(bad)") }
        let rows = try PayoutFile.rows(csv: "id,org,reference,amount,currency,payment_reference\n3,acme,SC-4,500.00,USD,PAY 1\n")
        #expect(rows == [PayoutRow(line: 2, earningID: 3, reference: .spiff(4), paymentReference: "PAY 1", amount: Self.usd(50_000))])
        #expect { try PayoutFile.rows(csv: "org,amount\nacme,1\n") } throws: { ($0 as? DirectoryImportError)?.errors.first?.row == 1 }
        #expect { try PayoutFile.rows(csv: "reference,amount\nSC-1,1\nX-2,1\nSC-3,lots\n") } throws: { error in
            (error as? DirectoryImportError)?.errors.map(\.description) == ["row 3, column reference: `X-2` is not SC-n, MDF-n or DR-n", "row 4, column amount: `lots` is not an amount"]
        }
    }

    @Test func mdfBudgetsAreConfiguredPerTier() throws {
        let load = { (yaml: String) in try ConfigurationLoader(environment: [:], readFile: { $0 == "c.yaml" ? yaml : nil }).load(path: "c.yaml") }
        let loaded = try load("incentives:\n  mdf:\n    quarterly_budget:\n      select: USD 10k\n      elite: EUR 25,000\n")
        #expect(loaded.mdf == MDFBudgets(quarterly: ["select": Self.usd(1_000_000), "elite": Money(minorUnits: 2_500_000, currency: "EUR")]))
        #expect { try load("incentives:\n  mdf:\n    quarterly_budget:\n      gold: USD 1\n") } throws: { error in
            guard case ConfigurationError.invalidFile(let problem) = error else { return false }
            return problem.line == 4
        }
    }

    /// The commented `incentives` example in Config/partnerbot.yaml, uncommented, is a valid configuration.
    @Test func theCheckedInIncentivesExampleLoadsWhenUncommented() throws {
        let file = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("Config/partnerbot.yaml"), encoding: .utf8)
        let lines = file.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "# incentives:"))
        let block = lines[start...].prefix { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) }.joined(separator: "\n") + "\n"
        let loaded = try ConfigurationLoader(environment: [:], readFile: { $0 == "c.yaml" ? block : nil }).load(path: "c.yaml")
        #expect(loaded.commission.rules.count == 3)
        #expect(loaded.mdf.quarterly == ["select": Self.usd(1_000_000), "elite": Self.usd(2_500_000)])
    }
}
