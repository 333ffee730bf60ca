import Foundation
import Testing
@testable import PartnerBot

@Suite("Program report: figures against a hand-computed timeline")
struct ProgramReportTests {
    static let q1 = ReportPeriod(.range(from: CalendarDate(iso: "2027-01-01")!, to: CalendarDate(iso: "2027-03-31")!), asOf: ReportTimeline.asOf)

    @Test func theQuarterMatchesTheHandComputedFigures() async throws {
        let database = try await ReportTimeline.build()
        let report = try await database.programReport(period: Self.q1, breakdown: nil, asOf: ReportTimeline.asOf)
        let totals = report.totals
        // Cohort: deals 1, 2, 3, 4, 5, 6, 8, 9 (7 was registered last quarter).
        let counts: [Int] = [totals.submitted, totals.approved, totals.declined, totals.conflict, totals.expired, totals.won, totals.lost]
        #expect(counts == [8, 5, 1, 1, 1, 1, 1])
        #expect(totals.approvalRate == 5.0 / 8 && totals.wonOfApproved == 0.2 && totals.winRate == 0.5)
        // Decision times: Zeta 1 h, Delta 1 h, Eta 2 h, Beta 10 h, Alpha 48 h (at the SLA), Gamma 72 h.
        #expect(report.decisions.decided == 6)
        #expect(report.decisions.withinSLA == 5, "decided exactly at the SLA's due time is within it")
        #expect(report.decisions.medianSeconds == 21_600.0, "the mean of 2 h and 10 h")
        #expect(report.decisions.p90Seconds == 259_200.0, "nearest rank ⌈0.9·6⌉ = 6")
        #expect(report.medianDaysToWin == 30)
        #expect(totals.pipeline == [
            ProgramReport.Amounts(currency: "EUR", sourcedMinor: 500_000), ProgramReport.Amounts(currency: "USD", influencedMinor: 200_000),
        ], "Gamma and the extended Eta; Zeta's protection has ended")
        #expect(totals.wonAmounts == [ProgramReport.Amounts(currency: "USD", sourcedMinor: 1_000_000)])
        #expect(report.topPartners == [ProgramReport.PartnerWon(org: "acme", name: "Acme Reselling", currency: "USD", wonMinor: 1_000_000, wonDeals: 1)])
        #expect(report.partnersWithoutWin.map(\.org) == ["bolt", "calm"])
        #expect(report.partnersWithoutWin.map(\.registrations) == [3, 3])
    }

    @Test func aBreakdownByTierSplitsTheCohort() async throws {
        let database = try await ReportTimeline.build()
        let report = try await database.programReport(period: Self.q1, breakdown: .tier, asOf: ReportTimeline.asOf)
        let byTier = Dictionary(uniqueKeysWithValues: report.groups.map { ($0.key, $0.figures) })
        #expect(Set(byTier.keys) == ["select", "elite", "registered"])
        #expect(byTier["select"].map { [$0.submitted, $0.approved, $0.won, $0.lost] } == [2, 2, 1, 1])
        #expect(byTier["elite"].map { [$0.submitted, $0.approved, $0.declined, $0.conflict] } == [3, 1, 1, 1])
        #expect(byTier["registered"].map { [$0.submitted, $0.approved, $0.expired] } == [3, 2, 1])
        #expect(byTier["elite"]?.pipeline == [ProgramReport.Amounts(currency: "EUR", sourcedMinor: 500_000)])
        #expect(report.groups.map(\.figures.submitted).reduce(0, +) == report.totals.submitted)
        let byPartner = try await database.programReport(period: Self.q1, breakdown: .partner, asOf: ReportTimeline.asOf)
        #expect(byPartner.groups.first { $0.key == "acme" }?.name == "Acme Reselling")
    }

    @Test func aPeriodWithNoDealsHasZerosAndNoRates() async throws {
        let database = try await ReportTimeline.build()
        let empty = ReportPeriod(.range(from: CalendarDate(iso: "2026-07-01")!, to: CalendarDate(iso: "2026-09-30")!), asOf: ReportTimeline.asOf)
        let report = try await database.programReport(period: empty, breakdown: .region, asOf: ReportTimeline.asOf)
        #expect(report.totals == ProgramReport.Figures())
        #expect(report.totals.winRate == nil && report.decisions.medianSeconds == nil && report.medianDaysToWin == nil)
        #expect(report.groups.isEmpty && report.topPartners.isEmpty && report.partnersWithoutWin.isEmpty)
        #expect(report.csv.contains(",,win_rate,,,\n"), "an absent rate is an empty value, not 0")
        #expect(report.table.contains("none decided yet"))
    }

    @Test func lastQuarterAsOfAnotherTimeHoldsTheEarlierRegistration() async throws {
        let database = try await ReportTimeline.build()
        let period = ReportPeriod(.lastQuarter, asOf: ReportTimeline.at("2027-01-15T00:00:00Z"))
        #expect(period.label == "Q4 2026")
        let report = try await database.programReport(period: period, breakdown: nil, asOf: ReportTimeline.asOf)
        #expect(report.totals.submitted == 1 && report.totals.won == 1)
        #expect(report.totals.wonAmounts == [ProgramReport.Amounts(currency: "USD", unspecifiedMinor: 300_000)])
        #expect(report.medianDaysToWin == 31)
    }

    @Test func csvAndJSONCarryTheSameFigures() async throws {
        let database = try await ReportTimeline.build()
        let report = try await database.programReport(period: Self.q1, breakdown: .tier, asOf: ReportTimeline.asOf)
        let csv = report.csv
        #expect(csv.hasPrefix("period_start,period_end,as_of,group_by,group,metric,currency,source,value\n"))
        #expect(csv.contains("2027-01-01,2027-03-31,2027-04-10T00:00:00Z,,,submitted,,,8\n"))
        #expect(csv.contains(",,,pipeline,EUR,sourced,5000.00\n"))
        #expect(csv.contains(",,,median_decision_hours,,,6.000\n"))
        #expect(csv.contains(",tier,elite,submitted,,,3\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["submitted"] as? Int == 8)
        #expect(totals["win_rate"] as? Double == 0.5)
        let won = try #require((totals["won_amount"] as? [[String: Any]])?.first)
        #expect(won["currency"] as? String == "USD" && won["sourced_minor"] as? Int == 1_000_000)
        #expect((json["decisions"] as? [String: Any])?["p90_seconds"] as? Double == 259_200)
        #expect((json["groups"] as? [[String: Any]])?.count == 3)
    }
}

