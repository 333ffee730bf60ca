import Foundation

/// Why an amount text could not be read, so the message can say what to fix.
enum MoneyProblem: Error, Sendable, Equatable {
    /// Nothing was typed.
    case empty
    /// A currency without a number (`$`, `EUR`).
    case noNumber
    /// A minus sign.
    case negative
    /// The amount is zero.
    case zero
    /// Not a number in a form we read (`abc`, `1.2.3`, `50kk`, `1,20`).
    case malformed
    /// Smaller than a cent (`$10.505`).
    case tooPrecise
    /// More than `Money.maximumMajorUnits`.
    case tooLarge
    /// A three-letter code we do not support, uppercased (`XYZ`).
    case unknownCurrency(String)
    /// Two different currencies (`$40k EUR`).
    case conflictingCurrencies
}

/// The amount grammar behind `Money.parse(_:)`, reporting why text was refused.
enum MoneyText {
    /// Symbols, longest first so `US$` wins over `$`.
    static let symbols: [(symbol: String, currency: String)] = [
        ("US$", "USD"), ("C$", "CAD"), ("A$", "AUD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"),
    ]

    /// Whether `text` is only a currency symbol or supported code (any case), e.g. `EUR`, `$`.
    static func isCurrencyOnly(_ text: String) -> Bool {
        let normalized = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCompatibilityMapping
        return Money.supportedCurrencies.contains(normalized.uppercased()) || symbols.contains { $0.symbol == normalized }
    }

    /// Parses an amount; see `Money.parse(_:)` for the accepted forms.
    static func parse(_ raw: String) -> Result<Money, MoneyProblem> {
        // NFKC changes nothing in ASCII text.
        let normalized = raw.utf8.allSatisfy { $0 < 0x80 } ? raw : raw.precomposedStringWithCompatibilityMapping
        var text = Substring(normalized.trimmingWhitespace())
        guard !text.isEmpty else { return .failure(.empty) }
        if text.first == "-" || text.first == "\u{2212}" { return .failure(.negative) }
        if isPlainNumber(text) { return amount(text).map { Money(minorUnits: $0, currency: Money.defaultCurrency) } }

        var prefixCurrency: String?
        var suffixCurrency: String?
        if let (symbol, currency) = symbols.first(where: { text.hasPrefix($0.symbol) }) {
            prefixCurrency = currency
            text = text.dropFirst(symbol.count)
        } else if let code = leadingCode(text) {
            guard let currency = supportedCode(code) else { return .failure(unknown(code, in: text)) }
            prefixCurrency = currency
            text = text.dropFirst(3)
        }
        text = text.drop(while: \.isWhitespace)
        if let (symbol, currency) = symbols.first(where: { text.hasSuffix($0.symbol) }) {
            suffixCurrency = currency
            text = text.dropLast(symbol.count)
        } else if let code = trailingCode(text) {
            guard let currency = supportedCode(code) else { return .failure(unknown(code, in: text)) }
            suffixCurrency = currency
            text = text.dropLast(3)
        }
        if let prefixCurrency, let suffixCurrency, prefixCurrency != suffixCurrency { return .failure(.conflictingCurrencies) }
        text = Substring(text.trimmingWhitespace())
        if text.isEmpty { return .failure(.noNumber) }
        if text.first == "-" || text.first == "\u{2212}" { return .failure(.negative) }

        return amount(text).map { Money(minorUnits: $0, currency: prefixCurrency ?? suffixCurrency ?? Money.defaultCurrency) }
    }

