import Foundation
import Testing
@testable import PartnerBot

extension DealsInput {
    @Suite("CalendarDate")
    struct CalendarDates {
        @Test(arguments: [
            (2028, 2, 29, true), (2027, 2, 29, false), (2000, 2, 29, true), (2100, 2, 29, false),
            (2027, 2, 28, true), (2027, 4, 30, true), (2027, 4, 31, false), (2027, 12, 31, true),
            (2027, 13, 1, false), (2027, 0, 1, false), (2027, 1, 0, false), (2027, 1, 32, false),
            (0, 1, 1, false), (1, 1, 1, true), (9999, 12, 31, true), (10_000, 1, 1, false), (-5, 1, 1, false),
        ])
        func validatesRealDays(year: Int, month: Int, day: Int, valid: Bool) {
            #expect((CalendarDate(year: year, month: month, day: day) != nil) == valid)
        }

        @Test(arguments: [
            ("2027-03-31", "2027-03-31"), ("2028-02-29", "2028-02-29"), ("0001-01-01", "0001-01-01"),
            ("2027-3-31", nil), ("2027/03/31", nil), (" 2027-03-31", nil), ("2027-03-31 ", nil),
            ("2027-02-29", nil), ("27-03-31", nil), ("2027-03-31T00:00:00Z", nil), ("", nil),
            ("+027-03-31", nil), ("2027-00-10", nil), ("0000-01-01", nil), ("２０２７-03-31", nil), ("31-03-2027", nil),
        ] as [(String, String?)])
        func parsesStrictISOOnly(text: String, expected: String?) {
            #expect(CalendarDate(iso: text)?.description == expected)
        }

        @Test func describesZeroPadded() {
            #expect(DealsInput.date(5, 1, 2).description == "0005-01-02")
            #expect(DealsInput.date(2027, 3, 31).description == "2027-03-31")
        }

        @Test(arguments: [
            ("2027-01-31", 1, "2027-02-28"), ("2028-01-31", 1, "2028-02-29"), ("2027-03-31", -1, "2027-02-28"),
            ("2026-11-22", 24, "2028-11-22"), ("2026-12-15", 1, "2027-01-15"), ("2027-01-15", -1, "2026-12-15"),
            ("2028-02-29", 12, "2029-02-28"), ("2027-01-31", 13, "2028-02-29"), ("2027-05-31", 1, "2027-06-30"),
            ("2027-03-31", 0, "2027-03-31"), ("9999-12-31", 1, "9999-12-31"), ("0001-01-31", -1, "0001-01-31"),
        ])
        func addsMonthsClampingToMonthEnd(start: String, months: Int, expected: String) throws {
            let date = try #require(CalendarDate(iso: start))
            #expect(date.adding(months: months).description == expected)
        }

        @Test(arguments: [
            ("2026-11-22", 90, "2027-02-20"), ("2028-02-28", 1, "2028-02-29"), ("2027-02-28", 1, "2027-03-01"),
            ("2026-12-31", 1, "2027-01-01"), ("2027-01-01", -1, "2026-12-31"), ("2026-11-22", 0, "2026-11-22"),
            ("2028-01-01", 366, "2029-01-01"), ("1970-01-01", -1, "1969-12-31"),
        ])
        func addsDays(start: String, days: Int, expected: String) throws {
            let date = try #require(CalendarDate(iso: start))
            #expect(date.adding(days: days).description == expected)
            #expect(date.days(until: date.adding(days: days)) == days)
        }

        @Test func countsDaysUntilAnotherDate() {
            let today = DealsInput.today
            #expect(today.days(until: DealsInput.date(2027, 2, 20)) == 90)
            #expect(DealsInput.date(2027, 2, 20).days(until: today) == -90)
            #expect(today.days(until: today) == 0)
            #expect(DealsInput.date(2028, 1, 1).days(until: DealsInput.date(2029, 1, 1)) == 366)
            #expect(DealsInput.date(2027, 1, 1).days(until: DealsInput.date(2028, 1, 1)) == 365)
        }

        @Test func extremeArithmeticStopsAtTheEdgesInsteadOfCrashing() {
            #expect(DealsInput.today.adding(days: .max).description == "9999-12-31")
            #expect(DealsInput.today.adding(days: .min).description == "0001-01-01")
            #expect(DealsInput.today.adding(months: .max).description == "9999-12-22")
            #expect(DealsInput.today.adding(months: .min).description == "0001-01-22")
            #expect(CalendarDate(Date.distantFuture).description == "4001-01-01")
            #expect(CalendarDate(Date(timeIntervalSince1970: 1e300)).description == "9999-12-31")
            #expect(CalendarDate(Date(timeIntervalSince1970: -1e300)).description == "0001-01-01")
            #expect(CalendarDate(Date(timeIntervalSince1970: .nan)).description == "1970-01-01")
            #expect(DealsInput.date(1, 1, 1).dayNumber == CalendarDate.minimumDayNumber)
            #expect(DealsInput.date(9999, 12, 31).dayNumber == CalendarDate.maximumDayNumber)
        }

        @Test func convertsInstantsByUTCDay() {
            #expect(CalendarDate(Date(timeIntervalSince1970: 0)).description == "1970-01-01")
            #expect(CalendarDate(Date(timeIntervalSince1970: -1)).description == "1969-12-31")
            #expect(DealsInput.date(2000, 1, 1).startOfDay == Date(timeIntervalSince1970: 946_684_800))
            let start = DealsInput.today.startOfDay
            #expect(CalendarDate(start) == DealsInput.today)
            #expect(CalendarDate(start.addingTimeInterval(86_399.999)) == DealsInput.today)
            #expect(CalendarDate(start.addingTimeInterval(86_400)) == DealsInput.today.adding(days: 1))
            #expect(CalendarDate(start.addingTimeInterval(-0.001)) == DealsInput.today.adding(days: -1))
        }

        @Test func agreesWithFoundationsGregorianCalendarOverCenturies() throws {
            // From 1696 to 2380: Foundation switches to the Julian calendar before 1582, this type does not.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
            for dayNumber in stride(from: -100_000, through: 150_000, by: 37) {
                let instant = Date(timeIntervalSince1970: Double(dayNumber) * 86_400 + 43_200)
                let parts = calendar.dateComponents([.year, .month, .day], from: instant)
                let date = CalendarDate(instant)
                #expect([date.year, date.month, date.day] == [parts.year, parts.month, parts.day])
                #expect(date.dayNumber == dayNumber)
            }
        }

        @Test func ordersChronologically() {
            let dates = ["2027-03-01", "2026-12-31", "2027-02-28", "2026-11-22"].compactMap { CalendarDate(iso: $0) }
            #expect(dates.sorted().map(\.description) == ["2026-11-22", "2026-12-31", "2027-02-28", "2027-03-01"])
            #expect(DealsInput.date(2027, 1, 31) < DealsInput.date(2027, 2, 1))
        }

        @Test func codesAsAnISOString() throws {
            let data = try JSONEncoder().encode([DealsInput.date(2027, 3, 31)])
            #expect(String(decoding: data, as: UTF8.self) == #"["2027-03-31"]"#)
            #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [DealsInput.date(2027, 3, 31)])
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2027-02-29"]"#.utf8))
            }
        }
    }
}
