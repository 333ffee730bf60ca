import Foundation
import GRDB

/// `partnerbot claims mark-paid FILE.csv`: finance's payout run. Each row names an approved
/// earning — by `reference` (`SC-4`, `MDF-3`, or `DR-12` for a deal's commission) or by the
/// ledger's `id` (the first column of `partnerbot earnings export`) — with an optional
/// `payment_reference`, and optionally the `amount` and `currency` paid, which must match the
/// ledger to the cent. Other columns are ignored, so an export filtered to what was paid can be
/// fed back. All or nothing; rows already paid are left as they are.
public struct PayoutRow: Sendable, Equatable {
    public var line: Int
    /// The ledger id, when the file gives one.
    public var earningID: Int64?
    public var reference: ClaimReference?
    public var paymentReference: String?
    public var amount: Money?
}

/// What a payout run did.
public struct PayoutResult: Sendable, Equatable {
    public var paid = 0
    public var alreadyPaid = 0
    /// Totals marked paid, in minor units by currency.
    public var totals: [String: Int64] = [:]
}

public enum PayoutFile {
    /// Reads the rows; every problem with its line and column.
    public static func rows(csv text: String) throws(DirectoryImportError) -> [PayoutRow] {
        let table = try CSVTable(parsing: text)
        let column = { (name: String) in table.header.firstIndex(of: name) }
        guard column("id") != nil || column("reference") != nil else {
            throw DirectoryImportError(errors: [.init(row: 1, column: nil, message: "the header needs an `id` or a `reference` column (and optionally payment_reference, amount, currency)")])
        }
        var rows: [PayoutRow] = []
        var problems: [DirectoryImportError.Problem] = []
        for (line, fields) in table.rows {
            let field = { (name: String) -> String in column(name).flatMap { $0 < fields.count ? fields[$0].trimmingWhitespace() : nil } ?? "" }
            var row = PayoutRow(line: line)
            if !field("id").isEmpty {
                guard let id = Int64(field("id")), id > 0 else { problems.append(.init(row: line, column: "id", message: "`\(field("id"))` is not a ledger id")); continue }
                row.earningID = id
            }
            if !field("reference").isEmpty {
                guard let reference = ClaimReference.parse(field("reference")) else {
                    problems.append(.init(row: line, column: "reference", message: "`\(field("reference"))` is not SC-n, MDF-n or DR-n")); continue
                }
                row.reference = reference
            }
            guard row.earningID != nil || row.reference != nil else { problems.append(.init(row: line, column: nil, message: "no id or reference")); continue }
            row.paymentReference = field("payment_reference").isEmpty ? nil : String(field("payment_reference").prefix(100))
            if !field("amount").isEmpty {
                guard let money = Money.parse(field("currency").isEmpty ? field("amount") : "\(field("amount")) \(field("currency"))") else {
                    problems.append(.init(row: line, column: "amount", message: "`\(field("amount"))` is not an amount")); continue
                }
                row.amount = money
            }
            rows.append(row)
        }
        guard problems.isEmpty else { throw DirectoryImportError(errors: problems) }
        return rows
    }
}

extension AppDatabase {
    /// Marks the rows' earnings paid, all or nothing (`dryRun`: checks only).
    /// - Throws: `DirectoryImportError` with every row that cannot be paid, and nothing changed.
    public func markPaid(_ rows: [PayoutRow], by caller: Caller, dryRun: Bool, now: Date) async throws -> PayoutResult {
        try await store.groupWrite { db in
            var result = PayoutResult()
            var problems: [DirectoryImportError.Problem] = []
            for row in rows {
                guard let earning = try self.payoutEarning(row, db: db) else {
                    problems.append(.init(row: row.line, column: nil, message: "no such earning in the ledger")); continue
                }
                if let amount = row.amount, amount != earning.amount {
                    problems.append(.init(row: row.line, column: "amount", message: "the ledger has \(earning.amount), the file \(amount)")); continue
                }
                let reference = ClaimReference.parse(earning.reference) ?? .commission(dealID: 0)
                switch try self.markPaid(reference, paymentReference: row.paymentReference, by: caller, now: now, db: db) {
                case .changed:
                    result.paid += 1
                    result.totals[earning.currency, default: 0] += earning.amountMinor
                case .unchanged: result.alreadyPaid += 1
                case .refused(let refusal): problems.append(.init(row: row.line, column: nil, message: refusal.userMessage.replacingOccurrences(of: "`", with: "")))
                case .notFound(let text): problems.append(.init(row: row.line, column: nil, message: "no earning \(text)"))
                }
            }
            if !problems.isEmpty { throw DirectoryImportError(errors: problems) }
            if dryRun { throw PayoutDryRun(result: result) }
            return result
        }
    }

    private func payoutEarning(_ row: PayoutRow, db: any SQLDatabase) throws -> Earning? {
        let earning: Earning?
        if let id = row.earningID {
            earning = try Earning.fetchOne(db, sql: "SELECT * FROM earning WHERE id = ?", arguments: [id])
        } else if let reference = row.reference {
            let (source, key) = reference.earningKey
            earning = try Earning.fetchOne(db, sql: "SELECT * FROM earning WHERE source = ? AND reference = ?", arguments: [source, key])
        } else {
            earning = nil
        }
        // A file giving both must agree.
        if let earning, let reference = row.reference, reference.earningKey != (earning.source, earning.reference) { return nil }
        return earning
    }
}

/// A dry run rolls its transaction back by throwing this, carrying what would have been done.
public struct PayoutDryRun: Error, Sendable {
    public var result: PayoutResult
}
