import Foundation

/// A calendar day without a time zone, such as a deal's expected close date.
///
/// Arithmetic is plain proleptic-Gregorian day counting (UTC), so it never depends on the
/// machine's time zone or calendar settings. Years are kept within 1...9999 so every date prints
/// as `YYYY-MM-DD`; arithmetic that would leave that range stops at its edge.
///
/// It encodes as its `YYYY-MM-DD` string (a single value), so it stores as readable text.
///
/// ```swift
/// let close = CalendarDate(iso: "2027-01-31")!
/// close.adding(months: 1)   // 2027-02-28
/// ```
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, 1...9999.
    public var year: Int
    /// The month, 1...12.
    public var month: Int
    /// The day of the month, 1...28/29/30/31.
    public var day: Int

    /// Creates a date if the day exists (leap years included).
    /// - Parameters:
    ///   - year: 1...9999.
    ///   - month: 1...12.
    ///   - day: 1 through the length of that month.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= Self.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (ten ASCII characters, zero-padded), and only real dates.
    ///
    /// `2027-3-31`, `2027/03/31` and `2027-02-29` all give `nil`.
    /// - Parameter text: The text, not trimmed.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The UTC day an instant falls on (instants outside years 1...9999 give the nearest edge day).
    /// - Parameter date: The instant.
    public init(_ date: Date) {
        let seconds = date.timeIntervalSince1970
        let days: Int
        if seconds.isNaN {
            days = 0
        } else {
            let clamped = min(max(seconds, Double(Self.minimumDayNumber) * 86_400), Double(Self.maximumDayNumber) * 86_400)
            days = Int((clamped / 86_400).rounded(.down))
        }
        self.init(dayNumber: days)
    }

    /// `YYYY-MM-DD`, e.g. `2027-03-31`.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// The date a number of days later (negative for earlier).
    /// - Parameter days: Days to add.
    public func adding(days: Int) -> CalendarDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        if overflow { return CalendarDate(dayNumber: days > 0 ? Self.maximumDayNumber : Self.minimumDayNumber) }
        return CalendarDate(dayNumber: sum)
    }

    /// The date a number of months later (negative for earlier), clamping the day to the month's
    /// length: `2027-01-31` + 1 month is `2027-02-28`, and `2028-01-31` + 1 month is `2028-02-29`.
    /// - Parameter months: Months to add.
    public func adding(months: Int) -> CalendarDate {
        let current = year * 12 + (month - 1)
        let (sum, overflow) = current.addingReportingOverflow(months)
        let lowest = 1 * 12, highest = 9999 * 12 + 11
        let total = overflow ? (months > 0 ? highest : lowest) : min(max(sum, lowest), highest)
        let newYear = total / 12, newMonth = total % 12 + 1
        let newDay = min(day, Self.daysInMonth(year: newYear, month: newMonth))
        return CalendarDate(uncheckedYear: newYear, month: newMonth, day: newDay)
    }

    /// Days from this date to `other` (`other - self`): positive when `other` is later.
    /// - Parameter other: The other date.
    public func days(until other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// The instant this day starts, 00:00:00 UTC.
    public var startOfDay: Date {
        Date(timeIntervalSince1970: Double(dayNumber) * 86_400)
    }

    /// Whether `lhs` is an earlier day than `rhs`.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes a `YYYY-MM-DD` string.
    /// - Throws: `DecodingError.dataCorrupted` when the string is not a real date in that form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a YYYY-MM-DD date, got \(text.prefix(40))")
        }
        self = date
    }

    /// Encodes as a `YYYY-MM-DD` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CalendarDate {
    /// Whether `year` has a February 29.
    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Day number of 0001-01-01 (days since 1970-01-01).
    static let minimumDayNumber = -719_162
    /// Day number of 9999-12-31 (days since 1970-01-01).
    static let maximumDayNumber = 2_932_896

    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01, clamped to 0001-01-01...9999-12-31 (`civil_from_days`).
    init(dayNumber days: Int) {
        let clamped = min(max(days, Self.minimumDayNumber), Self.maximumDayNumber) + 719_468
        let era = (clamped >= 0 ? clamped : clamped - 146_096) / 146_097
        let dayOfEra = clamped - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(uncheckedYear: year, month: month, day: day)
    }
}
