import Foundation

/// One value as both storage backends hold it: SQLite's storage classes, which the PostgreSQL
/// schema mirrors (BIGINT for integers and flags, DOUBLE PRECISION, TEXT, BYTEA).
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    public var isNull: Bool { self == .null }
}

/// A Swift value that can be bound to a statement and read back from a row.
///
/// Reading is as lenient as GRDB's (which the SQLite backend used before): integers and reals
/// convert when exact, dates parse from their stored text.
public protocol SQLValueConvertible: Sendable {
    /// The value to bind.
    var sqlValue: SQLValue { get }
    /// The Swift value, or `nil` when the stored value cannot be one.
    static func fromSQLValue(_ value: SQLValue) -> Self?
}

extension SQLValue: SQLValueConvertible {
    public var sqlValue: SQLValue { self }
    public static func fromSQLValue(_ value: SQLValue) -> SQLValue? { value }
}

extension Int64: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self) }
    public static func fromSQLValue(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let int): int
        case .real(let double): Int64(exactly: double)
        case .text(let text): Int64(text)
        default: nil
        }
    }
}

extension Int: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func fromSQLValue(_ value: SQLValue) -> Int? { Int64.fromSQLValue(value).flatMap { Int(exactly: $0) } }
}

extension Int32: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func fromSQLValue(_ value: SQLValue) -> Int32? { Int64.fromSQLValue(value).flatMap { Int32(exactly: $0) } }
}

extension Double: SQLValueConvertible {
    public var sqlValue: SQLValue { .real(self) }
    public static func fromSQLValue(_ value: SQLValue) -> Double? {
        switch value {
        case .integer(let int): Double(int)
        case .real(let double): double
        case .text(let text): Double(text)
        default: nil
        }
    }
}

extension Bool: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public static func fromSQLValue(_ value: SQLValue) -> Bool? {
        switch value {
        case .integer(let int): int != 0
        case .real(let double): double != 0
        default: nil
        }
    }
}

extension String: SQLValueConvertible {
    public var sqlValue: SQLValue { .text(self) }
    public static func fromSQLValue(_ value: SQLValue) -> String? {
        switch value {
        case .text(let text): text
        case .blob(let data): String(data: data, encoding: .utf8)
        case .integer(let int): String(int)
        case .real(let double): String(double)
        case .null: nil
        }
    }
}

extension Data: SQLValueConvertible {
    public var sqlValue: SQLValue { .blob(self) }
    public static func fromSQLValue(_ value: SQLValue) -> Data? {
        switch value {
        case .blob(let data): data
        case .text(let text): Data(text.utf8)
        default: nil
        }
    }
}

extension Date: SQLValueConvertible {
    /// The stored text, `yyyy-MM-dd HH:mm:ss.SSS` in UTC (see `storedText`).
    public var sqlValue: SQLValue { .text(storedText) }
    /// Parses stored text (`yyyy-MM-dd`, with ` HH:mm`, `:ss`, `.SSS`, a `T` separator or a
    /// trailing `Z` accepted) or a Unix timestamp.
    public static func fromSQLValue(_ value: SQLValue) -> Date? {
        switch value {
        case .text(let text): StoredDateParser.parse(text)
        case .integer(let seconds): Date(timeIntervalSince1970: TimeInterval(seconds))
        case .real(let seconds): Date(timeIntervalSince1970: seconds)
        default: nil
        }
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
    public static func fromSQLValue(_ value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.fromSQLValue(value).map { .some($0) }
    }
}

extension SQLValueConvertible where Self: RawRepresentable, RawValue: SQLValueConvertible {
    public var sqlValue: SQLValue { rawValue.sqlValue }
    public static func fromSQLValue(_ value: SQLValue) -> Self? { RawValue.fromSQLValue(value).flatMap(Self.init(rawValue:)) }
}
