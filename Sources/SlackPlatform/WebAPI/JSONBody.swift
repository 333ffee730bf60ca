import Foundation

/// Builds a small JSON object body field by field, keeping pre-encoded JSON values verbatim.
///
/// Strings are escaped here; raw values (Block Kit `blocks`, a `view`) are checked to be valid
/// JSON of the expected kind and spliced in unchanged.
struct JSONBody {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var isEmpty = true

    /// The kind a pre-encoded value must have.
    enum Kind {
        case array
        case object
        /// Any JSON value, fragments included.
        case any
    }

    /// Adds a string field.
    mutating func add(_ name: String, string value: String) {
        addName(name)
        Self.appendString(value, to: &bytes)
    }

    /// Adds a string field when the value is present.
    mutating func add(_ name: String, string value: String?) {
        if let value { add(name, string: value) }
    }

    /// Adds a pre-encoded JSON value.
    ///
    /// - Throws: ``WebAPIFailure/apiError(code:)`` with `invalid_json` when the bytes are not JSON,
    ///   or `wrongKindCode` when they are JSON of another kind; nothing is sent then.
    mutating func add(_ name: String, rawJSON value: [UInt8], kind: Kind, wrongKindCode: String) throws(WebAPIFailure) {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(value), options: [.fragmentsAllowed])
        } catch {
            throw .apiError(code: "invalid_json")
        }
        switch kind {
        case .array where !(parsed is [Any]), .object where !(parsed is [String: Any]):
            throw .apiError(code: wrongKindCode)
        case .array, .object, .any:
            break
        }
        addName(name)
        bytes.append(contentsOf: value)
    }

    /// The finished object.
    var encoded: [UInt8] { bytes + [UInt8(ascii: "}")] }

    private mutating func addName(_ name: String) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        Self.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends a JSON string literal (RFC 8259 escaping; non-ASCII stays UTF-8).
    static func appendString(_ string: String, to bytes: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00..<0x20:
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
