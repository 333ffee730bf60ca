import Foundation
import Logging
import NIOCore
import PostgresNIO

/// ``SQLDatabase`` over one PostgreSQL connection inside its transaction. Statements run
/// synchronously on the thread that runs the transaction (a thread of ``PostgresStore``'s pool,
/// never a cooperative one), waiting for each answer.
final class PostgresDatabase: SQLDatabase {
    let connection: PostgresConnection
    let logger: Logger
    private(set) var changesCount = 0
    private var hooks: [(commit: @Sendable () -> Void, rollback: @Sendable () -> Void)] = []
    private var savepoints = 0

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    var dialect: SQLDialect { .postgres }

    func execute(sql: String, arguments: SQLArguments) throws {
        let result = try run(sql, arguments)
        changesCount = result.metadata.rows ?? 0
    }

    func forEachRow(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let result = try run(sql, arguments)
        guard let first = result.rows.first else { return }
        let columns = SQLColumns(first.map(\.columnName))
        for row in result.rows {
            try body(SQLRow(columns: columns, values: try row.map(SQLValue.init(cell:))))
        }
    }

    func fetchFirstRow(sql: String, arguments: SQLArguments) throws -> SQLRow? {
        let result = try run(sql, arguments)
        guard let first = result.rows.first else { return nil }
        return SQLRow(columns: SQLColumns(first.map(\.columnName)), values: try first.map(SQLValue.init(cell:)))
    }

    /// The value the last `nextval` of this session gave: the id of the row just inserted into a
    /// table with an identity column (no trigger of the schema draws from a sequence).
    func lastInsertedID() throws -> Int64 {
        try Int64.fetchOne(self, sql: "SELECT lastval()") ?? 0
    }

    func inSavepoint<T>(rollingBack: Bool, _ body: () throws -> T) throws -> T {
        savepoints += 1
        defer { savepoints -= 1 }
        let name = "partnerbot_\(savepoints)"
        try execute(sql: "SAVEPOINT \(name)")
        let value: T
        do {
            value = try body()
        } catch {
            try execute(sql: "ROLLBACK TO SAVEPOINT \(name)")
            throw error
        }
        try execute(sql: rollingBack ? "ROLLBACK TO SAVEPOINT \(name)" : "RELEASE SAVEPOINT \(name)")
        return value
    }

    func afterNextTransaction(onCommit: @escaping @Sendable () -> Void, onRollback: @escaping @Sendable () -> Void) {
        hooks.append((onCommit, onRollback))
    }

    /// Runs the hooks registered during the transaction that just ended.
    func transactionEnded(committed: Bool) {
        let hooks = self.hooks
        self.hooks = []
        for hook in hooks { committed ? hook.commit() : hook.rollback() }
    }

    private func run(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQueryResult {
        let translated = PostgresSQL.translate(sql)
        var binds = PostgresBindings(capacity: max(arguments.values.count, translated.names.count))
        for value in try Self.values(arguments, for: translated) { binds.append(PostgresArgument(value)) }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: translated.text, binds: binds), logger: logger).wait()
        } catch let error as PSQLError {
            throw PostgresStatementError(error, statement: translated.text)
        }
    }
}

extension PostgresDatabase {
    /// The arguments in `$n` order: exactly one per placeholder, as SQLite requires (a missing
    /// one is an error, not a NULL).
    static func values(_ arguments: SQLArguments, for translated: PostgresSQL) throws -> [SQLValue] {
        if translated.names.isEmpty {
            guard arguments.values.count == translated.positions, arguments.named.isEmpty else {
                throw PostgresStatementError(misuse: "\(arguments.values.count) argument(s) for \(translated.positions) parameter(s)", statement: translated.text)
            }
            return arguments.values
        }
        return try translated.names.map { name in
            guard let value = arguments.named[name] else {
                throw PostgresStatementError(misuse: "no argument for :\(name)", statement: translated.text)
            }
            return value
        }
    }
}

/// A statement PostgreSQL refused or could not run, in words a log can carry: the server's
/// SQLSTATE and message and the statement's text (never its arguments, which may hold tokens).
public struct PostgresStatementError: Error, CustomStringConvertible, Sendable {
    /// The SQLSTATE (`40001` serialization failure, `23505` unique violation…); `nil` when the
    /// connection failed before the server answered.
    public let sqlState: String?
    public let message: String
    public let statement: String
    /// The arguments did not match the statement (nothing reached the server).
    private var misuse = false

    init(_ error: PSQLError, statement: String) {
        self.sqlState = error.serverInfo?[.sqlState]
        self.message = error.serverInfo?[.message] ?? "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        self.statement = statement
    }

    /// Arguments that do not match the statement (never sent).
    init(misuse message: String, statement: String) {
        self.sqlState = nil
        self.message = "misused statement: " + message
        self.statement = statement
        self.misuse = true
    }

    public var description: String {
        "PostgreSQL \(sqlState.map { "error \($0)" } ?? (misuse ? "statement" : "connection failure")): \(message) — in: \(statement.prefix(300))"
    }
}

/// A bound value as PostgreSQL receives it: text of no declared type, so the server infers the
/// type from where the placeholder stands, as it does for a literal (SQLite's affinity rules
/// accept the same statements); blobs go as `bytea`.
struct PostgresArgument: PostgresDynamicTypeEncodable {
    let value: SQLValue

    init(_ value: SQLValue) {
        self.value = value
    }

    var psqlType: PostgresDataType {
        if case .blob = value { return .bytea }
        return PostgresDataType(0)
    }

    var psqlFormat: PostgresFormat {
        if case .blob = value { return .binary }
        return .text
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        switch value {
        case .null: break
        case .integer(let int): buffer.writeString(String(int))
        case .real(let double): buffer.writeString(double.description)
        case .text(let text): buffer.writeString(text)
        case .blob(let data): buffer.writeBytes(data)
        }
    }
}

extension PostgresBindings {
    mutating func append(_ argument: PostgresArgument) {
        if case .null = argument.value {
            appendNull()
        } else {
            append(argument, context: .default)
        }
    }
}

extension SQLValue {
    /// The value of a result cell (results come in binary format): integers and flags as
    /// integers, `numeric` (what `SUM` of integers gives) as an integer when whole.
    init(cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: self = .integer(try cell.decode(Int64.self))
        case .float4, .float8: self = .real(try cell.decode(Double.self))
        case .bool: self = .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea: self = .blob(Data(try cell.decode(ByteBuffer.self).readableBytesView))
        case .numeric:
            let decimal = try cell.decode(Decimal.self)
            let rounded = NSDecimalNumber(decimal: decimal)
            if decimal == decimal.rounded(), abs(decimal) < Decimal(Int64.max) {
                self = .integer(rounded.int64Value)
            } else {
                self = .real(rounded.doubleValue)
            }
        default: self = .text(try cell.decode(String.self))
        }
    }
}

extension Decimal {
    fileprivate func rounded() -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}
