import Testing
@testable import PartnerBot

/// Pure deal-registration input: dates, money, customer identity, the inline and modal parsers.
/// The suites are nested here so `swift test --filter DealsInput` runs exactly them.
@Suite("Deals input")
struct DealsInput {
    /// The fixed "today" every test uses.
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    /// A date from literal parts known to be valid.
    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)!
    }
}
