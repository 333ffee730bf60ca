import Foundation
import GRDB

extension Date {
    /// What GRDB stores for this date, `yyyy-MM-dd HH:mm:ss.SSS` in UTC, computed with integer
    /// arithmetic instead of a `DateFormatter` (which costs microseconds per call on the hot
    /// write path). Dates outside years 1–9999 fall back to GRDB's own conversion.
    var storedValue: DatabaseValue {
        // The formatter rounds to the nearest millisecond, halves up.
        let millis = ((timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5).rounded(.down)
        guard let fields = UTCFields(checkedMilliseconds: millis) else { return databaseValue }
        return fields.format("Y-M-D h:m:s.S").databaseValue
    }
}
