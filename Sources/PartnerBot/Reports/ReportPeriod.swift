import Foundation

/// The registrations a report covers: those submitted in `[start, end)` (UTC).
public struct ReportPeriod: Sendable, Equatable {
    /// How the period was asked for, relative to the report's time or fixed.
    public enum Spec: Sendable, Equatable {
        case thisQuarter
        case lastQuarter
        case yearToDate
        case lastDays(Int)
        case range(from: CalendarDate, to: CalendarDate)
    }

    public var spec: Spec
    /// The first instant included.
    public var start: Date
    /// The first instant after the period.
    public var end: Date
    /// `Q1 2027`, `last 30 days`, `2027 to date`, `2027-01-01 – 2027-02-15`.
    public var label: String

    /// The period `spec` means at `asOf`.
    public init(_ spec: Spec, asOf: Date) {
        self.spec = spec
        let today = CalendarDate(asOf)
        let quarterStart = CalendarDate(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1)!
        // Periods "to date" include what was registered at the report's very moment (times are stored to the millisecond).
        let toDate = asOf.addingTimeInterval(0.001)
        switch spec {
        case .thisQuarter:
            // Quarter to date: registrations after the report's time are not in it (with --as-of in the past).
            (start, end, label) = (quarterStart.startOfDay, min(quarterStart.adding(months: 3).startOfDay, toDate), Self.quarterLabel(quarterStart) + " to date")
        case .lastQuarter:
            let previous = quarterStart.adding(months: -3)
            (start, end, label) = (previous.startOfDay, quarterStart.startOfDay, Self.quarterLabel(previous))
        case .yearToDate:
            (start, end, label) = (CalendarDate(year: today.year, month: 1, day: 1)!.startOfDay, toDate, "\(today.year) to date")
        case .lastDays(let days):
            (start, end, label) = (toDate.addingTimeInterval(-Double(days) * 86_400), toDate, "last \(days) days")
        case .range(let from, let to):
            (start, end, label) = (from.startOfDay, to.adding(days: 1).startOfDay, "\(from) – \(to)")
        }
    }

    /// The dates the period spans, for display: its first and last day.
    public var days: (first: CalendarDate, last: CalendarDate) {
        (CalendarDate(start), CalendarDate(end.addingTimeInterval(-1)))
    }

    static func quarterLabel(_ start: CalendarDate) -> String { "Q\((start.month - 1) / 3 + 1) \(start.year)" }
}

extension ReportPeriod.Spec {
    /// Parses `this quarter`, `last quarter`, `ytd`, `last 30d` (or `30d`, any 1–3660 days) and
    /// `from:YYYY-MM-DD to:YYYY-MM-DD` (both days included); words, not case, matter.
    /// - Returns: The spec, or why the text is not a period.
    public static func parse(_ words: [String]) -> Result<Self, ReportInputError> {
        let text = words.joined(separator: " ").lowercased()
        switch text {
        case "", "this quarter", "quarter", "this-quarter": return .success(.thisQuarter)
        case "last quarter", "last-quarter", "previous quarter": return .success(.lastQuarter)
        case "ytd", "year to date", "this year": return .success(.yearToDate)
        default: break
        }
        if let match = text.wholeMatch(of: /(?:last\s+)?(\d{1,4})\s*d(?:ays?)?/), let days = Int(match.1), (1...3660).contains(days) {
            return .success(.lastDays(days))
        }
        if let match = text.wholeMatch(of: /from:(\S+)\s+to:(\S+)/) {
            guard let from = CalendarDate(iso: String(match.1)) else { return .failure(.badDate(String(match.1))) }
            guard let to = CalendarDate(iso: String(match.2)) else { return .failure(.badDate(String(match.2))) }
            guard from <= to else { return .failure(.emptyRange(from: from, to: to)) }
            return .success(.range(from: from, to: to))
        }
        return .failure(.unknownPeriod(words.joined(separator: " ")))
    }
}

/// Why report options were not understood; the message says what to write instead.
public enum ReportInputError: Error, Sendable, Equatable, UserFacingError {
    case unknownPeriod(String)
    case badDate(String)
    case emptyRange(from: CalendarDate, to: CalendarDate)
    case unknownBreakdown(String)

    public var userMessage: String {
        switch self {
        case .unknownPeriod(let text):
            "\"\(text)\" is not a period. Use `this quarter` (the default), `last quarter`, `ytd`, `last 30d`, `last 90d` or `from:YYYY-MM-DD to:YYYY-MM-DD`."
        case .badDate(let text): "\"\(text)\" is not a date: write YYYY-MM-DD, e.g. from:2027-01-01 to:2027-03-31."
        case .emptyRange(let from, let to): "from:\(from) is after to:\(to): the period would be empty."
        case .unknownBreakdown(let text): "\"\(text)\" is not a breakdown: use by:partner, by:tier, by:region or by:type."
        }
    }

}
