import Foundation
@testable import PartnerBot
import Testing

@Suite("SQL written once: placeholders, arguments and stored dates")
struct SQLLayerTests {
    @Test func questionMarksBecomeNumberedParametersOutsideQuotesAndComments() {
        let translated = PostgresSQL(sqlite: "SELECT '?', \"a?\" FROM t -- what?\nWHERE a = ? AND b = 'it''s ?' AND c = ?")
        #expect(translated.text == "SELECT '?', \"a?\" FROM t -- what?\nWHERE a = $1 AND b = 'it''s ?' AND c = $2")
        #expect(translated.names.isEmpty)
    }

    @Test func namedArgumentsShareOneParameterPerNameAndCastsStayCasts() {
        let translated = PostgresSQL(sqlite: "SELECT x::text FROM t WHERE a >= :start AND b < :end AND c <= :start AND d = ':start'")
        #expect(translated.text == "SELECT x::text FROM t WHERE a >= $1 AND b < $2 AND c <= $1 AND d = ':start'")
        #expect(translated.names == ["start", "end"])
    }

    @Test func anUnclosedQuoteIsCopiedToTheEnd() {
        #expect(PostgresSQL(sqlite: "SELECT 'open ? :x").text == "SELECT 'open ? :x")
    }

    @Test func storedDatesReadInEveryFormTheyWereWritten() throws {
        let reference = try #require(Date.fromSQLValue(.text("2026-12-06 10:17:30.250")))
        #expect(reference == Date(timeIntervalSince1970: 1_796_552_250.25))
        #expect(Date.fromSQLValue(.text("2026-12-06T10:17:30.250Z")) == reference)
        #expect(Date.fromSQLValue(.text("2026-12-06 10:17:30.250000")) == reference)
        #expect(Date.fromSQLValue(.text("2026-12-06 10:17")) == Date(timeIntervalSince1970: 1_796_552_220))
        #expect(Date.fromSQLValue(.text("2026-12-06")) == Date(timeIntervalSince1970: 1_796_515_200))
        #expect(Date.fromSQLValue(.integer(1_796_515_200)) == Date(timeIntervalSince1970: 1_796_515_200))
        for garbage in ["2026-13-01", "2026-12-06 25:00", "yesterday", "2026-12-06 10:17:30.250 extra", ""] {
            #expect(Date.fromSQLValue(.text(garbage)) == nil, "\(garbage)")
        }
    }

    @Test func valuesConvertOnlyWhenExact() {
        #expect(Int64.fromSQLValue(.real(3)) == 3)
        #expect(Int64.fromSQLValue(.real(3.5)) == nil)
        #expect(Bool.fromSQLValue(.integer(2)) == true)
        #expect(String?.fromSQLValue(.null) == .some(nil))
        #expect(Int?.fromSQLValue(.text("x")) == nil)
    }
}

/// Arguments reach the statement on both backends: by position or by name, every kind of value,
/// and a mismatch is an error rather than a silent NULL.
@Suite("SQL layer: arguments")
struct SQLArgumentTests {
    @Test(arguments: TestDatabase.available)
    func everyKindOfValueRoundTripsByPositionAndByName(on backend: TestDatabase.Backend) async throws {
        let database = try await TestDatabase.make(backend)
        let blob = Data([0, 1, 2, 255])
        let (positional, named) = try await database.store.write { db in
            try db.execute(sql: "CREATE TABLE t (i BIGINT, r DOUBLE PRECISION, s TEXT, b \(db.dialect == .sqlite ? "BLOB" : "BYTEA"), n TEXT)")
            try db.execute(sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?)", arguments: [Int64.max, 0.1, "naïve 'quoted' ✓", blob, nil as String?])
            let positional = try SQLRow.fetchOne(db, sql: "SELECT * FROM t WHERE i = ? AND s = ?", arguments: [Int64.max, "naïve 'quoted' ✓"])
            let named = try SQLRow.fetchOne(db, sql: "SELECT * FROM t WHERE s = :s AND i = :i", arguments: ["i": Int64.max, "s": "naïve 'quoted' ✓"])
            return (positional, named)
        }
        for row in [positional, named] {
            let row = try #require(row)
            #expect(row.values == [.integer(Int64.max), .real(0.1), .text("naïve 'quoted' ✓"), .blob(blob), .null])
        }
    }

    @Test(arguments: TestDatabase.available)
    func missingOrExtraArgumentsAreErrors(on backend: TestDatabase.Backend) async throws {
        let database = try await TestDatabase.make(backend)
        try await database.store.write { db in try db.execute(sql: "CREATE TABLE t (i BIGINT, s TEXT)") }
        await #expect(throws: (any Error).self) {
            try await database.store.write { db in try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [1]) }
        }
        await #expect(throws: (any Error).self) {
            try await database.store.write { db in try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [1, "a", "b"]) }
        }
        await #expect(throws: (any Error).self) {
            try await database.store.write { db in try db.execute(sql: "INSERT INTO t VALUES (:i, :s)", arguments: ["i": 1]) }
        }
        let rows = try await database.store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") }
        #expect(rows == 0)
    }
}
