import FakeSlack
import Foundation
import PropertyTesting
import Testing
@testable import PartnerBot

extension SplitMix64 {
    /// Up to `maxParts` pieces drawn from `pool`, concatenated.
    mutating func text(from pool: [String], maxParts: Int = 16) -> String {
        var result = ""
        for _ in 0..<Int.random(in: 0...maxParts, using: &self) {
            result += pool.randomElement(using: &self)!
        }
        return result
    }

    /// True with probability `1 / n`.
    mutating func oneIn(_ n: Int) -> Bool { Int.random(in: 0..<n, using: &self) == 0 }
}

/// The scalars of a text, for comparisons that `String ==` (canonical equivalence) would blur.
private func scalars(_ text: some StringProtocol) -> [UInt32] {
    text.unicodeScalars.map(\.value)
}

/// Every ASCII character but NUL, one string each.
private let allASCII: [String] = (1...0x7F).map { String(UnicodeScalar(UInt8($0))) }

extension DealsInput {
    /// The ASCII fast paths give exactly what their general (Unicode) paths give.
    @Suite("Text fast paths")
    struct TextFastPathTests {
        static let cases = 3_000

        // MARK: - trimmingWhitespace

        /// Whitespace of every kind Foundation might trim (or not), and text around it.
        static let trimWhitespacePool: [String] = [
            " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}", "\u{200A}",
            "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}",
        ]
        static let trimPool: [String] =
            trimWhitespacePool + trimWhitespacePool + [
                "a", "B", "z", "Acme", "é", "e\u{301}", "\u{301}", "👍🏽", "\u{200B}", "\u{FEFF}", "\u{180E}", "\u{1C}",
                "\u{1F}", "\u{0}", "\u{7F}", "\u{2060}", "漢",
            ]

        @Test func trimmingMatchesFoundation() {
            var random = SplitMix64(seed: 0x7472_696D)
            var inputs = ["", " ", "\r\n", "\u{3000}", "a", "\u{301}", " \u{301}", "\u{200B}", "\u{FEFF} a \u{FEFF}"]
            inputs += Self.trimWhitespacePool
            inputs.append(Self.trimWhitespacePool.joined())
            for _ in 0..<Self.cases {
                inputs.append(random.text(from: Self.trimPool))
                inputs.append(random.text(from: Self.trimWhitespacePool))  // all whitespace, or empty
            }
            var mismatches = Mismatches()
            for text in inputs {
                let expected = scalars(text.trimmingCharacters(in: .whitespacesAndNewlines))
                mismatches.check(scalars(text.trimmingWhitespace()), expected, "\(scalars(text))")
                // A substring in the middle of a larger string (cut on scalars: a combining mark
                // would join a neighbouring character) takes the same path through `StringProtocol`.
                let padded = "x" + text + "x"
                let scalarIndices = padded.unicodeScalars
                let inner = padded[scalarIndices.index(after: padded.startIndex)..<scalarIndices.index(before: padded.endIndex)]
                mismatches.check(scalars(inner.trimmingWhitespace()), expected, "substring \(scalars(text))")
            }
            mismatches.finish()
        }

        /// Foundation's `whitespacesAndNewlines` holds U+200B ZERO WIDTH SPACE (CoreFoundation's
        /// whitespace set predates its move out of `Zs`), so Foundation trims it.
        @Test(arguments: ["\u{200B}", "\u{200B}Acme\u{200B}", " \u{200B} Acme Corp\n", "Acme\u{200B}"])
        func zeroWidthSpaceTrimsLikeFoundation(text: String) {
            #expect(scalars(text.trimmingWhitespace()) == scalars(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }

        @Test func trimmedWhitespaceScalarsAreFoundationsWhitespaceAndNewlines() {
            let set = CharacterSet.whitespacesAndNewlines
            // The whole Basic Multilingual Plane, then a sample of the others.
            let values = Array(0..<0xD800) + Array(0xE000...0xFFFF) + Array(stride(from: 0x10000, through: 0x10FFFF, by: 97))
            var mismatches: [UInt32] = []
            for value in values {
                let scalar = Unicode.Scalar(UInt32(value))!
                if scalar.isTrimmedWhitespace != set.contains(scalar) { mismatches.append(scalar.value) }
            }
            #expect(mismatches.isEmpty, "U+\(mismatches.map { String($0, radix: 16, uppercase: true) })")
        }

        // MARK: - splitOnWhitespace

        static let asciiSplitPool: [String] = [
            "a", "b", "Acme", "x_y", "50k", ".", ":", "\"", " ", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}",
            "\u{1C}", "\u{1F}", "\u{0}", "\u{7F}",
        ]
        static let mixedSplitPool: [String] =
            asciiSplitPool + [
                "\u{85}", "\u{A0}", "\u{2003}", "\u{2028}", "\u{3000}", "\u{200B}", "é", "e\u{301}", "\u{301}", "👍🏽", "漢",
            ]

