import Foundation

/// Writes sObject request bodies: a flat JSON object of field name → value, with the JSON types
/// Salesforce expects. Written by hand so amounts keep their exact decimal digits (a `Decimal`
/// never passes through a binary `Double`).
enum SalesforceJSONBody {
    /// Why a value cannot be sent.
    struct InvalidValue: Error, Equatable {
        /// The field.
        var field: String
        /// What is wrong.
        var reason: String
    }

    /// A JSON object with the fields in name order (deterministic bodies).
    static func object(_ fields: [String: CRMValue]) throws(InvalidValue) -> [UInt8] {
        var text = "{"
        for (index, name) in fields.keys.sorted().enumerated() {
            guard let value = fields[name] else { continue }
            if index > 0 { text += "," }
            text += quoted(name) + ":" + (try encode(value, field: name))
        }
        text += "}"
        return Array(text.utf8)
    }

    /// One value as JSON text.
    static func encode(_ value: CRMValue, field: String) throws(InvalidValue) -> String {
        switch value {
        case .text(let string): return quoted(string)
        case .decimal(let decimal): return try number(decimal, field: field)
        case .integer(let integer): return String(integer)
        case .date(let day):
            guard isCalendarDate(day) else { throw InvalidValue(field: field, reason: "date \(quoted(day)) is not YYYY-MM-DD") }
            return quoted(day)
        case .timestamp(let date): return quoted(timestamp(date))
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }

    /// A decimal as a JSON number with its own digits (`Decimal.description` never uses an exponent).
    static func number(_ decimal: Decimal, field: String) throws(InvalidValue) -> String {
        let digits = decimal.description
        guard !decimal.isNaN, isJSONNumber(digits) else {
            throw InvalidValue(field: field, reason: "\(digits) is not a finite number")
        }
        return digits
    }

    /// An instant as ISO-8601 in UTC with milliseconds (`2024-05-01T12:00:00.000Z`).
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    /// A JSON string literal.
    static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func isJSONNumber(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return false }
        return parts[0] == "0" || parts[0].first != "0"
    }

    static func isCalendarDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in index == 4 || index == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    }
}

extension Character {
    /// `0`–`9`.
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
