/// The values bound to a statement's `?` placeholders, in order, or to its `:name` placeholders
/// by name (a statement uses one kind).
public struct SQLArguments: Sendable, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public var values: [SQLValue]
    public var named: [String: SQLValue] = [:]

    public init(_ values: [SQLValue] = []) {
        self.values = values
    }

    public init(_ values: some Sequence<some SQLValueConvertible>) {
        self.values = values.map(\.sqlValue)
    }

    public init(arrayLiteral elements: (any SQLValueConvertible)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    public init(dictionaryLiteral elements: (String, (any SQLValueConvertible)?)...) {
        values = []
        for (name, value) in elements { named[name] = value?.sqlValue ?? .null }
    }

    public var isEmpty: Bool { values.isEmpty && named.isEmpty }

    public static func + (lhs: SQLArguments, rhs: SQLArguments) -> SQLArguments {
        SQLArguments(lhs.values + rhs.values)
    }

    public static func += (lhs: inout SQLArguments, rhs: SQLArguments) {
        lhs.values += rhs.values
    }
}
