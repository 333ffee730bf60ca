import Foundation
import GRDB

/// `partnerbot earnings export`: every ledger row recorded in a period, for finance — CSV with a
/// header, or a JSON array; amounts exact (major units with two decimals, and minor units).
public enum EarningsExport {
    public static let columns = [
        "id", "org", "org_name", "source", "reference", "amount", "amount_minor", "currency", "state", "detail", "created_at", "updated_at",
    ]

    public static func write(_ database: AppDatabase, format: DealExport.Format, start: Date?, end: Date?, to output: BufferedOutput) async throws {
        let rows = RowCounter()
        output.write(format == .csv ? columns.joined(separator: ",") + "\n" : "[")
        try await database.exportEarnings(start: start, end: end) { values in
            switch format {
            case .csv: output.write(values.map { CSVField.escape($0 ?? "") }.joined(separator: ",") + "\n")
            case .json: output.write((rows.next() == 0 ? "\n  " : ",\n  ") + JSONText.object(Array(zip(columns, values))))
            }
        }
        if format == .json { output.write(rows.count == 0 ? "]\n" : "\n]\n") }
        output.flush()
    }
}

extension AppDatabase {
    /// Calls `row` with each ledger row recorded in `[start, end)`, oldest first.
    public func exportEarnings(start: Date?, end: Date?, row: @escaping @Sendable (_ values: [String?]) throws -> Void) async throws {
        try await store.read { db in
            try db.forEachRow(
                sql: """
                    SELECT e.*, o.name AS org_name FROM earning e JOIN partner_org o ON o.org = e.org
                    WHERE e.created_at >= ? AND e.created_at < ? ORDER BY e.id
                    """, arguments: [(start ?? .distantPast).storedValue, (end ?? .distantFuture).storedValue]
            ) { earning in
                let minor: Int64 = earning["amount_minor"]
                try row([
                    String(earning["id"] as Int64), earning["org"], earning["org_name"], earning["source"], earning["reference"], ProgramReport.major(minor),
                    String(minor), earning["currency"], earning["state"], earning["detail"],
                    Date.fromSQLValue(earning["created_at"]).map(ISO.time), Date.fromSQLValue(earning["updated_at"]).map(ISO.time),
                ])
            }
        }
    }
}
