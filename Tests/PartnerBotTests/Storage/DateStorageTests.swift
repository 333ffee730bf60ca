import FakeSlack
import Foundation
import GRDB
import Testing

@testable import PartnerBot

@Suite("Dates stored without a DateFormatter")
struct DateStorageTests {
    @Test("storedValue is exactly GRDB's text for random instants from 1900 to 2200")
    func randomInstantsMatchGRDB() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let seconds = -2_208_988_800 + random.nextUnit() * 9_467_107_200
            let date = Date(timeIntervalSince1970: seconds)
            #expect(date.storedValue == date.databaseValue, "\(seconds)")
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
            #expect(date.storedValue == date.databaseValue, "\(seconds)")
        }
        let now = Date()
        #expect(now.storedValue == now.databaseValue)
    }

    @Test("a stored value reads back as the same millisecond")
    func roundTrip() throws {
        let date = Date(timeIntervalSince1970: 1_800_000_000.123)
        let read = try #require(Date.fromDatabaseValue(date.storedValue))
        #expect(abs(read.timeIntervalSince1970 - 1_800_000_000.123) < 0.001)
    }
}
