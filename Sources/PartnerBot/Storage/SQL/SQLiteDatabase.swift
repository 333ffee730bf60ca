import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// ``SQLDatabase`` over one GRDB connection inside its transaction.
final class SQLiteDatabase: SQLDatabase {
    let db: Database

    init(_ db: Database) {
        self.db = db
    }

    var dialect: SQLDialect { .sqlite }

    func execute(sql: String, arguments: SQLArguments) throws {
        try statement(sql, arguments).execute()
    }

    func forEachRow(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let statement = try statement(sql, arguments)
        let columns = Self.columns(of: statement, sql: sql)
        let cursor = try GRDB.Row.fetchCursor(statement)
        while let row = try cursor.next() {
            try body(SQLRow(columns: columns, values: Self.values(of: row, count: columns.names.count)))
        }
    }

    func fetchFirstRow(sql: String, arguments: SQLArguments) throws -> SQLRow? {
        let statement = try statement(sql, arguments)
        let columns = Self.columns(of: statement, sql: sql)
        // The row reads from the statement: convert it while the cursor still holds it.
        let cursor = try GRDB.Row.fetchCursor(statement)
        guard let row = try cursor.next() else { return nil }
        return withExtendedLifetime(cursor) { SQLRow(columns: columns, values: Self.values(of: row, count: columns.names.count)) }
    }

    var changesCount: Int { db.changesCount }

    func lastInsertedID() throws -> Int64 { db.lastInsertedRowID }

    func inSavepoint<T>(rollingBack: Bool, _ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return rollingBack ? .rollback : .commit
        }
        return result!
    }

    func afterNextTransaction(onCommit: @escaping @Sendable () -> Void, onRollback: @escaping @Sendable () -> Void) {
        db.afterNextTransaction(onCommit: { _ in onCommit() }, onRollback: { _ in onRollback() })
    }

    /// The cached statement for `sql` with `arguments` bound through SQLite's C API, each value
    /// once (building GRDB's `StatementArguments` from outside its module went through unspecialized
    /// generic code: measured, a tenth of a registration's CPU). GRDB is told the statement is
    /// bound (empty arguments), so executing it only resets it, keeping these bindings.
    /// - Throws: `SQLITE_MISUSE` when the arguments do not match the statement's parameters.
    private func statement(_ sql: String, _ arguments: SQLArguments) throws -> Statement {
        let statement = try db.cachedStatement(sql: sql)
        statement.setUncheckedArguments(StatementArguments())
        let handle = statement.sqliteStatement
        let count = Int(sqlite3_bind_parameter_count(handle))
        if arguments.named.isEmpty {
            guard arguments.values.count == count else {
                throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(arguments.values.count) argument(s) for \(count) parameter(s)", sql: sql)
            }
            for (index, value) in arguments.values.enumerated() { try Self.bind(value, to: handle, at: CInt(index + 1), sql: sql) }
        } else if count > 0 {
            for index in 1...CInt(count) {
                let name = sqlite3_bind_parameter_name(handle, index).map { String(String(cString: $0).dropFirst()) }
                guard let name, let value = arguments.named[name] else {
                    throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "no argument for parameter \(index)", sql: sql)
                }
                try Self.bind(value, to: handle, at: index, sql: sql)
            }
        }
        return statement
    }

    private static func bind(_ value: SQLValue, to handle: SQLiteStatement, at index: CInt, sql: String) throws {
        let code = value.databaseValue.bind(to: handle, at: index)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind parameter \(index)", sql: sql) }
    }

    /// Column names per statement text, shared by every transaction (a statement's columns never
    /// change while the schema does not, and migrations run before the first statement).
    private static let columnCache = Mutex<[String: SQLColumns]>([:])

    /// `statement`'s columns, looked up by the text it was prepared from (`Statement.sql` would
    /// copy the text out of SQLite on every call: measured, 6 % of a registration's CPU).
    private static func columns(of statement: Statement, sql: String) -> SQLColumns {
        if let columns = columnCache.withLock({ $0[sql] }) { return columns }
        let columns = SQLColumns(statement.columnNames)
        columnCache.withLock { $0[sql] = columns }
        return columns
    }

    private static func values(of row: GRDB.Row, count: Int) -> [SQLValue] {
        var values: [SQLValue] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            values.append(SQLValue((row[index] as DatabaseValue).storage))
        }
        return values
    }
}

extension SQLValue {
    init(_ storage: DatabaseValue.Storage) {
        switch storage {
        case .null: self = .null
        case .int64(let int): self = .integer(int)
        case .double(let double): self = .real(double)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(data)
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let int): int.databaseValue
        case .real(let double): double.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let data): data.databaseValue
        }
    }
}

