import Foundation
import GRDB
import SlackPlatform

/// Copies a ``CopyPlan``'s tables inside the target's transaction, batch by batch, then checks
/// each against the file and moves the identity sequences.
struct TableCopier {
    let plan: CopyPlan
    let reader: any DatabaseReader
    let target: any SQLDatabase
    let progress: @Sendable (DatabaseCopy.Progress) -> Void
    var copied = 0

    /// Rows per batch: PostgreSQL takes at most 65,535 parameters a statement.
    static func batchSize(columns: Int) -> Int { max(1, min(500, 30_000 / max(1, columns))) }

    init(plan: CopyPlan, reader: any DatabaseReader, target: any SQLDatabase, progress: @escaping @Sendable (DatabaseCopy.Progress) -> Void) {
        self.plan = plan
        self.reader = reader
        self.target = target
        self.progress = progress
    }

    mutating func run() throws -> [DatabaseCopy.TableReport] {
        for table in plan.tables { try target.execute(sql: "ALTER TABLE \(table.name) DISABLE TRIGGER USER") }
        var reports: [DatabaseCopy.TableReport] = []
        for table in plan.tables {
            do {
                reports.append(try copy(table))
            } catch let failure as DatabaseCopy.Failure {
                throw failure
            } catch {
                throw DatabaseCopy.Failure.copyFailed(table: table.name, reason: "\(error)")
            }
        }
        for table in plan.tables { try target.execute(sql: "ALTER TABLE \(table.name) ENABLE TRIGGER USER") }
        try moveSequences()
        return reports
    }

    /// Copies one table, then reads it back from the target: the same rows, in the same order.
    private mutating func copy(_ table: CopyPlan.Table) throws -> DatabaseCopy.TableReport {
        let source = RowDigest()
        var tableCopied = 0
        var after: [SQLValue]?
        let limit = Self.batchSize(columns: table.columns.count)
        repeat {
            let rows = try reader.read { db in try Self.page(of: table, after: after, limit: limit, in: SQLiteDatabase(db)) }
            guard !rows.isEmpty else { break }
            for row in rows { source.add(row) }
            try insert(rows, into: table)
            after = Self.key(of: rows[rows.count - 1], table)
            tableCopied += rows.count
            copied += rows.count
            progress(.init(table: table.name, tableRows: table.rows, tableCopied: tableCopied, totalRows: plan.totalRows, totalCopied: copied))
            if rows.count < limit { break }
        } while true
        let copiedDigest = try digest(of: table, in: target)
        let sourceSummary = "\(tableCopied) rows, \(source.hex.prefix(16))"
        let targetSummary = "\(copiedDigest.rows) rows, \(copiedDigest.hex.prefix(16))"
        guard copiedDigest.rows == tableCopied, copiedDigest.hex == source.hex else {
            throw DatabaseCopy.Failure.mismatch(table: table.name, source: sourceSummary, target: targetSummary)
        }
        return .init(table: table.name, rows: tableCopied, checksum: source.hex)
    }

    private func insert(_ rows: [SQLRow], into table: CopyPlan.Table) throws {
        let tuple = "(" + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")"
        let sql = "INSERT INTO \(table.name) (\(table.columns.joined(separator: ", "))) VALUES "
            + Array(repeating: tuple, count: rows.count).joined(separator: ", ")
        try target.execute(sql: sql, arguments: SQLArguments(rows.flatMap(\.values)))
    }

    /// A table's rows read back in key order: their count and digest.
    private func digest(of table: CopyPlan.Table, in db: any SQLDatabase) throws -> (rows: Int, hex: String) {
        let digest = RowDigest()
        var rows = 0
        var after: [SQLValue]?
        let limit = 1_000
        while true {
            let page = try Self.page(of: table, after: after, limit: limit, in: db)
            for row in page { digest.add(row) }
            rows += page.count
            guard page.count == limit, let last = page.last else { break }
            after = Self.key(of: last, table)
        }
        return (rows, digest.hex)
    }

    /// Rows after the key `after`, in key order (the same order in both databases: keys are
    /// integers or text compared byte by byte).
    static func page(of table: CopyPlan.Table, after: [SQLValue]?, limit: Int, in db: any SQLDatabase) throws -> [SQLRow] {
        let key = table.key.joined(separator: ", ")
        let past = after == nil ? "" : "WHERE (\(key)) > (\(Array(repeating: "?", count: table.key.count).joined(separator: ", ")))"
        return try SQLRow.fetchAll(
            db, sql: "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) \(past) ORDER BY \(key) LIMIT \(limit)",
            arguments: SQLArguments(after ?? []))
    }

    static func key(of row: SQLRow, _ table: CopyPlan.Table) -> [SQLValue] {
        table.key.map { row.value(named: $0) }
    }

    /// Moves each identity sequence past the largest id in its table and the largest SQLite
    /// ever handed out (ids of deleted rows are not handed out again).
    private func moveSequences() throws {
        let identities = try SQLRow.fetchAll(
            target,
            sql: "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'")
        for identity in identities {
            let (table, column): (String, String) = (identity["table_name"], identity["column_name"])
            let largest = try Int64.fetchOne(target, sql: "SELECT MAX(\(column)) FROM \(table)") ?? 0
            let handedOut = plan.tables.first { $0.name == table }?.sequence ?? 0
            let last = max(largest, handedOut)
            guard last > 0 else { continue }
            try target.execute(sql: "SELECT setval(pg_get_serial_sequence(?, ?), ?)", arguments: [table, column, last])
        }
    }
}

/// SHA-256 over rows in a form both databases give alike: each value tagged with its kind, text
/// and blobs length-prefixed, reals by their bits.
final class RowDigest {
    private let hasher = SHA256.Hasher()
    private var finished: String?

    func add(_ row: SQLRow) {
        var bytes: [UInt8] = []
        for value in row.values {
            switch value {
            case .null: bytes += Array("N;".utf8)
            case .integer(let int): bytes += Array("I\(int);".utf8)
            case .real(let double): bytes += Array("R\(double.bitPattern);".utf8)
            case .text(let text): bytes += Array("T\(text.utf8.count):".utf8) + Array(text.utf8)
            case .blob(let data): bytes += Array("B\(data.count):".utf8) + Array(data)
            }
        }
        bytes.append(0x0A)
        hasher.update(bytes)
    }

    /// The digest in hex (adding ends with the first read).
    var hex: String {
        if let finished { return finished }
        let hex = hasher.finish().lowercaseHex
        finished = hex
        return hex
    }
}
