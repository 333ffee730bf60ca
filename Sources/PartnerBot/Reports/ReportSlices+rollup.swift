import Foundation
import GRDB

/// A period read as whole months from the rollup plus the partial months at its edges from the
/// deals themselves: the report's cost follows the number of organisations and months, not of
/// deals.
struct ReportRange {
    var start: Date
    var end: Date
    /// The whole months inside `[start, end)`, if any.
    var months: (start: Date, end: Date)?

    init(start: Date, end: Date) {
        self.start = start
        self.end = end
        let first = CalendarDate(start)
        let monthOfStart = CalendarDate(year: first.year, month: first.month, day: 1)!
        let firstWhole = monthOfStart.startOfDay == start ? monthOfStart : monthOfStart.adding(months: 1)
        let last = CalendarDate(end)
        let lastWhole = CalendarDate(year: last.year, month: last.month, day: 1)!
        months = firstWhole.startOfDay < lastWhole.startOfDay ? (firstWhole.startOfDay, lastWhole.startOfDay) : nil
    }

    /// The parts read from the deals: the whole range, or the edges around the whole months.
    var edges: [(Date, Date)] {
        guard let months else { return [(start, end)] }
        return [(start, months.start), (months.end, end)].filter { $0.0 < $0.1 }
    }
}

extension ReportSlice {
    /// The period's slices: whole months from the rollup (approved deals whose protection ended
    /// by `now` moved from the pipeline to expired) plus the deals not folded into it yet, edges
    /// from the deals.
    static func fetchAll(_ db: any SQLDatabase, range: ReportRange, now: Date) throws -> [ReportSlice] {
        var slices: [ReportSlice] = []
        for (start, end) in range.edges {
            slices += try fetchAll(db, scope: ReportSQL.Scope(start: start.storedValue, end: end.storedValue, now: now.storedValue, db: db))
        }
        if let months = range.months {
            let mark = try Int64.fetchOne(db, sql: "SELECT upto FROM deal_rollup_mark WHERE id = 1") ?? 0
            slices += try rollup(db, months: months, mark: mark, now: now)
            slices += try fetchAll(db, scope: ReportSQL.Scope(
                unfoldedAfter: mark, start: months.start.storedValue, end: months.end.storedValue, now: now.storedValue, db: db))
        }
        return slices
    }

    private static func rollup(_ db: any SQLDatabase, months: (start: Date, end: Date), mark: Int64, now: Date) throws -> [ReportSlice] {
        let (first, end) = (String(ISO.day(months.start).prefix(7)), String(ISO.day(months.end).prefix(7)))
        var ended: [String: (count: Int, minor: Int64)] = [:]
        for row in try SQLRow.fetchAll(
            db,
            sql: """
                SELECT org, COALESCE(currency, ''), COALESCE(source, ''), COUNT(*), COALESCE(SUM(amount_minor), 0) FROM deal
                WHERE status = 'approved' AND protection_end <= ? AND created_at >= ? AND created_at < ? AND id <= ? GROUP BY 1, 2, 3
                """, arguments: [now.storedValue, months.start.storedValue, months.end.storedValue, mark])
        {
            ended[key(row[0], row[1], row[2])] = (row[3], row[4])
        }
        return try SQLRow.fetchAll(
            db,
            sql: """
                SELECT org, currency, source, SUM(submitted), SUM(approved), SUM(declined), SUM(conflict), SUM(expired), SUM(won), SUM(lost),
                       SUM(within_sla), SUM(approved_minor), SUM(won_minor), SUM(won_with_amount)
                FROM deal_rollup WHERE month >= ? AND month < ? GROUP BY org, currency, source HAVING SUM(submitted) > 0
                """, arguments: [first, end]
        ).map { row in
            let currency: String = row[1]
            var slice = ReportSlice(org: row[0], currency: currency.isEmpty ? nil : currency, source: row[2])
            (slice.submitted, slice.approved, slice.declined, slice.conflict) = (row[3], row[4], row[5], row[6])
            (slice.expired, slice.won, slice.lost, slice.withinSLA) = (row[7], row[8], row[9], row[10])
            (slice.pipelineMinor, slice.wonMinor, slice.wonWithAmount) = (row[11], row[12], row[13])
            if let moved = ended[key(row[0], currency, row[2])] {
                slice.expired += moved.count
                slice.pipelineMinor -= moved.minor
            }
            return slice
        }
    }

    private static func key(_ org: String, _ currency: String, _ source: String) -> String { org + "\u{1}" + currency + "\u{1}" + source }
}
