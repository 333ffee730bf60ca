import Foundation
import GRDB

/// What an import did.
public struct DealImportResult: Sendable, Equatable {
    /// Registrations added.
    public var imported = 0
    /// Rows imported before (same reference, or same organisation, customer and submission).
    public var unchanged = 0
    /// Added registrations another organisation held the customer for when they were submitted.
    public var conflicts = 0
}

extension AppDatabase {
    /// Imports validated rows in one transaction, in submission order, as if they had been
    /// registered then: customer keys normalized, conflicts with other organisations recorded,
    /// history audited at its own dates plus an `imported` line, no chat message sent.
    /// - Throws: `DirectoryImportError` (nothing imported) when a row repeats a customer its
    ///   organisation already had open on that date.
    public func importDeals(_ rows: [DealImportRow], source: String, settings: DealSettings, now: Date) async throws -> DealImportResult {
        try await store.write { db in
            var result = DealImportResult()
            var problems: [DirectoryImportError.Problem] = []
            for row in rows.sorted(by: { ($0.submitted, $0.line) < ($1.submitted, $1.line) }) {
                let key = CustomerIdentity.key(for: row.customer)
                let importKey = row.reference.map { "ref:\($0)" } ?? "row:\(row.org)|\(key)|\(ISO.time(row.submitted))"
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM deal WHERE import_key = ?)", arguments: [importKey]) == true {
                    result.unchanged += 1
                    continue
                }
                let holders = try ImportedHistory.holders(of: key, domain: row.domain, at: row.submitted, db: db)
                if let own = holders.first(where: { $0.org == row.org }) {
                    problems.append(.init(row: row.line, column: "customer", message: "\(row.org) already had DR-\(own.id) open for this customer on that date"))
                    continue
                }
                let holder = holders.first { $0.org != row.org }
                try ImportedHistory.insert(row, customerKey: key, importKey: importKey, conflictWith: holder?.id, source: source, settings: settings, now: now, db: db)
                result.imported += 1
                if holder != nil { result.conflicts += 1 }
            }
            guard problems.isEmpty else { throw DirectoryImportError(errors: problems) }
            return result
        }
    }
}
