import Foundation
import Testing
@testable import PartnerBot

/// `partnerbot claims mark-paid`, the real executable against a database file.
@Suite("partnerbot claims mark-paid")
struct ClaimsCLITests {
    @Test func financesPayoutFileMarksApprovedEarningsPaidAllOrNothing() async throws {
        let binary = try #require(ServerProcess.binary, "swift build builds the executable")
        let directory = try TestSupport.temporaryDirectory()
        let databasePath = directory.appendingPathComponent("bot.sqlite").path
        let configuration = directory.appendingPathComponent("partnerbot.yaml")
        try ServerProcess.configuration(databasePath: databasePath, extra: "").write(to: configuration, atomically: true, encoding: .utf8)
        do {
            // Two approved commissions, as managers would have left them.
            let database = try AppDatabase.open(path: databasePath)
            try await ProgramFixture.load(into: database)
            try await database.store.write { db in
                for (id, minor) in [(1, 500_000), (2, 123_456)] {
                    try db.execute(
                        sql: """
                            INSERT INTO earning (org, source, reference, amount_minor, currency, state, created_at, updated_at)
                            VALUES ('acme-resell', 'commission', ?, ?, 'USD', 'approved', ?, ?)
                            """, arguments: ["DR-\(id)", minor, TestSupport.now.storedValue, TestSupport.now.storedValue])
                }
            }
        }
        let run = { (csv: String, extra: [String]) async throws -> String in
            let file = directory.appendingPathComponent("pay-\(UUID().uuidString).csv")
            try csv.write(to: file, atomically: true, encoding: .utf8)
            return await ServerProcess.runToCompletion(binary, ["claims", "mark-paid", file.path, "--config", configuration.path] + extra, environment: [:], in: directory)
        }
        let wrong = try await run("reference,payment_reference,amount,currency\nDR-1,P-1,5000.00,USD\nDR-2,P-1,1234.57,USD\n", [])
        #expect(wrong.contains("nothing marked paid") && wrong.contains("row 3, column amount: the ledger has $1,234.56, the file $1,234.57"))
        let dry = try await run("reference,payment_reference,amount,currency\nDR-1,P-1,5000.00,USD\nDR-2,P-1,1234.56,USD\n", ["--dry-run"])
        #expect(dry.contains("2 earning(s) would be marked paid ($6,234.56)") && dry.contains("dry run"))
        let paid = try await run("reference,payment_reference,amount,currency\nDR-1,P-1,5000.00,USD\nDR-2,P-1,1234.56,USD\n", [])
        #expect(paid.contains("2 earning(s) marked paid ($6,234.56), 0 already paid"))
        let again = try await run("id\n1\n", [])
        #expect(again.contains("0 earning(s)") && again.contains("1 already paid"))

        let summary = try await AppDatabase.open(path: databasePath).earnings(org: "acme-resell", start: nil, end: nil)
        #expect(summary.lines.first.map { ($0.paid, $0.pending) } ?? (0, 0) == (623_456, 0))
    }
}
