import Foundation

/// Standard Base64 (RFC 4648 §4, with padding): HTTP Basic credentials.
public enum Base64 {
    /// The Base64 text of `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// The bytes of a Base64 text; `nil` when it is not valid Base64.
    public static func decode(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text).map { Array($0) }
    }
}