    /// Digits, `,` and `.` with at most a trailing `k` or `m` (`50k`, `1,200.50`): no currency
    /// to look for, so the symbol and code searches can be skipped.
    private static func isPlainNumber(_ text: Substring) -> Bool {
        var bytes = text.utf8[...]
        if let last = bytes.last, last | 0x20 == UInt8(ascii: "k") || last | 0x20 == UInt8(ascii: "m") { bytes = bytes.dropLast() }
        guard let first = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return bytes.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }
    }

    /// The number part: `1,200,000`, `50000.50`, `1.2m`, `50k` → minor units.
    private static func amount(_ text: Substring) -> Result<Int64, MoneyProblem> {
        var body = text
        var multiplier: Int64 = 1
        switch body.last {
        case "k", "K": multiplier = 1_000; body.removeLast()
        case "m", "M": multiplier = 1_000_000; body.removeLast()
        default: break
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return .failure(.malformed) }
        let integerText = parts[0]
        let fractionText = parts.count == 2 ? parts[1] : ""
        guard !(integerText.isEmpty && fractionText.isEmpty), parts.count == 1 || !fractionText.isEmpty,
            fractionText.allSatisfy(isASCIIDigit), let integerDigits = groupedDigits(integerText)
        else { return .failure(.malformed) }
        if multiplier == 1 && fractionText.count > 2 { return .failure(.tooPrecise) }

        // Work in exact integers: significant digits only, then bounds before any multiplication.
        let significantInteger = integerDigits.drop(while: { $0 == "0" })
        var fraction = fractionText
        while fraction.last == "0" { fraction.removeLast() }
        guard significantInteger.count <= 13 else { return .failure(.tooLarge) }
        guard fraction.count <= 8 else { return .failure(.tooPrecise) }
        let integerValue = Int64(significantInteger) ?? 0
        let fractionValue = Int64(fraction) ?? 0

        let (scaledMultiplier, _) = multiplier.multipliedReportingOverflow(by: 100)
        let (wholeMinor, overflow) = integerValue.multipliedReportingOverflow(by: scaledMultiplier)
        guard !overflow else { return .failure(.tooLarge) }
        var denominator: Int64 = 1
        for _ in 0..<fraction.count { denominator *= 10 }
        let fractionNumerator = fractionValue * scaledMultiplier  // ≤ 10^8 · 10^8: fits
        guard fractionNumerator % denominator == 0 else { return .failure(.tooPrecise) }
        let total = wholeMinor + fractionNumerator / denominator
        guard total <= Money.maximumMajorUnits * 100 else { return .failure(.tooLarge) }
        guard total > 0 else { return .failure(.zero) }
        return .success(total)
    }

    /// `1,200,000` or `1200000` → `"1200000"`; commas must group by threes; `nil` otherwise.
    private static func groupedDigits(_ text: Substring) -> String? {
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ $0.allSatisfy(isASCIIDigit) }) else { return nil }
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        return groups.joined()
    }

    private static func isASCIIDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    private static func isASCIILetter(_ character: Character) -> Bool {
        character.isASCII && character.isLetter
    }

    /// A three-letter code the text starts with (`USD50k`, `eur 40k`), if its letters are exactly three.
    private static func leadingCode(_ text: Substring) -> Substring? {
        let letters = text.prefix(while: isASCIILetter)
        return letters.count == 3 ? letters : nil
    }

    /// A three-letter code the text ends with (`40000eur`, `40k EUR`, `40keur`), if any.
    private static func trailingCode(_ text: Substring) -> Substring? {
        let count = text.reversed().prefix(while: isASCIILetter).count
        let letters = text.suffix(count)
        if count == 3 { return letters }
        if count == 4, let first = letters.first, "kKmM".contains(first) { return letters.dropFirst() }
        return nil
    }

    /// An unsupported code next to a number is an unknown currency; letters alone are just not a number.
    private static func unknown(_ code: Substring, in text: Substring) -> MoneyProblem {
        text.contains(where: isASCIIDigit) ? .unknownCurrency(code.uppercased()) : .malformed
    }

    private static func supportedCode(_ code: Substring) -> String? {
        let upper = code.uppercased()
        return Money.supportedCurrencies.contains(upper) ? upper : nil
    }
}
