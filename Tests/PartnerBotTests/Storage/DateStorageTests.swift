import FakeSlack
import Foundation
import GRDB
import Testing

@testable import PartnerBot

@Suite("Dates stored without a DateFormatter")
struct DateStorageTests {
    @Test("storedValue is exactly GRDB's text for random instants from 1900 to 2200")
    func randomInstantsMatchGRDB() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let seconds = Double.random(in: -2_208_988_800...7_258_118_400, using: &random)
            let date = Date(timeIntervalSince1970: seconds)
            #expect(date.storedValue == SQLValue(date.databaseValue.storage), "\(seconds)")
            // Read back, it is the same millisecond (GRDB's reading differed below a microsecond).
            let read = try #require(Date.fromSQLValue(date.storedValue))
            #expect(read.storedValue == date.storedValue, "\(seconds)")
            #expect(abs(read.timeIntervalSince(try #require(Date.fromDatabaseValue(date.databaseValue)))) < 1e-6)
        }
    }

    @Test("millisecond edges, leap days and the epoch match GRDB")
    func edgesMatchGRDB() {
        let instants: [Double] = [
            0, -0.0005, -0.001, 0.0009999, 0.999_999, 59.9995, 951_782_400, 951_868_799.9999, 1_709_164_800.5,
            4_102_444_799.999, -1, -86_400.0001, 1_798_761_599.9995,
        ]
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(date.storedValue == SQLValue(date.databaseValue.storage), "\(seconds)")
        }
        let now = Date()
        #expect(now.storedValue == SQLValue(now.databaseValue.storage))
    }

    @Test("a stored value reads back as the same millisecond")
    func roundTrip() throws {
        let date = Date(timeIntervalSince1970: 1_800_000_000.123)
        let read = try #require(Date.fromSQLValue(date.storedValue))
        #expect(abs(read.timeIntervalSince1970 - 1_800_000_000.123) < 0.001)
    }
}

@Suite("UTC fields without Calendar")
struct UTCFieldsTests {
    @Test("fields equal Calendar's for random instants, and DisplayTime formats them")
    func fieldsMatchCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var random = SplitMix64(seed: 11)
        for _ in 0..<3_000 {
            let date = Date(timeIntervalSince1970: -2_208_988_800 + random.nextUnit() * 9_467_107_200)
            let fields = try #require(UTCFields(date))
            let reference = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            #expect(
                [fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second]
                    == [reference.year, reference.month, reference.day, reference.hour, reference.minute, reference.second].map { $0 ?? -1 },
                "\(date.timeIntervalSince1970)")
            let expected = String(
                format: "%04d-%02d-%02d %02d:%02d UTC", reference.year ?? 0, reference.month ?? 0, reference.day ?? 0, reference.hour ?? 0,
                reference.minute ?? 0)
            #expect(DisplayTime.dateTime(date) == expected)
            #expect(DisplayTime.day(date) == String(expected.prefix(10)))
        }
    }

    @Test func leapDaysAndTheEpoch() {
        #expect(UTCFields(millisecondsSince1970: 0).format("Y-M-D h:m:s.S") == "1970-01-01 00:00:00.000")
        #expect(UTCFields(millisecondsSince1970: -1).format("Y-M-D h:m:s.S") == "1969-12-31 23:59:59.999")
        #expect(UTCFields(millisecondsSince1970: 951_782_400_000).format("Y-M-D") == "2000-02-29")
        // Only field letters: every one widens to its full width, the year to four digits.
        #expect(UTCFields(millisecondsSince1970: 951_782_400_007).format("YYYYS") == "2000200020002000007")
        #expect(UTCFields(millisecondsSince1970: 0).format("") == "")
        #expect(UTCFields(millisecondsSince1970: 4_107_542_400_000).format("Y-M-D") == "2100-03-01")
        #expect(UTCFields(Date(timeIntervalSince1970: 1e15)) == nil)
    }
}
