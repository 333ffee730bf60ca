import Foundation
import Synchronization
import Testing
@testable import PartnerBot

@Suite("partnerbot export deals")
struct DealExportTests {
    static func export(_ format: DealExport.Format) async throws -> String {
        let database = try await ReportTimeline.build()
        let collected = Mutex(Data())
        try await DealExport.write(database, format: format, now: ReportTimeline.asOf, to: BufferedOutput { data in collected.withLock { $0.append(data) } })
        return String(decoding: collected.withLock { $0 }, as: UTF8.self)
    }

    @Test func csvHasEveryDealWithItsHistoryDates() async throws {
        let csv = try await Self.export(.csv)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == AppDatabase.dealExportColumns.joined(separator: ","))
        #expect(lines.count == 10, "a header and nine deals")
        let alpha = try #require(lines.first { $0.hasPrefix("DR-1,") })
        #expect(alpha.contains(",acme,Acme Reselling,select,emea,reseller,Alpha,alpha.com,10000.00,USD,"))
        #expect(alpha.contains(",won,"))
        #expect(alpha.contains("2027-01-07T00:00:00Z"), "approved at")
        #expect(alpha.contains("2027-02-04T00:00:00Z"), "won at")
        let zeta = try #require(lines.first { $0.hasPrefix("DR-8,") })
        #expect(zeta.contains(",expired,"), "protection ended before the export: expired")
        let conflict = try #require(lines.first { $0.hasPrefix("DR-6,") })
        #expect(conflict.hasSuffix(",DR-1"))
    }

    @Test func jsonIsAnArrayOfObjectsWithTheSameColumns() async throws {
        let json = try await Self.export(.json)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.count == 9)
        #expect(Set(rows[0].keys) == Set(AppDatabase.dealExportColumns))
        #expect(rows[1]["lost_at"] as? String == "2027-02-01T00:00:00Z")
        #expect(rows[1]["reason"] as? String == "budget cut")
        #expect(rows[4]["decided_at"] is NSNull, "pending: not decided")
    }
}
