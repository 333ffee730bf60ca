import Foundation
import Testing
@testable import PartnerBot

@Suite("SPIFF terms in an announcement's front matter")
struct SpiffTermsTests {
    static func file(_ incentive: String) -> String {
        "---\nid: q3-spiff\ntitle: Q3 SPIFF\nincentive:\n\(incentive)---\nWin and earn.\n"
    }

    @Test func termsAreReadWithTheirDefaults() throws {
        let text = Self.file("""
              amount: USD 1000
              start: 2027-07-01
              end: 2027-09-30
              motions: [resale, services]
              minimum_deal: USD 25k
              proof: [note, link]
              cap_per_org: 5

            """)
        let terms = try #require(try AnnouncementParser.parse(text, file: "a.md", rules: AnnouncementsInput.rules).incentive)
        #expect(terms.payout == .fixed(Money(minorUnits: 100_000, currency: "USD")))
        #expect(terms.start.description == "2027-07-01" && terms.end.description == "2027-09-30")
        #expect(terms.motions == [.resale, .services])
        #expect(terms.minimumDeal == Money(minorUnits: 2_500_000, currency: "USD"))
        #expect(terms.requiresNote && terms.requiresLink)
        #expect(terms.cap == .claims(5))
        let percent = try #require(try AnnouncementParser.parse(
            Self.file("  percent: 2.5\n  currency: eur\n  start: 2027-07-01\n  end: 2027-07-31\n  cap_per_org: EUR 10k\n"), file: "a.md",
            rules: AnnouncementsInput.rules).incentive)
        #expect(percent.payout == .percent(basisPoints: 250, currency: "EUR") && percent.cap == .amount(Money(minorUnits: 1_000_000, currency: "EUR")))
        #expect(percent.earning(for: Money(minorUnits: 4_000_000, currency: "EUR")) == Money(minorUnits: 100_000, currency: "EUR"))
        #expect(percent.earning(for: Money(minorUnits: 4_000_000, currency: "USD")) == nil, "deals in another currency earn nothing")
        #expect(try AnnouncementParser.parse(Self.file(""), file: "a.md", rules: AnnouncementsInput.rules).incentive == nil)
    }

    @Test(arguments: [
        ("  amount: lots\n  start: 2027-07-01\n  end: 2027-09-30\n", 5, "incentive.amount"),
        ("  amount: USD 1000\n  end: 2027-09-30\n", 5, "incentive"),
        ("  amount: USD 1000\n  start: 2027-09-01\n  end: 2027-07-31\n", 7, "incentive.end"),
        ("  percent: 5\n  start: 2027-07-01\n  end: 2027-09-30\n", 5, "incentive"),
        ("  amount: USD 1000\n  start: 2027-07-01\n  end: 2027-09-30\n  motions: [barter]\n", 8, "incentive.motions"),
        ("  amount: USD 1000\n  start: 2027-07-01\n  end: 2027-09-30\n  bonus: 5\n", 8, "incentive.bonus"),
    ])
    func mistakesNameTheFileLineAndKey(_ incentive: String, _ line: Int, _ key: String) {
        #expect {
            try AnnouncementParser.parse(Self.file(incentive), file: "a.md", rules: AnnouncementsInput.rules)
        } throws: { error in
            guard let error = error as? YAMLFileError else { return false }
            return error.file == "a.md" && error.line == line && error.key?.hasPrefix(key) == true
        }
    }
}
