import Crypto
import Foundation

/// HubSpot webhook requests: the v3 signature check and the event payload.
///
/// Verify first, on the raw body, then decode:
///
/// ```swift
/// let verdict = HubSpotWebhook.verify(
///     method: "POST", uri: "https://partnerbot.example.com/hubspot/events", body: rawBody,
///     timestamp: headers["X-HubSpot-Request-Timestamp"], signature: headers["X-HubSpot-Signature-v3"],
///     clientSecret: secret, now: clock.now)
/// guard verdict == .valid else { return .unauthorized }
/// let events = try HubSpotWebhook.events(from: rawBody)
/// ```
public enum HubSpotWebhook {
    /// What the signature check concluded.
    public enum Verification: Sendable, Equatable {
        /// Signed by HubSpot with this client secret, within the allowed age.
        case valid
        /// `X-HubSpot-Signature-v3` or `X-HubSpot-Request-Timestamp` is missing or empty.
        case missingHeaders
        /// The timestamp is not a number of milliseconds, or is older than ``maximumAge``.
        case stale
        /// The signature does not match (tampered body or URI, wrong secret, not Base64).
        case badSignature
    }

    /// The signature header's name.
    public static let signatureHeader = "X-HubSpot-Signature-v3"
    /// The timestamp header's name.
    public static let timestampHeader = "X-HubSpot-Request-Timestamp"
    /// Requests signed longer ago than this are refused (HubSpot: "older than 5 minutes").
    public static let maximumAge: Duration = .seconds(300)

    /// Checks a request's v3 signature: Base64 of HMAC-SHA256, keyed by the app's client secret,
    /// over `method + uri + body + timestamp` (UTF-8), where `uri` has HubSpot's escapes decoded
    /// (see ``signedURI(_:)``). The comparison is constant-time.
    /// - Parameters:
    ///   - method: The request method, e.g. `POST`.
    ///   - uri: The full URL HubSpot called, as configured in the app (`https://host/path?query`):
    ///     the public URL, not the one a proxy forwarded to.
    ///   - body: The raw body bytes, before any parsing.
    ///   - timestamp: `X-HubSpot-Request-Timestamp` (milliseconds since the epoch).
    ///   - signature: `X-HubSpot-Signature-v3`.
    ///   - clientSecret: The app's client secret.
    ///   - now: The current time.
    public static func verify(
        method: String, uri: String, body: [UInt8], timestamp: String?, signature: String?, clientSecret: String, now: Date
    ) -> Verification {
        guard let timestamp, !timestamp.isEmpty, let signature, !signature.isEmpty else { return .missingHeaders }
        guard let milliseconds = Int64(timestamp) else { return .stale }
        let age = now.timeIntervalSince1970 * 1000 - Double(milliseconds)
        guard age <= Double(maximumAge.components.seconds * 1000) else { return .stale }
        guard let presented = Data(base64Encoded: signature) else { return .badSignature }
        let key = SymmetricKey(data: Array(clientSecret.utf8))
        let message = Array(method.utf8) + Array(signedURI(uri).utf8) + body + Array(timestamp.utf8)
        let matches = HMAC<Crypto.SHA256>.isValidAuthenticationCode(presented, authenticating: message, using: key)
        return matches ? .valid : .badSignature
    }

    /// The URI as HubSpot signs it: `%3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B` decoded to
    /// `: / ? @ ! $ ' ( ) * , ;` (hex digits in either case), every other escape left as sent.
    public static func signedURI(_ uri: String) -> String {
        let bytes = Array(uri.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]),
                decodedEscapes.contains(high << 4 | low)
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let decodedEscapes: Set<UInt8> = Set(":/?@!$'()*,;".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
