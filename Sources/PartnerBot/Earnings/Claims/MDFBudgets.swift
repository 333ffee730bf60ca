import Foundation

/// Market-development funds (`incentives.mdf.quarterly_budget`): what each tier's organisation
/// may request per calendar quarter. A request counts against the quarter of its activity from
/// the moment it is submitted until it is rejected.
public struct MDFBudgets: Sendable, Equatable {
    /// By tier.
    public var quarterly: [String: Money]

    public init(quarterly: [String: Money] = [:]) {
        self.quarterly = quarterly
    }

    /// `2027-Q1`: the budget quarter of a day.
    public static func quarter(of day: CalendarDate) -> String { "\(day.year)-Q\((day.month - 1) / 3 + 1)" }

    /// `Q1 2027` for people.
    public static func label(_ quarter: String) -> String {
        let parts = quarter.split(separator: "-")
        return parts.count == 2 ? "\(parts[1]) \(parts[0])" : quarter
    }

    /// Checks a request. Pure.
    /// - Parameters:
    ///   - amount: What is asked.
    ///   - date: The activity's day.
    ///   - tier: The organisation's tier.
    ///   - used: What the organisation's open and approved requests of the activity's quarter
    ///     (``quarter(of:)``) add up to, in minor units of the budget's currency.
    ///   - today: The day of the request.
    /// - Returns: The budget quarter, or why not.
    public func check(amount: Money, date: CalendarDate, tier: String, used: Int64, today: CalendarDate) -> Result<String, ClaimRefusal> {
        guard let budget = quarterly[tier] else { return .failure(.noMDFBudget(tier: tier)) }
        guard amount.currency == budget.currency else { return .failure(.mdfCurrency(budget: budget.currency)) }
        let quarterStart = CalendarDate(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1)!
        guard date >= quarterStart else { return .failure(.activityTooEarly(date.description, quarterStart: quarterStart.description)) }
        guard date <= today.adding(days: 366) else { return .failure(.activityTooLate(date.description)) }
        let quarter = Self.quarter(of: date)
        let left = budget.minorUnits - used
        guard amount.minorUnits <= left else {
            return .failure(
                .overBudget(quarter: Self.label(quarter), budget: budget.description, left: Money(minorUnits: max(0, left), currency: budget.currency).description))
        }
        return .success(quarter)
    }
}
