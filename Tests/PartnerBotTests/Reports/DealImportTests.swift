import Foundation
import Testing
@testable import PartnerBot

@Suite("partnerbot deals import")
struct DealImportTests {
    static let header = DealImport.header.joined(separator: ",")
    static let stages = ["registered", "qualified", "proposal", "negotiation"]
    static let now = ReportTimeline.at("2027-04-10T00:00:00Z")

    static func rows(_ lines: [String]) throws(DirectoryImportError) -> [DealImportRow] {
        try DealImport.rows(csv: ([header] + lines).joined(separator: "\n") + "\n", orgs: ["acme", "bolt", "calm"], stages: stages)
    }

    static let history = [
        "PRM-1,acme,Alpha Inc,alpha.com,10000,USD,resale,sourced,2027-01-05,2027-01-06,approved,proposal,won,2027-02-10,",
        "PRM-2,bolt,Alpha,,5000,EUR,,influenced,2027-01-10,,pending,,,,",
        "PRM-3,calm,Zeta,zeta.com,1k,USD,,,2026-10-01,2026-10-02,approved,,,,",
        ",calm,Omega,omega.com,,,,,2027-02-01T09:30:00Z,2027-02-02,declined,,,,not a fit",
    ]

    @Test func historyIsImportedWithConflictsAndDatesAndNoMessage() async throws {
        let database = try await ReportTimeline.database()
        let result = try await database.importDeals(try Self.rows(Self.history), source: "prm.csv", settings: ReportTimeline.settings, now: Self.now)
        #expect(result == DealImportResult(imported: 4, unchanged: 0, conflicts: 1))
        let deals = try await database.store.read { db in try Deal.fetchAll(db, sql: "SELECT * FROM deal ORDER BY created_at") }
        let byName = Dictionary(uniqueKeysWithValues: deals.map { ($0.customerName, $0) })
        #expect(byName["Alpha Inc"]?.status == .won)
        #expect(byName["Alpha"]?.status == .conflict, "bolt registered Alpha while acme held it")
        #expect(byName["Alpha"]?.conflictWith == byName["Alpha Inc"]?.id)
        #expect(byName["Zeta"]?.status == .expired, "protection ended before the import: stored expired, no alert to come")
        #expect(byName["Omega"]?.reason == "not a fit")
        #expect(try await database.outboxRecords().filter { $0.dedupeKey.hasPrefix("deal:") }.isEmpty, "no chat message for history")
        let history = try await database.dealHistory(id: try #require(byName["Alpha Inc"]?.id)).map(\.action)
        #expect(history == ["registered", "approved", "won", "imported"])

        let again = try await database.importDeals(try Self.rows(Self.history), source: "prm.csv", settings: ReportTimeline.settings, now: Self.now)
        #expect(again == DealImportResult(imported: 0, unchanged: 4, conflicts: 0), "importing again changes nothing")

        let q1 = ReportPeriod(.range(from: CalendarDate(iso: "2027-01-01")!, to: CalendarDate(iso: "2027-03-31")!), asOf: Self.now)
        let report = try await database.programReport(period: q1, breakdown: nil, asOf: Self.now)
        #expect(report.totals.submitted == 3 && report.totals.won == 1 && report.totals.conflict == 1 && report.totals.declined == 1)
        #expect(report.medianDaysToWin == 36)
    }

    @Test func everyBadRowIsNamedWithItsColumnAndNothingIsImported() {
        let bad = [
            "R1,nobody,Alpha,,,,,,2027-01-05,,pending,,,,",
            "R2,acme,,,abc,XYZ,,,2027-13-05,,pending,,,,",
            "R3,acme,Beta,,,,,,2027-01-05,,approved,,,,",
            "R4,acme,Gamma,,,,,,2027-01-05,2027-01-04,approved,dreaming,,,",
            "R5,acme,Delta,,,,,,2027-01-05,2027-01-06,declined,,won,2027-02-01,",
            "R1,acme,Epsilon,,,,,,2027-01-05,,pending,,,,",
        ]
        #expect {
            try Self.rows(bad)
        } throws: { error in
            let problems = (error as? DirectoryImportError)?.errors.map { "\($0.row):\($0.column ?? "")" } ?? []
            return problems.contains("2:org") && problems.contains("3:customer") && problems.contains("3:amount") && problems.contains("3:currency")
                && problems.contains("3:submitted") && problems.contains("4:decided") && problems.contains("5:decided") && problems.contains("5:stage")
                && problems.contains("6:outcome") && problems.contains("7:reference")
        }
    }

    @Test func aCustomerItsOrganisationAlreadyHeldIsRefusedAndNothingIsImported() async throws {
        let database = try await ReportTimeline.database()
        let rows = try Self.rows([
            "A1,acme,Alpha,alpha.com,,,,,2027-01-05,,pending,,,,",
            "A2,acme,Alpha Inc,,,,,,2027-01-07,,pending,,,,",
        ])
        await #expect(throws: DirectoryImportError.self) {
            try await database.importDeals(rows, source: "x.csv", settings: ReportTimeline.settings, now: Self.now)
        }
        #expect(try await database.dealCount() == 0)
    }
}
