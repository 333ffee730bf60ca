/// An amount of money in minor units (cents) of an ISO 4217 currency.
///
/// Every supported currency is treated as having two decimals (JPY included), so `minorUnits`
/// is always hundredths of the major unit. Parse user text with ``parse(_:)``.
///
/// ```swift
/// Money.parse("€40k")            // Money(minorUnits: 4_000_000, currency: "EUR")
/// Money.parse("50k")!.description // "$50,000"
/// ```
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The amount in hundredths of the major unit (cents).
    public var minorUnits: Int64
    /// The ISO 4217 code, one of ``supportedCurrencies``.
    public var currency: String

    /// The currency used when the text names none.
    public static let defaultCurrency = "USD"
    /// The currency codes ``parse(_:)`` accepts.
    public static let supportedCurrencies: [String] = ["USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "INR"]
    /// The largest amount ``parse(_:)`` accepts, in major units (10^12).
    public static let maximumMajorUnits: Int64 = 1_000_000_000_000

    /// Creates an amount.
    /// - Parameters:
    ///   - minorUnits: Hundredths of the major unit.
    ///   - currency: ISO 4217 code, `USD` by default.
    public init(minorUnits: Int64, currency: String = Money.defaultCurrency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Reads an amount as partners type it, or `nil` if it cannot be read.
    ///
    /// Accepted: `50000`, `50k`, `50K`, `$50,000`, `$50,000.50`, `1.2m`, `1.5M`, `€40k`, `£3k`,
    /// `40k EUR`, `EUR 40k`, `40000eur`, `USD50k`, `1,200,000`. Symbols: `$` `US$` (USD), `€` (EUR),
    /// `£` (GBP), `¥` (JPY), `C$` (CAD), `A$` (AUD), `₹` (INR); codes of ``supportedCurrencies`` in any case,
    /// before or after the number. Refused: empty text, words, negative or zero amounts, doubled
    /// suffixes (`50kk`), malformed numbers (`1.2.3`, `1,20`), fractions of a cent, more than
    /// ``maximumMajorUnits``, a symbol alone, and two different currencies.
    /// - Parameter text: The amount text.
    /// - Returns: The amount, or `nil`.
    public static func parse(_ text: String) -> Money? {
        try? MoneyText.parse(text).get()
    }

    /// The amount for people: `$50,000`, `$50,000.50`, `€40,000`, `£3,000`; other currencies put
    /// the code first: `CHF 5,000`. Cents are shown only when there are some.
    public var description: String {
        let magnitude = minorUnits.magnitude
        let whole = Self.grouped(magnitude / 100)
        let cents = magnitude % 100
        let number = cents == 0 ? whole : whole + "." + (cents < 10 ? "0" : "") + String(cents)
        let sign = minorUnits < 0 ? "-" : ""
        switch currency {
        case "USD": return sign + "$" + number
        case "EUR": return sign + "€" + number
        case "GBP": return sign + "£" + number
        default: return currency + " " + sign + number
        }
    }

    /// `1234567` → `1,234,567`.
    private static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