        @Test func splittingOnWhitespaceMatchesTheStandardLibrary() {
            var random = SplitMix64(seed: 0x7370_6C69)
            let limits = [0, 1, 2, 3, 4, Int.max]
            var mismatches = Mismatches()
            for index in 0..<Self.cases {
                let text = random.text(from: index.isMultiple(of: 2) ? Self.asciiSplitPool : Self.mixedSplitPool)
                for maxSplits in limits {
                    let expected = text.split(maxSplits: maxSplits, whereSeparator: \.isWhitespace).map(String.init)
                    let actual = text.splitOnWhitespace(maxSplits: maxSplits).map(String.init)
                    mismatches.check(actual, expected, "\(text.debugDescription) maxSplits: \(maxSplits)")
                }
                let expected = text.split(whereSeparator: \.isWhitespace).map(String.init)
                mismatches.check(text.splitOnWhitespace().map(String.init), expected, "\(text.debugDescription)")
            }
            mismatches.finish()
        }

        /// CR LF is one `Character`: the standard library skips all of it before the unsplit rest.
        @Test(arguments: ["a\r\nb", "a b\r\nc d", "a\r\n", "revoke @U1 sales\r\nLeft the company"])
        func crLFSeparatesTheRestLikeTheStandardLibrary(text: String) {
            for maxSplits in 1...3 {
                #expect(
                    text.splitOnWhitespace(maxSplits: maxSplits).map(String.init)
                        == text.split(maxSplits: maxSplits, whereSeparator: \.isWhitespace).map(String.init),
                    "maxSplits: \(maxSplits)")
            }
        }

        // MARK: - CommandText

        static let commandPool: [String] = [
            "a", "b", "x", "Acme", "Corp", "amount", "Amount", "NOTE", "key_name", "_", "_", "0", "7", "50k", ":", ":",
            "\"", "\"", " ", " ", " ", "\t", "\r\n", "\n", "\r", "\u{0B}", "\u{0C}", "\u{1F}", "<", ">", "&", "|", ".",
            "-", "@", "[", "`", "{", "~",
        ]

        @Test func asciiTokensMatchGraphemeTokens() {
            var random = SplitMix64(seed: 0x746F_6B65)
            var mismatches = Mismatches()
            for index in 0..<(2 * Self.cases) {
                // A quarter of the texts from all of ASCII, the rest from the command-shaped pool.
                var text = index.isMultiple(of: 4) ? random.text(from: allASCII) : random.text(from: Self.commandPool)
                let expected = CommandText.graphemeTokens(text)
                let actual = text.withUTF8 { CommandText.asciiTokens($0) }
                mismatches.check(actual, expected, "\(text.debugDescription)")
                mismatches.check(CommandText(text).tokens, expected, "init \(text.debugDescription)")
            }
            mismatches.finish()
        }

