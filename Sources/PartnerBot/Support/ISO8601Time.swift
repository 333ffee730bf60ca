import Foundation

/// Parses the times operators type (`--as-of`).
public enum ISO8601Time {
    /// `2027-03-01T09:00:00Z`, `2027-03-01T09:00:00+02:00`, `2027-03-01T09:00:00.5Z` or a date `2027-03-01` (midnight UTC).
    public static func parse(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        return CalendarDate(iso: text)?.startOfDay
    }
}
