import Foundation

/// Encodes `CRMValue`s the way HubSpot's CRM API takes property values: every value a string.
///
/// - `.decimal`: plain decimal notation (`12345.67`), never binary floating point.
/// - `.integer`: decimal digits.
/// - `.date`: milliseconds since the epoch at midnight UTC (HubSpot refuses date values that are
///   not midnight UTC); the `YYYY-MM-DD` text is validated first.
/// - `.timestamp`: milliseconds since the epoch (datetime properties).
/// - `.bool`: `true` / `false`.
/// - `.null`: the empty string, which clears the property.
enum HubSpotPropertyEncoding {
    /// The string HubSpot stores for `value`.
    /// - Throws: `CRMFailure.rejected` when a `.date` is not a valid `YYYY-MM-DD` date or a
    ///   `.decimal` is NaN (permanent: the mapping produced it, retrying cannot help).
    static func encode(_ value: CRMValue, property: String) throws(CRMFailure) -> String {
        switch value {
        case .text(let text): return text
        case .decimal(let decimal):
            guard !decimal.isNaN else { throw .rejected("property \(property): not a number") }
            return plain(decimal)
        case .integer(let integer): return String(integer)
        case .date(let text):
            guard let date = CRMCalendarDate(text) else {
                throw .rejected("property \(property): \"\(text)\" is not a YYYY-MM-DD date")
            }
            return String(date.midnightUTCMilliseconds)
        case .timestamp(let instant): return String(milliseconds(instant))
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        }
    }

    /// Every property encoded, plus `idProperty` set to the registration reference.
    static func properties(of record: CRMRecord, idProperty: String) throws(CRMFailure) -> [String: String] {
        var encoded: [String: String] = [:]
        for (name, value) in record.properties {
            encoded[name] = try encode(value, property: name)
        }
        encoded[idProperty] = record.registrationID
        return encoded
    }

    /// `Decimal`'s own rendering is plain, locale-independent notation (`-1234.5`, no exponent).
    private static func plain(_ decimal: Decimal) -> String {
        decimal.description
    }

    private static func milliseconds(_ instant: Date) -> Int64 {
        Int64((instant.timeIntervalSince1970 * 1000).rounded())
    }
}