        @Test func asciiTokensRefuseAnyNonASCIIText() {
            var random = SplitMix64(seed: 0x6E6F_6E61)
            var mismatches = Mismatches()
            let nonASCII = ["é", "e\u{301}", "\u{85}", "\u{A0}", "“", "”", "\u{3000}", "👍🏽", "漢", "\u{FEFF}"]
            for _ in 0..<Self.cases {
                let ascii = random.text(from: Self.commandPool)
                let cut = Int.random(in: 0...ascii.utf8.count, using: &random)
                let bytes = Array(ascii.utf8)
                var text =
                    String(decoding: bytes[..<cut], as: UTF8.self) + nonASCII.randomElement(using: &random)!
                    + String(decoding: bytes[cut...], as: UTF8.self)
                mismatches.check(text.withUTF8 { CommandText.asciiTokens($0) }, nil, "\(text.debugDescription)")
                // The public initializer still tokenizes it, through the general path.
                mismatches.check(CommandText(text).tokens, CommandText.graphemeTokens(text), "init \(text.debugDescription)")
            }
            mismatches.finish()
        }

        // MARK: - CustomerIdentity

        static let namePool: [String] =
            allASCII + [
                "Acme", "ACME", "Inc", "Inc.", "Co.", "Co", "LLC", "L.L.C.", "S.A.", "s.a", " & ", "&", "'", "`", "and",
                " ", " ", ", ", "\r\n", "Ltd", "McDonald's",
            ]

        @Test func asciiTextIsExactlyTheUnicodeText() {
            var random = SplitMix64(seed: 0x6964_656E)
            var mismatches = Mismatches()
            for _ in 0..<Self.cases {
                var name = random.text(from: Self.namePool)
                let unicode = CustomerIdentity.unicodeText(name)
                let ascii = name.withUTF8 { CustomerIdentity.asciiText($0) }
                mismatches.check(ascii.map(scalars), scalars(unicode), "\(name.debugDescription)")
            }
            mismatches.finish()
        }

        @Test func asciiKeysMatchTheUnicodePath() {
            // A trailing no-break space sends a name down the general path (NFKC makes it a space,
            // which only separates words), so both paths run on the same name.
            var random = SplitMix64(seed: 0x6B65_7973)
            var mismatches = Mismatches()
            for _ in 0..<Self.cases {
                let name = random.text(from: Self.namePool)
                mismatches.check(CustomerIdentity.key(for: name), CustomerIdentity.key(for: name + "\u{A0}"), "\(name.debugDescription)")
            }
            mismatches.finish()
        }

        @Test(arguments: [
            ("McDonald's", "mcdonalds"), ("Tom`s Diner", "toms diner"), ("Acme S.A.", "acme"), ("acme s a", "acme"),
            ("S.A.", "s a"), ("Acme and Co", "acme"), ("AT & T", "at and t"), ("R&D Co", "r and d"),
            ("Barnes & Noble & Co.", "barnes and noble"), ("Acme\tInc.\n", "acme"), ("ACME L.L.C", "acme"), ("3M", "3m"),
            ("A-1 Auto, LLC.", "a 1 auto"), ("~!@#$%^*()", ""),
        ])
        func asciiNamesGiveTheDocumentedKeys(name: String, expected: String) {
            #expect(CustomerIdentity.key(for: name) == expected)
            #expect(CustomerIdentity.key(for: name + "\u{A0}") == expected)
        }

        // MARK: - MoneyText

