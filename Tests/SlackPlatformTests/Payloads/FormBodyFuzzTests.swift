import FakeSlack
import PropertyTesting
import Testing
@testable import SlackPlatform


/// A slow, obviously correct form decoder to hold the one-pass `FormBody` decoder against.
private enum ReferenceForm {
    static func decode(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        bytes.split(separator: UInt8(ascii: "&")).map { pair in
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                (unescape(pair[..<equals]), unescape(pair[(equals + 1)...]))
            } else {
                (unescape(pair), "")
            }
        }
    }

    /// `+` → space, `%XY` → that byte, anything malformed or cut short kept as it is.
    static func unescape(_ slice: ArraySlice<UInt8>) -> String {
        let part = Array(slice)
        var out: [UInt8] = []
        var index = 0
        while index < part.count {
            let byte = part[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
                index += 1
            } else if byte == UInt8(ascii: "%"), index + 2 < part.count, let high = hex[part[index + 1]],
                let low = hex[part[index + 2]]
            {
                out.append(high * 16 + low)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let hex: [UInt8: UInt8] = {
        var table: [UInt8: UInt8] = [:]
        for (value, digit) in "0123456789abcdef".utf8.enumerated() { table[digit] = UInt8(value) }
        for (value, digit) in "ABCDEF".utf8.enumerated() { table[digit] = UInt8(value + 10) }
        return table
    }()
}

/// Fields as plain arrays, so they compare with `==` and print readably.
private func pairs(_ fields: [(name: String, value: String)]) -> [[String]] {
    fields.map { [$0.name, $0.value] }
}

@Suite("Form body fuzzing")
struct FormBodyFuzzTests {
    static let cases = 2_500

    /// Bytes heavy in form syntax and hex digits, with some of any value (invalid UTF-8 included).
    static let pool: [UInt8] =
        Array("&&&===%%%%+++".utf8) + Array("0123456789abcdefABCDEF0123456789ABCDEF".utf8) + Array("gxzGXZ .-_~".utf8)
        + [0x00, 0x7F, 0x80, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0xFF]

    private static func randomBytes(_ random: inout SplitMix64) -> [UInt8] {
        (0..<Int.random(in: 0...64, using: &random)).map { _ in
            Int.random(in: 0..<5, using: &random) == 0
                ? UInt8.random(in: 0...255, using: &random) : pool.randomElement(using: &random)!
        }
    }

    @Test func decodingMatchesAReferenceDecoder() {
        var random = SplitMix64(seed: 0x666F_726D)
        var inputs: [[UInt8]] = [[], Array("&".utf8), Array("=".utf8), Array("%".utf8), Array("%4".utf8), Array("%41".utf8),
            Array("a=%4".utf8), Array("a=b=c&&d".utf8), Array("%zz=%C3%A9&+=+".utf8), [0xFF, 0x3D, 0xC3]]
        for _ in 0..<Self.cases { inputs.append(Self.randomBytes(&random)) }
        var nonEmpty = 0
        var mismatches = Mismatches()
        for bytes in inputs {
            let expected = pairs(ReferenceForm.decode(bytes))
            if !expected.isEmpty { nonEmpty += 1 }
            mismatches.check(pairs(FormBody(bytes).fields), expected, "array \(bytes)")
            mismatches.check(pairs(bytes.withUnsafeBytes { FormBody($0) }.fields), expected, "raw buffer \(bytes)")
            // Storage that is not contiguous, and a slice that does not start at zero.
            mismatches.check(pairs(FormBody(bytes.lazy.map { $0 }).fields), expected, "lazy collection \(bytes)")
            let padded = [UInt8(ascii: "%")] + bytes
            mismatches.check(pairs(FormBody(padded[1...]).fields), expected, "array slice \(bytes)")
        }
        mismatches.finish()
        #expect(nonEmpty > Self.cases / 2)
    }

    @Test func encodedFieldsDecodeToTheSameFields() {
        var random = SplitMix64(seed: 0x656E_636F)
        let pieces = ["", "a", "Z", "0", "text", " ", "  ", "&", "=", "+", "%", "%20", "%zz", "~", "-", "_", ".", "/", "\"",
            "é", "e\u{301}", "€", "👍🏽", "\u{0}", "\n", "\r\n", "\u{FFFD}", "漢"]
        func text() -> String {
            (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        var mismatches = Mismatches()
        for _ in 0..<Self.cases {
            let fields = (0..<Int.random(in: 0...4, using: &random)).map { _ in (name: text(), value: text()) }
            let encoded = Array(FormBody(fields: fields).encoded.utf8)
            let decoded = FormBody(encoded)
            mismatches.check(pairs(decoded.fields), pairs(fields), "\(fields)")
            // Exactly the same scalars, not just canonically equivalent text.
            let decodedScalars = decoded.fields.map { [Array($0.name.unicodeScalars), Array($0.value.unicodeScalars)] }
            let scalars = fields.map { [Array($0.name.unicodeScalars), Array($0.value.unicodeScalars)] }
            mismatches.check(decodedScalars, scalars, "scalars of \(fields)")
        }
        mismatches.finish()
    }
}
