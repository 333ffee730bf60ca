import Foundation

/// Short duration text as written in announcement files: `90m`, `72h`, `3d`, `1w`, and
/// combinations with units from largest to smallest, such as `1d12h` or `1w2d`.
///
/// ```swift
/// DurationText.parse("72h")            // .seconds(259_200)
/// DurationText.parse("soon")           // nil
/// DurationText.format(.seconds(5_400)) // "1h30m"
/// ```
public enum DurationText {
    /// The units, largest first, with their length in seconds.
    static let units: [(symbol: Character, seconds: Int64)] = [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60)]

    /// The longest duration accepted: 10 years of weeks, far beyond any sensible reminder.
    static let maximumSeconds: Int64 = 520 * 604_800

    /// Parses a positive duration: one or more `<whole number><unit>` parts with units `w`
    /// (weeks), `d` (days), `h` (hours) and `m` (minutes), each unit at most once and from
    /// largest to smallest. Surrounding whitespace is ignored and units may be upper case; no
    /// spaces are allowed inside.
    /// - Parameter text: The text, e.g. `72h` or `1d12h`.
    /// - Returns: The duration, or `nil` when the text is not of that form, is zero, or is longer
    ///   than ten years.
    public static func parse(_ text: String) -> Duration? {
        let characters = Array(text.trimmingWhitespace().lowercased())
        guard !characters.isEmpty else { return nil }
        var total: Int64 = 0
        var nextUnit = 0
        var index = 0
        while index < characters.count {
            var number: Int64 = 0
            var digits = 0
            while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
                guard digits < 9 else { return nil }
                number = number * 10 + Int64(digit)
                digits += 1
                index += 1
            }
            guard digits > 0, index < characters.count,
                let unit = units[nextUnit...].firstIndex(where: { $0.symbol == characters[index] })
            else { return nil }
            total += number * units[unit].seconds
            guard total <= maximumSeconds else { return nil }
            nextUnit = unit + 1
            index += 1
        }
        return total > 0 ? .seconds(total) : nil
    }

    /// Formats a duration in the same notation, using the largest units first: 90 minutes is
    /// `1h30m`, 72 hours is `3d`. Whole seconds left over are written `s` (never produced by
    /// ``parse(_:)``); fractions of a second are dropped; zero is `0m`.
    /// - Parameter duration: The duration.
    public static func format(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        guard seconds != 0 else { return "0m" }
        var remaining = seconds.magnitude
        var text = seconds < 0 ? "-" : ""
        for unit in units {
            let count = remaining / UInt64(unit.seconds)
            if count > 0 { text += "\(count)\(unit.symbol)" }
            remaining %= UInt64(unit.seconds)
        }
        if remaining > 0 { text += "\(remaining)s" }
        return text
    }
}
