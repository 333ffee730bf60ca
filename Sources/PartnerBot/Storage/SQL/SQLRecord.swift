/// A type read from a row.
public protocol SQLFetchable {
    init(row: SQLRow) throws
}

/// A type stored as one row of a table.
public protocol SQLTable {
    static var databaseTableName: String { get }
    /// The columns of the primary key; `id` unless the type says otherwise.
    static var primaryKey: [String] { get }
}

extension SQLTable {
    public static var primaryKey: [String] { ["id"] }
}

extension SQLFetchable {
    public static func fetchAll(_ db: any SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        var records: [Self] = []
        try db.forEachRow(sql: sql, arguments: arguments) { records.append(try Self(row: $0)) }
        return records
    }

    public static func fetchOne(_ db: any SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> Self? {
        try db.fetchFirstRow(sql: sql, arguments: arguments).map(Self.init(row:))
    }

    public static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [Self] {
        try fetchAll(statement.database, sql: statement.sql, arguments: arguments)
    }

    public static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> Self? {
        try fetchOne(statement.database, sql: statement.sql, arguments: arguments)
    }
}

extension SQLFetchable where Self: SQLTable {
    private static var keyCondition: String { primaryKey.map { "\($0) = ?" }.joined(separator: " AND ") }

    /// The row with this primary key (one value per key column).
    public static func fetchOne(_ db: any SQLDatabase, key: SQLArguments) throws -> Self? {
        try fetchOne(db, sql: "SELECT * FROM \(databaseTableName) WHERE \(keyCondition)", arguments: key)
    }

    public static func fetchOne(_ db: any SQLDatabase, key: some SQLValueConvertible) throws -> Self? {
        try fetchOne(db, key: [key])
    }

    /// The rows with these single-column keys, in no particular order.
    public static func fetchAll(_ db: any SQLDatabase, keys: [some SQLValueConvertible]) throws -> [Self] {
        guard !keys.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        return try fetchAll(db, sql: "SELECT * FROM \(databaseTableName) WHERE \(primaryKey[0]) IN (\(marks))", arguments: SQLArguments(keys))
    }

    public static func exists(_ db: any SQLDatabase, key: some SQLValueConvertible) throws -> Bool {
        try Int64.fetchOne(db, sql: "SELECT 1 FROM \(databaseTableName) WHERE \(keyCondition)", arguments: [key]) != nil
    }

    public static func fetchCount(_ db: any SQLDatabase) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(databaseTableName)") ?? 0
    }
}

/// A type written as one row of its table.
public protocol SQLPersistable: SQLTable {
    /// The row's columns and their values.
    var storedColumns: [(column: String, value: SQLValue)] { get }
}

extension SQLPersistable {
    /// Inserts the record. Fails on a primary key or unique constraint already taken.
    public func insert(_ db: any SQLDatabase) throws {
        try Self.insert(storedColumns, db: db)
    }

    static func insert(_ columns: [(column: String, value: SQLValue)], db: any SQLDatabase) throws {
        let names = columns.map(\.column).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.execute(sql: "INSERT INTO \(databaseTableName) (\(names)) VALUES (\(marks))", arguments: SQLArguments(columns.map(\.value)))
    }

    /// Updates the row with this record's primary key.
    /// - Throws: `StorageError.recordNotFound` when there is no such row.
    public func update(_ db: any SQLDatabase) throws {
        let columns = storedColumns
        let keys = Set(Self.primaryKey)
        let changed = columns.filter { !keys.contains($0.column) }
        let key = Self.primaryKey.map { name in columns.first { $0.column == name }?.value ?? .null }
        try db.execute(
            sql: "UPDATE \(Self.databaseTableName) SET \(changed.map { "\($0.column) = ?" }.joined(separator: ", ")) WHERE "
                + Self.primaryKey.map { "\($0) = ?" }.joined(separator: " AND "),
            arguments: SQLArguments(changed.map(\.value) + key))
        guard db.changesCount > 0 else { throw StorageError.recordNotFound(table: Self.databaseTableName) }
    }
}

/// A persistable record whose id the database assigns on insert.
public protocol SQLAutoIncremented: SQLPersistable {
    var id: Int64? { get set }
}

extension SQLAutoIncremented {
    /// Inserts the record and sets its `id`.
    public mutating func insert(_ db: any SQLDatabase) throws {
        try Self.insert(storedColumns.filter { $0.column != "id" || !$0.value.isNull }, db: db)
        id = try db.lastInsertedID()
    }
}
