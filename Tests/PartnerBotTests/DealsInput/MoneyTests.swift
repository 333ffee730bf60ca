import Foundation
import Testing
@testable import PartnerBot

extension DealsInput {
    @Suite("Money")
    struct Amounts {
        static let accepted: [(text: String, minorUnits: Int64, currency: String)] = [
            ("50000", 5_000_000, "USD"), ("50k", 5_000_000, "USD"), ("50K", 5_000_000, "USD"),
            ("$50,000", 5_000_000, "USD"), ("$50,000.50", 5_000_050, "USD"), ("1.2m", 120_000_000, "USD"),
            ("1.5M", 150_000_000, "USD"), ("€40k", 4_000_000, "EUR"), ("£3k", 300_000, "GBP"),
            ("40k EUR", 4_000_000, "EUR"), ("EUR 40k", 4_000_000, "EUR"), ("40000eur", 4_000_000, "EUR"),
            ("USD50k", 5_000_000, "USD"), ("1,200,000", 120_000_000, "USD"),
            // Beyond the required forms.
            ("US$5k", 500_000, "USD"), ("C$5k", 500_000, "CAD"), ("A$5k", 500_000, "AUD"), ("¥1000", 100_000, "JPY"),
            ("₹2.5m", 250_000_000, "INR"), ("CHF 5000", 500_000, "CHF"), ("5000 chf", 500_000, "CHF"),
            ("40keur", 4_000_000, "EUR"), ("usd 1.25k", 125_000, "USD"), ("  50k  ", 5_000_000, "USD"),
            ("0.5k", 50_000, "USD"), (".5k", 50_000, "USD"), ("12.34", 1_234, "USD"), ("0.01", 1, "USD"),
            ("$50k USD", 5_000_000, "USD"), ("50k€", 5_000_000, "EUR"), ("５０ｋ", 5_000_000, "USD"),
            ("1.23456m", 123_456_000, "USD"), ("0.00001k", 1, "USD"), ("1,000,000.00", 100_000_000, "USD"),
            ("1000000000000", 100_000_000_000_000, "USD"), ("1000000m", 100_000_000_000_000, "USD"),
        ]

        @Test(arguments: accepted)
        func parsesAcceptedForms(text: String, minorUnits: Int64, currency: String) {
            #expect(Money.parse(text) == Money(minorUnits: minorUnits, currency: currency))
        }

        static let rejected: [(text: String, problem: MoneyProblem)] = [
            ("", .empty), ("   ", .empty), ("abc", .malformed), ("-5k", .negative), ("−5k", .negative), ("$-5k", .negative),
            ("0", .zero), ("0.00", .zero), ("0k", .zero), ("50kk", .malformed), ("50mk", .malformed), ("1.2.3", .malformed),
            ("1000000000001", .tooLarge), ("1000001m", .tooLarge), ("99999999999999999999999", .tooLarge),
            ("$", .noNumber), ("EUR", .noNumber), ("1,20", .malformed), ("50,000,00", .malformed), ("50.", .malformed),
            ("10.505", .tooPrecise), ("0.000001k", .tooPrecise), ("50 k", .malformed), ("k", .malformed),
            ("50k XYZ", .unknownCurrency("XYZ")), ("$40k EUR", .conflictingCurrencies), ("1e6", .malformed),
            ("NaN", .malformed), ("Infinity", .malformed), ("50_000", .malformed), ("fifty", .malformed),
            ("$$50", .malformed), ("50k EURO", .malformed),
        ]

        @Test(arguments: rejected)
        func rejectsWithAReason(text: String, problem: MoneyProblem) {
            #expect(Money.parse(text) == nil)
            #expect(MoneyText.parse(text) == .failure(problem))
        }

        @Test(arguments: [
            (5_000_000, "USD", "$50,000"), (5_000_050, "USD", "$50,000.50"), (4_000_000, "EUR", "€40,000"),
            (300_000, "GBP", "£3,000"), (120_000_000, "USD", "$1,200,000"), (500_000, "CHF", "CHF 5,000"),
            (5, "USD", "$0.05"), (100, "USD", "$1"), (99, "JPY", "JPY 0.99"), (123_400, "CAD", "CAD 1,234"),
            (100_000_000_000_000, "USD", "$1,000,000,000,000"), (-100, "USD", "-$1"),
            (.min, "USD", "-$92,233,720,368,547,758.08"),
        ] as [(Int64, String, String)])
        func describesForPeople(minorUnits: Int64, currency: String, expected: String) {
            #expect(Money(minorUnits: minorUnits, currency: currency).description == expected)
        }

        @Test(arguments: accepted)
        func descriptionReadsBackToTheSameAmount(text: String, minorUnits: Int64, currency: String) {
            let money = Money(minorUnits: minorUnits, currency: currency)
            #expect(Money.parse(money.description) == money)
        }

        @Test func defaultsToUSDAndCodesAsFields() throws {
            #expect(Money(minorUnits: 1).currency == "USD")
            let money = Money(minorUnits: 4_000_000, currency: "EUR")
            let data = try JSONEncoder().encode(money)
            #expect(try JSONDecoder().decode(Money.self, from: data) == money)
        }
    }
}
