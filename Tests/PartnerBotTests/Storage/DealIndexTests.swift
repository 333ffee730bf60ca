import GRDB
import Testing

@testable import PartnerBot

@Suite("Customer lookups use their indexes")
struct DealIndexTests {
    @Test func everyCustomerLookupIsAnIndexSearch() async throws {
        let database = try AppDatabase.inMemory()  // SQLite query plans
        let plans = try await database.writer.read { db in
            try CustomerLookup.all.map { sql, index in
                (index, try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(Array(["acme.com", "acme"].prefix(sql.filter { $0 == "?" }.count)))).map { $0["detail"] as String }.joined(separator: "; "))
            }
        }
        for (index, plan) in plans {
            #expect(plan.contains("USING INDEX \(index)"), "\(plan)")
            #expect(!plan.contains("SCAN"), "\(plan)")
        }
    }

    @Test func theIndexesOverEveryStatusAreGone() async throws {
        let database = try AppDatabase.inMemory()  // SQLite query plans
        let names = try await database.writer.read { db in
            try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deal'"))
        }
        #expect(!names.contains("deal_customer") && !names.contains("deal_domain"))
        #expect(names.isSuperset(of: ["deal_active_customer", "deal_active_domain", "deal_conflict_customer", "deal_conflict_domain"]))
    }
}
