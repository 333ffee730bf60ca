import Foundation
import GRDB

extension Date {
    /// What GRDB stores for this date, `yyyy-MM-dd HH:mm:ss.SSS` in UTC, computed with integer
    /// arithmetic instead of a `DateFormatter` (which costs microseconds per call on the hot
    /// write path). Dates outside years 1–9999 fall back to GRDB's own conversion.
    var storedValue: DatabaseValue {
        // The formatter rounds to the nearest millisecond, halves up.
        let millis = ((timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5).rounded(.down)
        guard millis.isFinite, millis > -62_135_596_800_000, millis < 253_402_300_800_000 else { return databaseValue }
        let total = Int64(millis)
        var days = total / 86_400_000
        var ofDay = total % 86_400_000
        if ofDay < 0 {
            ofDay += 86_400_000
            days -= 1
        }
        let (year, month, day) = Self.civil(fromDays: days)
        let hours = Int(ofDay / 3_600_000)
        let minutes = Int(ofDay / 60_000 % 60)
        let seconds = Int(ofDay / 1000 % 60)
        let milliseconds = Int(ofDay % 1000)
        let text = String(unsafeUninitializedCapacity: 23) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(day, 2, at: 8)
            buffer[10] = UInt8(ascii: " ")
            put(hours, 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(minutes, 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(seconds, 2, at: 17)
            buffer[19] = UInt8(ascii: ".")
            put(milliseconds, 3, at: 20)
            return 23
        }
        return text.databaseValue
    }

    /// Year, month and day of the proleptic Gregorian calendar for days since 1970-01-01
    /// (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }
}