        /// The full-width form of every printable ASCII character (`5` → `５`, space → U+3000),
        /// which NFKC maps back, so the general path sees the same amount.
        private static func widened(_ text: String, _ random: inout SplitMix64) -> String {
            var result = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                if random.oneIn(2) {
                    result.append(scalar)
                } else if scalar == " " {
                    result.append("\u{3000}")
                } else if (0x21...0x7E).contains(scalar.value) {
                    result.append(Unicode.Scalar(scalar.value + 0xFEE0)!)
                } else {
                    result.append(scalar)
                }
            }
            return String(result)
        }

        /// A random amount-like ASCII text: mostly well formed, sometimes not.
        private static func amountText(_ random: inout SplitMix64) -> String {
            let prefixes = ["", "", "", "$", "US$", "C$", "EUR", "eur ", "USD", "usd ", "XYZ ", "-", "$-", " "]
            let suffixes = ["", "", "", " EUR", "eur", " usd", "USD", " chf", " XYZ", " EURO", "$", " "]
            var number = String(Int.random(in: 0...999, using: &random))
            if random.oneIn(3) {
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    number += "," + String(format: "%03d", Int.random(in: 0...999, using: &random))
                }
            }
            if random.oneIn(3) { number += "." + String(Int.random(in: 0...999, using: &random)) }
            let multiplier = ["", "", "k", "K", "m", "M", "kk"].randomElement(using: &random)!
            var text = prefixes.randomElement(using: &random)! + number + multiplier + suffixes.randomElement(using: &random)!
            if random.oneIn(5) {  // noise
                let pool = ["0", "5", ",", ".", "k", "m", "$", " ", "-", "e", "US$", "EUR"]
                let cut = text.index(text.startIndex, offsetBy: Int.random(in: 0...text.count, using: &random))
                text.insert(contentsOf: pool.randomElement(using: &random)!, at: cut)
            }
            return text
        }

        @Test func asciiAmountsParseLikeTheirFullWidthForms() {
            var random = SplitMix64(seed: 0x6D6F_6E65)
            var parsed = 0
            var mismatches = Mismatches()
            for _ in 0..<Self.cases {
                let text = Self.amountText(&random)
                let wide = Self.widened(text, &random)
                let result = MoneyText.parse(text)
                mismatches.check(result, MoneyText.parse(wide), "\(text.debugDescription) vs \(wide.debugDescription)")
                if case .success = result { parsed += 1 }
            }
            mismatches.finish()
            // The generator must reach the success path often, or the property says little.
            #expect(parsed > Self.cases / 5)
        }

        @Test func currencyOnlyTextMatchesItsFullWidthForm() {
            var random = SplitMix64(seed: 0x6375_7272)
            var mismatches = Mismatches()
            let pool = ["$", "US$", "C$", "A$", "EUR", "eur", "Usd", "chf", "XYZ", "EU", "EURO", "€", "£", "5", " ", "k"]
            for _ in 0..<Self.cases {
                let text = random.text(from: pool, maxParts: 2)
                let wide = Self.widened(text, &random)
                mismatches.check(
                    MoneyText.isCurrencyOnly(text), MoneyText.isCurrencyOnly(wide), "\(text.debugDescription) vs \(wide.debugDescription)")
            }
            mismatches.finish()
        }

        @Test(arguments: [
            ("５０k", 5_000_000, "USD"), ("$５０,０００", 5_000_000, "USD"), ("４０k EUR", 4_000_000, "EUR"),
            ("１.２m", 120_000_000, "USD"), ("ＵＳ＄5k", 500_000, "USD"), ("50k\u{3000}ｅｕｒ", 5_000_000, "EUR"),
        ] as [(String, Int64, String)])
        func fullWidthAmountsTakeTheGeneralPath(text: String, minorUnits: Int64, currency: String) {
            #expect(MoneyText.parse(text) == .success(Money(minorUnits: minorUnits, currency: currency)))
        }

        // MARK: - RegistrationRules

        static let blankPool: [String] = [" ", " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{3000}"]
        static let printablePool: [String] = ["a", "Acme", "Co.", "&", "~", "'", " ", " ", "  "]
        static let rulesPool: [String] =
            printablePool + blankPool + [
                "\u{0}", "\u{1F}", "\u{7F}", "\u{200B}", "\u{FFFD}", "é", "e\u{301}", "👍🏽", "\u{2028}", "\u{1C}",
            ]

        @Test func registrationWhitespaceHelpersMatchTheGeneralDefinitions() {
            var random = SplitMix64(seed: 0x7275_6C65)
            var mismatches = Mismatches()
            for index in 0..<(3 * Self.cases) {
                let pool = [Self.blankPool, Self.printablePool, Self.rulesPool][index % 3]
                let text = random.text(from: pool)
                mismatches.check(RegistrationRules.isBlank(text), text.allSatisfy(\.isWhitespace), "isBlank \(text.debugDescription)")
                mismatches.check(
                    RegistrationRules.isPrintableASCII(text), text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) },
                    "isPrintableASCII \(text.debugDescription)")
                let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                mismatches.check(
                    scalars(RegistrationRules.collapsingWhitespace(text)), scalars(collapsed), "collapsingWhitespace \(text.debugDescription)")
            }
            mismatches.finish()
        }
    }
}
