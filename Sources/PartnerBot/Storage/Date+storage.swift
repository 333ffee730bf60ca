import Foundation

extension Date {
    /// What the database stores for this date, `yyyy-MM-dd HH:mm:ss.SSS` in UTC (the format GRDB
    /// wrote from the start, so old files read the same), computed with integer arithmetic instead
    /// of a `DateFormatter` (which costs microseconds per call on the hot write path).
    var storedValue: SQLValue { .text(storedText) }

    /// The stored text of this date; dates outside years 1–9999 are clamped to those years.
    var storedText: String {
        // The formatter rounds to the nearest millisecond, halves up.
        let millis = ((timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5).rounded(.down)
        let clamped = millis.isFinite ? min(max(millis, -62_135_596_800_000), 253_402_300_799_999) : 0
        return UTCFields(millisecondsSince1970: Int64(clamped)).format("Y-M-D h:m:s.S")
    }
}

/// Reads stored date text: `yyyy-MM-dd`, optionally followed by ` HH:mm`, `:ss`, `.SSS` (any
/// number of fraction digits), a `T` instead of the space, and a trailing `Z` (all UTC).
enum StoredDateParser {
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            var reader = Reader(bytes: bytes)
            guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"),
                let day = reader.number(2), (1...12).contains(month), (1...31).contains(day)
            else { return nil }
            var (hour, minute, second, nanoseconds) = (0, 0, 0, 0)
            if reader.skip(" ") || reader.skip("T") {
                guard let h = reader.number(2), reader.skip(":"), let m = reader.number(2) else { return nil }
                (hour, minute) = (h, m)
                if reader.skip(":") {
                    guard let s = reader.number(2) else { return nil }
                    second = s
                    if reader.skip(".") { nanoseconds = reader.nanoseconds() }
                }
            }
            _ = reader.skip("Z")
            guard reader.atEnd, hour < 24, minute < 60, second < 61 else { return nil }
            let days = CalendarDate(uncheckedYear: year, month: month, day: day).dayNumber
            let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
            // Whole milliseconds (what the bot stores) divide exactly as `Date` was built from them.
            if nanoseconds % 1_000_000 == 0 { return Date(timeIntervalSince1970: Double(seconds * 1000 + nanoseconds / 1_000_000) / 1000) }
            return Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let byte = bytes[index + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += width
            return value
        }

        /// The digits after a decimal point as nanoseconds (digits past the ninth are ignored).
        mutating func nanoseconds() -> Int {
            var (value, digits) = (0, 0)
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 9 { value = value * 10 + Int(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            for _ in min(digits, 9)..<9 { value *= 10 }
            return value
        }
    }
}
