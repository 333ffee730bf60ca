/// The SQL both backends accept differs in a few places; statements that must differ ask.
public enum SQLDialect: Sendable, Equatable {
    case sqlite
    case postgres
}

/// One open transaction (or, for a read, one consistent snapshot) on either backend.
///
/// Statements use `?` placeholders and SQL both SQLite and PostgreSQL accept; the few that cannot
/// be written once ask for ``dialect``. Every storage operation is written against this, so both
/// backends run the same code. Not `Sendable`: it lives on the thread running the transaction.
public protocol SQLDatabase: AnyObject {
    var dialect: SQLDialect { get }

    /// Runs one statement.
    func execute(sql: String, arguments: SQLArguments) throws

    /// Runs one statement and calls `body` with each row it returns, in order.
    func forEachRow(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws

    /// The first row a statement returns, without reading the rest.
    func fetchFirstRow(sql: String, arguments: SQLArguments) throws -> SQLRow?

    /// How many rows the last INSERT, UPDATE or DELETE changed.
    var changesCount: Int { get }

    /// The id the last INSERT into a table with an auto-assigned id gave its row.
    func lastInsertedID() throws -> Int64

    /// Runs `body` in a savepoint: when it throws, or when `rollingBack` (a dry run), its changes
    /// are undone; the transaction goes on.
    func inSavepoint<T>(rollingBack: Bool, _ body: () throws -> T) throws -> T

    /// Calls `onCommit` once the current transaction commits, `onRollback` if it does not.
    func afterNextTransaction(onCommit: @escaping @Sendable () -> Void, onRollback: @escaping @Sendable () -> Void)
}

extension SQLDatabase {
    public func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        try inSavepoint(rollingBack: false, body)
    }

    /// Calls `onCommit` once the current transaction commits.
    public func afterNextTransaction(onCommit: @escaping @Sendable () -> Void) {
        afterNextTransaction(onCommit: onCommit, onRollback: {})
    }

    public func execute(sql: String) throws {
        try execute(sql: sql, arguments: [])
    }

    /// Runs one statement and returns its rows.
    public func fetchRows(sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(sql: sql, arguments: arguments) { rows.append($0) }
        return rows
    }

    /// A statement to run repeatedly: SQLite keeps it parsed per connection (every statement of
    /// ``SQLiteDatabase`` goes through GRDB's statement cache), PostgreSQL parses it per call.
    public func cachedStatement(sql: String) -> SQLStatement {
        SQLStatement(database: self, sql: sql)
    }
}

/// A statement bound to a transaction, run with different arguments.
public struct SQLStatement {
    public let database: any SQLDatabase
    public let sql: String

    public func execute(arguments: SQLArguments = []) throws {
        try database.execute(sql: sql, arguments: arguments)
    }
}

/// A value read from the first column of each row.
extension SQLValueConvertible {
    public static func fetchAll(_ db: any SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        var values: [Self] = []
        try db.forEachRow(sql: sql, arguments: arguments) { row in values.append(row[0]) }
        return values
    }

    /// The first row's first column; `nil` when there is no row or its value is NULL.
    public static func fetchOne(_ db: any SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> Self? {
        guard let row = try SQLRow.fetchOne(db, sql: sql, arguments: arguments) else { return nil }
        let value: Self?? = Self?.fromSQLValue(row.values[0])
        guard let value else { fatalError("could not read \(row.values[0]) in column \(row.columns.names[0]) as \(Self.self)") }
        return value
    }

    public static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [Self] {
        try fetchAll(statement.database, sql: statement.sql, arguments: arguments)
    }

    public static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> Self? {
        try fetchOne(statement.database, sql: statement.sql, arguments: arguments)
    }
}

extension SQLValueConvertible where Self: Hashable {
    public static func fetchSet(_ db: any SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> Set<Self> {
        Set(try fetchAll(db, sql: sql, arguments: arguments))
    }

    public static func fetchSet(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> Set<Self> {
        Set(try fetchAll(statement.database, sql: statement.sql, arguments: arguments))
    }
}

extension SQLRow {
    public static func fetchAll(_ db: any SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        try db.fetchRows(sql: sql, arguments: arguments)
    }

    public static func fetchOne(_ db: any SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        try db.fetchFirstRow(sql: sql, arguments: arguments)
    }

    public static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [SQLRow] {
        try fetchAll(statement.database, sql: statement.sql, arguments: arguments)
    }

    public static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> SQLRow? {
        try fetchOne(statement.database, sql: statement.sql, arguments: arguments)
    }
}