@Suite("Report periods")
struct ReportPeriodTests {
    static let asOf = ReportTimeline.at("2027-05-20T12:00:00Z")

    @Test(arguments: [
        ("", "2027-04-01", "2027-05-20", "Q2 2027 to date"),
        ("this quarter", "2027-04-01", "2027-05-20", "Q2 2027 to date"),
        ("last quarter", "2027-01-01", "2027-03-31", "Q1 2027"),
        ("ytd", "2027-01-01", "2027-05-20", "2027 to date"),
        ("from:2027-02-01 to:2027-02-28", "2027-02-01", "2027-02-28", "2027-02-01 – 2027-02-28"),
    ])
    func periodsAreComputedAsOfTheReportTime(_ text: String, _ first: String, _ last: String, _ label: String) throws {
        let spec = try ReportPeriod.Spec.parse(text.split(separator: " ").map(String.init)).get()
        let period = ReportPeriod(spec, asOf: Self.asOf)
        #expect(period.days.first.description == first)
        #expect(period.days.last.description == last)
        #expect(period.label == label)
    }

    @Test func lastDaysEndAtTheReportTime() throws {
        let period = ReportPeriod(try ReportPeriod.Spec.parse(["last", "30d"]).get(), asOf: Self.asOf)
        #expect(period.end == Self.asOf.addingTimeInterval(0.001), "through the report's moment")
        #expect(period.start == period.end.addingTimeInterval(-30 * 86_400))
        #expect(try ReportPeriod.Spec.parse(["90d"]).get() == .lastDays(90))
    }

    @Test func mistakesSayWhatToWrite() {
        #expect(ReportPeriod.Spec.parse(["next", "year"]) == .failure(.unknownPeriod("next year")))
        #expect(ReportPeriod.Spec.parse(["from:2027-13-01", "to:2027-12-01"]) == .failure(.badDate("2027-13-01")))
        #expect(ReportPeriod.Spec.parse(["from:2027-03-01", "to:2027-02-01"]) == .failure(.emptyRange(from: CalendarDate(iso: "2027-03-01")!, to: CalendarDate(iso: "2027-02-01")!)))
    }
}
