import GRDB

/// What a copy moves: the file's tables in an order that inserts a row after the rows it
/// references, with their columns, keys and sizes.
struct CopyPlan: Sendable {
    struct Table: Sendable {
        var name: String
        var columns: [String]
        /// The primary key's columns, in key order: rows are read and compared in this order.
        var key: [String]
        var rows: Int
        /// The largest id SQLite's AUTOINCREMENT handed out (`sqlite_sequence`), when it keeps one.
        var sequence: Int64?
    }

    var tables: [Table]
    var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }

    init(_ db: Database) throws {
        let names = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name")
        let sequences = try Dictionary(
            Row.fetchAll(db, sql: "SELECT name, seq FROM sqlite_sequence").map { ($0["name"] as String, $0["seq"] as Int64) },
            uniquingKeysWith: max)
        var tables: [String: Table] = [:]
        var references: [String: Set<String>] = [:]
        for name in names {
            let info = try Row.fetchAll(db, sql: "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
            let key = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
            let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(name)") ?? 0
            tables[name] = Table(name: name, columns: info.map { $0["name"] }, key: key, rows: rows, sequence: sequences[name])
            references[name] = Set(try String.fetchAll(db, sql: "SELECT \"table\" FROM pragma_foreign_key_list(?)", arguments: [name])).subtracting([name])
        }
        // Referenced tables first (self-references are met by copying in key order: a deal's
        // conflict points at an earlier deal).
        var ordered: [Table] = []
        var placed: Set<String> = []
        while ordered.count < names.count {
            guard let next = names.first(where: { !placed.contains($0) && references[$0, default: []].isSubset(of: placed) }) else {
                preconditionFailure("the schema's foreign keys form a cycle")
            }
            placed.insert(next)
            ordered.append(tables[next]!)
        }
        self.tables = ordered
    }

    /// Throws unless the target holds only what its migrations seed, and removes those rows.
    func checkEmpty(_ pg: any SQLDatabase) throws {
        for table in tables {
            if DatabaseCopy.seededTables.contains(table.name) {
                try pg.execute(sql: "DELETE FROM \(table.name)")
                continue
            }
            let rows = try Int.fetchOne(pg, sql: "SELECT COUNT(*) FROM \(table.name)") ?? 0
            guard rows == 0 else { throw DatabaseCopy.Failure.targetNotEmpty(table: table.name, rows: rows) }
        }
    }
}
