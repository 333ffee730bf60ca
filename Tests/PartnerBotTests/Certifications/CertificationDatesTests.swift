import Foundation
import Testing
@testable import PartnerBot

@Suite("Certification dates and status at the edges")
struct CertificationDatesTests {
    static func certification(earned: String, expires: String, state: Certification.State = .active) -> Certification {
        Certification(
            id: 1, teamID: "T1", userID: "U1", org: "o", track: "t", state: state, earnedOn: earned, expiresOn: expires,
            credential: nil, decidedBy: nil, reason: nil, createdAt: TestSupport.now, updatedAt: TestSupport.now)
    }

    @Test(arguments: [
        ("2027-01-31", 1, "2027-02-28"),
        ("2028-01-31", 1, "2028-02-29"),
        ("2028-02-29", 12, "2029-02-28"),
        ("2028-02-29", 48, "2032-02-29"),
        ("2027-03-31", 12, "2028-03-31"),
        ("2027-08-31", 6, "2028-02-29"),
        ("2027-12-15", 24, "2029-12-15"),
    ])
    func expiryClampsToTheMonthEnd(earned: String, months: Int, expected: String) throws {
        let day = try #require(CalendarDate(iso: earned))
        #expect(Certification.expiry(earned: day, validMonths: months).description == expected)
    }

    @Test(arguments: [
        ("2027-06-30", Certification.Status.active),
        ("2027-12-01", .active),
        ("2027-12-02", .expiring),
        ("2027-12-31", .expiring),
        ("2028-01-01", .expired),
        ("2029-01-01", .expired),
    ])
    func statusAcrossTheRecertWindowAndTheDayOfExpiry(today: String, expected: Certification.Status) throws {
        let certification = Self.certification(earned: "2027-01-01", expires: "2028-01-01")
        #expect(certification.status(on: try #require(CalendarDate(iso: today)), recertWindowDays: 30) == expected)
    }

    @Test func storedStatesWinOverDates() throws {
        let today = try #require(CalendarDate(iso: "2027-06-01"))
        #expect(Self.certification(earned: "2027-01-01", expires: "2028-01-01", state: .revoked).status(on: today, recertWindowDays: 30) == .revoked)
        #expect(Self.certification(earned: "2027-01-01", expires: "2028-01-01", state: .claimed).status(on: today, recertWindowDays: 30) == .claimed)
        #expect(Certification.Status.expiring.isValid)
        #expect(!Certification.Status.expired.isValid)
    }

    @Test func referencesParse() {
        #expect(Certification.id(fromReference: "C-12") == 12)
        #expect(Certification.id(fromReference: "c-7") == 7)
        #expect(Certification.id(fromReference: "DR-7") == nil)
        #expect(Certification.id(fromReference: "C-") == nil)
    }
}
