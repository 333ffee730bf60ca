import Foundation

/// Who the customer is, for "has this customer already been registered?" checks.
///
/// Pure string functions: no I/O, no locale (results never depend on the machine).
public enum CustomerIdentity {
    /// Legal-form words dropped from the end of a company name.
    public static let legalSuffixes: Set<String> = [
        "inc", "incorporated", "llc", "ltd", "limited", "gmbh", "corp", "corporation", "co", "company", "sa", "ag",
        "bv", "plc", "pty", "llp", "lp", "srl", "sas", "nv", "oy", "ab", "kk",
    ]

    /// The key two spellings of one company share, e.g. `acme` for "ACME, Inc." and "Acme Corp.".
    ///
    /// Steps: Unicode NFKC (full-width `ＡＣＭＥ` → `ACME`); case folding (`ß` → `ss`); diacritics
    /// removed (`Société` → `societe`, `Øresund` → `oresund`); `&` → `and`; apostrophes removed
    /// without a break (`McDonald's` → `mcdonalds`); every other character that is not a letter, a
    /// digit or a combining mark becomes a space; whitespace collapsed; then legal suffixes
    /// (``legalSuffixes``) dropped repeatedly from the end, as whole words only, never emptying the
    /// key (`Co` stays `co`). Dotted forms count: `S.A.` and `L.L.C.` are dropped like `SA` and `LLC`,
    /// and a dangling `and` before a dropped suffix goes too (`Acme & Co.` → `acme`).
    ///
    /// Because `&` is a word, `AT&T` → `at and t`, the same key as "AT and T" (but not "ATT").
    /// Scripts without case or diacritics (CJK, Indic, Arabic…) keep their characters.
    /// Names with no letters or digits give an empty key.
    ///
    /// ```swift
    /// CustomerIdentity.key(for: "Acme Holdings Co., Ltd.")  // "acme holdings"
    /// CustomerIdentity.key(for: "Müller GmbH")              // "muller"
    /// ```
    /// - Parameter name: A plain-text company name (Slack escapes already removed).
    /// - Returns: The normalized key.
    public static func key(for name: String) -> String {
        var name = name
        let text = name.withUTF8({ asciiText($0) }) ?? unicodeText(name)
        var words = text.split(separator: " ").map(String.init)
        while dropLegalSuffix(from: &words) {}
        return words.joined(separator: " ")
    }

    /// The text before suffixes are dropped, for any name: NFKC, case and diacritic folding,
    /// then word characters kept and the rest made spaces.
    static func unicodeText(_ name: String) -> String {
        let folded = name.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .precomposedStringWithCanonicalMapping
        var text = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if scalar == "&" {
                text.append(contentsOf: " and ".unicodeScalars)
            } else if apostrophes.contains(scalar) {
                continue
            } else if let replacement = letterReplacements[scalar] {
                text.append(contentsOf: replacement.unicodeScalars)
            } else if isWordScalar(scalar) {
                text.append(scalar)
            } else {
                text.append(" ")
            }
        }
        return String(text)
    }

    /// For all-ASCII names, the text before suffixes are dropped, straight from the bytes (NFKC,
    /// folding and NFC change nothing there but case); `nil` for any other name.
    static func asciiText(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for byte in bytes where byte >= 0x80 { return nil }
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count + 8)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): text.append(byte | 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): text.append(byte)
            case UInt8(ascii: "&"): text.append(contentsOf: [0x20, 0x61, 0x6E, 0x64, 0x20])  // " and "
            case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
            default: text.append(0x20)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Removes one legal suffix (and a dangling `and` before it) from the end; `false` if none.
    private static func dropLegalSuffix(from words: inout [String]) -> Bool {
        var count = 0
        if let last = words.last, legalSuffixes.contains(last) {
            count = 1
        } else {
            // A dotted abbreviation split into letters: "S.A." → ["s", "a"].
            for length in stride(from: 4, through: 2, by: -1) where words.count > length {
                let tail = words.suffix(length)
                if tail.allSatisfy({ $0.count == 1 }), legalSuffixes.contains(tail.joined()) {
                    count = length
                    break
                }
            }
        }
        guard count > 0, words.count > count else { return false }
        words.removeLast(count)
        if words.count > 1, words.last == "and" { words.removeLast() }
        return true
    }

    /// Letters, digits and combining marks are part of words.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber:
            true
        default:
            false
        }
    }

    /// Apostrophe-like characters, removed inside words.
    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2018}", "\u{2019}", "\u{02BC}", "`", "\u{00B4}"]

    /// Letters that carry a stroke or ligature rather than a combining diacritic.
    private static let letterReplacements: [Unicode.Scalar: String] = [
        "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th",
    ]
}
