import Foundation

/// The proleptic Gregorian calendar fields of an instant in UTC, by integer arithmetic
/// (Howard Hinnant's `civil_from_days`): no `Calendar`, no formatter, a few nanoseconds.
struct UTCFields: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var millisecond: Int

    /// The fields of a count of milliseconds since 1970-01-01T00:00:00Z.
    init(millisecondsSince1970 total: Int64) {
        var days = total / 86_400_000
        var ofDay = total % 86_400_000
        if ofDay < 0 {
            ofDay += 86_400_000
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        hour = Int(ofDay / 3_600_000)
        minute = Int(ofDay / 60_000 % 60)
        second = Int(ofDay / 1000 % 60)
        millisecond = Int(ofDay % 1000)
    }

    /// The fields of `date`, its fraction of a millisecond dropped; `nil` outside years 1–9999.
    init?(_ date: Date) {
        let millis = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000).rounded(.down)
        guard let fields = Self(checkedMilliseconds: millis) else { return nil }
        self = fields
    }

    /// `nil` unless `millis` is finite and within years 1–9999.
    init?(checkedMilliseconds millis: Double) {
        guard millis.isFinite, millis > -62_135_596_800_000, millis < 253_402_300_800_000 else { return nil }
        self.init(millisecondsSince1970: Int64(millis))
    }

    /// ASCII digits of the fields, `template` giving the layout: `Y` year (4), `M` month, `D`
    /// day, `h` hour, `m` minute, `s` second (2 each), `S` millisecond (3); other bytes verbatim.
    func format(_ template: StaticString) -> String {
        let layout = UnsafeBufferPointer(start: template.utf8Start, count: template.utf8CodeUnitCount)
        // Every field letter widens to at most 4 digits: one allocation, the string's own.
        return String(unsafeUninitializedCapacity: layout.count * 4) { output in
            var end = 0
            func put(_ value: Int, _ width: Int) {
                var value = value
                for index in stride(from: end + width - 1, through: end, by: -1) {
                    output[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
                    value /= 10
                }
                end += width
            }
            for byte in layout {
                switch byte {
                case UInt8(ascii: "Y"): put(year, 4)
                case UInt8(ascii: "M"): put(month, 2)
                case UInt8(ascii: "D"): put(day, 2)
                case UInt8(ascii: "h"): put(hour, 2)
                case UInt8(ascii: "m"): put(minute, 2)
                case UInt8(ascii: "s"): put(second, 2)
                case UInt8(ascii: "S"): put(millisecond, 3)
                default:
                    output[end] = byte
                    end += 1
                }
            }
            return end
        }
    }
}
