/// The column names of one result, shared by its rows.
public final class SQLColumns: Sendable {
    public let names: [String]
    private let positions: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        // The first of two equal names wins, as in SQLite; lookups ignore case, as SQL does.
        for (index, name) in names.enumerated().reversed() {
            positions[name] = index
            positions[name.lowercased()] = index
        }
        self.positions = positions
    }

    /// The position of `name`, ignoring case.
    public func position(of name: String) -> Int? {
        positions[name] ?? positions[name.lowercased()]
    }
}

/// One fetched row: values by position or by column name (case-insensitive).
///
/// Reading a value as a type it cannot be (text as an integer, NULL as a non-optional) is a
/// programming error or a damaged row, and stops the process as GRDB did; product code reads
/// enums through ``storedEnum(_:table:)``, which throws instead.
public struct SQLRow: Sendable {
    public let columns: SQLColumns
    public let values: [SQLValue]

    public init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public var count: Int { values.count }

    /// The value in column `name`, `.null` when the row has no such column.
    public func value(named name: String) -> SQLValue {
        columns.position(of: name).map { values[$0] } ?? .null
    }

    public subscript<Value: SQLValueConvertible>(_ index: Int) -> Value {
        Self.convert(values[index], column: columns.names[index])
    }

    public subscript<Value: SQLValueConvertible>(_ name: String) -> Value {
        Self.convert(value(named: name), column: name)
    }

    private static func convert<Value: SQLValueConvertible>(_ value: SQLValue, column: String) -> Value {
        guard let converted = Value.fromSQLValue(value) else {
            fatalError("could not read \(value) in column \(column) as \(Value.self)")
        }
        return converted
    }
}

extension SQLRow {
    /// A text column holding one of an enum's raw values (a status, a state), for records
    /// decoded by hand.
    /// - Throws: `StorageError.corruptRow` when the stored text is no known case (written by a
    ///   newer build, or edited by hand).
    func storedEnum<Value: RawRepresentable>(_ column: String, table: String) throws -> Value where Value.RawValue == String {
        let text: String = self[column]
        guard let value = Value(rawValue: text) else {
            throw StorageError.corruptRow(table: table, reason: "unknown \(column) \(text)")
        }
        return value
    }
}
