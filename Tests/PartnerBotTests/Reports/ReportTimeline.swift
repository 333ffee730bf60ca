import Foundation
@testable import PartnerBot

/// A fixed program history for report tests, with hand-computed expectations (see
/// ProgramReportTests). Times are UTC; the approval SLA is 48 h, protection 90 days.
enum ReportTimeline {
    static let manager = Caller(userID: "UMGRREPORT", teamID: "TVENDOR", isProgramManager: true, managedOrgs: [], isMarketing: false, partnerOrg: nil)

    static func at(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }

    /// acme (select, emea, reseller), bolt (elite, na, si), calm (registered, emea, referral).
    static func database() async throws -> AppDatabase {
        let database = try AppDatabase.open(path: try TestSupport.temporaryDirectory().appendingPathComponent("report.sqlite").path)
        let csv = """
            org,name,type,tier,region,team_id,channel_id,manager
            acme,Acme Reselling,reseller,select,emea,TACME,CACME,UMGRA
            bolt,Bolt Systems,si,elite,na,TBOLT,CBOLT,UMGRB
            calm,Calm Referrals,referral,registered,emea,TCALM,CCALM,UMGRC
            """
        _ = try await database.upsertPartnerOrgs(try DirectoryImport.partners(csv: csv, tiers: ["registered", "select", "elite"]), now: at("2026-11-01T00:00:00Z"))
        return database
    }

    static var settings: DealSettings { ProgramSettings(TestSupport.configuration()).deals }

    @discardableResult
    static func register(
        _ database: AppDatabase, _ org: String, _ company: String, domain: String, amount: String? = nil, source: DealSourcing? = nil, at time: String
    ) async throws -> Int64 {
        let request = RegistrationRequest(company: company, domain: domain, amount: amount.flatMap(Money.parse), source: source)
        let outcome = try await database.registerDeal(
            request, org: org, userID: "U\(org.uppercased())", teamID: "T\(org.uppercased())", channelID: nil, settings: settings, now: at(time))
        switch outcome {
        case .registered(let deal), .conflict(let deal): return deal.id!
        case .existing, .refused: fatalError("\(company) was not registered: \(outcome)")
        }
    }

    static func act(_ database: AppDatabase, _ action: DealAction, _ id: Int64, at time: String) async throws {
        let transition = try await database.applyDealAction(action, to: id, by: manager, settings: settings, now: at(time))
        guard case .changed = transition else { fatalError("\(action) on DR-\(id) did not change it: \(transition)") }
    }

    /// The history (deal → what happens):
    /// - 1 acme Alpha $10k sourced, 01-05; approved at exactly the 48 h SLA; won 02-04 (30 days).
    /// - 2 acme Beta $20k influenced, 01-10; approved after 10 h; lost 02-01.
    /// - 3 bolt Gamma €5k sourced, 02-01; approved after 72 h (late); open.
    /// - 4 bolt Delta $7k (no source), 02-10; declined after 1 h.
    /// - 5 calm Epsilon, 03-01; pending.
    /// - 6 bolt Alpha Corp (alpha.com), 01-06: in conflict with 1; undecided.
    /// - 7 acme Old $3k, 2026-12-20 (last quarter); approved, won 2027-01-20.
    /// - 8 calm Zeta $1k sourced, 01-02; approved after 1 h; protection ends 04-02: expired by 04-10.
    /// - 9 calm Eta $2k influenced, 01-03; approved after 2 h; extended 03-30: open on 04-10.
    static func build() async throws -> AppDatabase {
        let db = try await database()
        let alpha = try await register(db, "acme", "Alpha", domain: "alpha.com", amount: "10k", source: .sourced, at: "2027-01-05T00:00:00Z")
        let beta = try await register(db, "acme", "Beta", domain: "beta.com", amount: "20k", source: .influenced, at: "2027-01-10T00:00:00Z")
        let gamma = try await register(db, "bolt", "Gamma", domain: "gamma.com", amount: "EUR 5k", source: .sourced, at: "2027-02-01T00:00:00Z")
        let delta = try await register(db, "bolt", "Delta", domain: "delta.com", amount: "7k", at: "2027-02-10T00:00:00Z")
        try await register(db, "calm", "Epsilon", domain: "epsilon.com", at: "2027-03-01T00:00:00Z")
        try await register(db, "bolt", "Alpha Corp", domain: "alpha.com", at: "2027-01-06T00:00:00Z")
        let old = try await register(db, "acme", "Old", domain: "old.com", amount: "3k", at: "2026-12-20T00:00:00Z")
        let zeta = try await register(db, "calm", "Zeta", domain: "zeta.com", amount: "1k", source: .sourced, at: "2027-01-02T00:00:00Z")
        let eta = try await register(db, "calm", "Eta", domain: "eta.com", amount: "2k", source: .influenced, at: "2027-01-03T00:00:00Z")
        try await act(db, .approve, old, at: "2026-12-21T00:00:00Z")
        try await act(db, .won, old, at: "2027-01-20T00:00:00Z")
        try await act(db, .approve, zeta, at: "2027-01-02T01:00:00Z")
        try await act(db, .approve, eta, at: "2027-01-03T02:00:00Z")
        try await act(db, .approve, alpha, at: "2027-01-07T00:00:00Z")
        try await act(db, .approve, beta, at: "2027-01-10T10:00:00Z")
        try await act(db, .lost(reason: "budget cut"), beta, at: "2027-02-01T00:00:00Z")
        try await act(db, .won, alpha, at: "2027-02-04T00:00:00Z")
        try await act(db, .approve, gamma, at: "2027-02-04T00:00:00Z")
        try await act(db, .decline(reason: "duplicate of a direct deal"), delta, at: "2027-02-10T01:00:00Z")
        try await act(db, .extend, eta, at: "2027-03-30T00:00:00Z")
        return db
    }

    static let asOf = at("2027-04-10T00:00:00Z")
}
