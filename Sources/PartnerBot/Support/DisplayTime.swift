import Foundation

/// Dates and durations for people, in UTC (the bot has no per-user time zone).
enum DisplayTime {
    /// `2026-11-24 14:05 UTC`.
    static func dateTime(_ date: Date) -> String {
        if let fields = UTCFields(date) { return fields.format("Y-M-D h:m UTC") }
        let parts = utcParts(date)
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", parts.year, parts.month, parts.day, parts.hour, parts.minute)
    }

    /// `2026-11-24`.
    static func day(_ date: Date) -> String {
        if let fields = UTCFields(date) { return fields.format("Y-M-D") }
        let parts = utcParts(date)
        return String(format: "%04d-%02d-%02d", parts.year, parts.month, parts.day)
    }

    /// `in 2 days`, `in 5 h`, `3 h overdue`, `2 days overdue`.
    static func until(_ date: Date, from now: Date) -> String {
        let seconds = date.timeIntervalSince(now)
        let magnitude = abs(seconds)
        let text: String
        if magnitude >= 2 * 86_400 {
            text = "\(Int(magnitude / 86_400)) days"
        } else if magnitude >= 3600 {
            text = "\(Int(magnitude / 3600)) h"
        } else {
            text = "\(max(1, Int(magnitude / 60))) min"
        }
        return seconds >= 0 ? "in \(text)" : "\(text) overdue"
    }

    /// Whole days left until `date` (negative when past), counting partial days as a day.
    static func daysLeft(until date: Date, from now: Date) -> Int {
        let seconds = date.timeIntervalSince(now)
        return seconds >= 0 ? Int((seconds / 86_400).rounded(.up)) : -Int((-seconds / 86_400).rounded(.up))
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static func utcParts(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        let components = utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return (components.year ?? 0, components.month ?? 0, components.day ?? 0, components.hour ?? 0, components.minute ?? 0)
    }
}
