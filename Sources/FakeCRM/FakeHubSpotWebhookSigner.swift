import Foundation
import SlackPlatform

/// Signs webhook requests the way HubSpot does (signature v3), for tests: an implementation
/// independent of `HubSpotWebhook.verify` (OpenSSL's HMAC, a table-driven URI decode), so the two
/// can check each other.
public enum FakeHubSpotWebhookSigner {
    /// The escapes HubSpot decodes in the URI before signing.
    private static let decodedEscapes: [(escape: String, character: String)] = [
        ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"),
        ("%27", "'"), ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
    ]

    /// The `X-HubSpot-Signature-v3` value: Base64 of HMAC-SHA256(client secret,
    /// method + decoded URI + body + timestamp).
    /// - Parameters:
    ///   - clientSecret: The app's client secret.
    ///   - method: The HTTP method.
    ///   - uri: The full URL as requested (escapes and all).
    ///   - body: The raw body.
    ///   - timestamp: The `X-HubSpot-Request-Timestamp` value (milliseconds since the epoch).
    public static func signature(clientSecret: String, method: String, uri: String, body: [UInt8], timestamp: String) -> String {
        var decoded = uri
        for (escape, character) in decodedEscapes {
            decoded = decoded.replacingOccurrences(of: escape, with: character, options: .caseInsensitive)
        }
        let message = Array("\(method)\(decoded)".utf8) + body + Array(timestamp.utf8)
        return Data(HMACSHA256.authenticationCode(key: Array(clientSecret.utf8), message: message)).base64EncodedString()
    }

    /// The headers HubSpot sends with a signed webhook request made at `date`.
    public static func headers(clientSecret: String, method: String = "POST", uri: String, body: [UInt8], at date: Date) -> [(name: String, value: String)] {
        let timestamp = String(Int64((date.timeIntervalSince1970 * 1000).rounded()))
        return [
            ("Content-Type", "application/json"),
            ("X-HubSpot-Request-Timestamp", timestamp),
            ("X-HubSpot-Signature-v3", signature(clientSecret: clientSecret, method: method, uri: uri, body: body, timestamp: timestamp)),
        ]
    }

    /// A webhook body with one `deal.propertyChange` event, shaped like HubSpot's.
    public static func dealPropertyChangeBody(
        dealID: Int64, propertyName: String, propertyValue: String, occurredAt: Int64, eventId: Int64 = 1, portalId: Int64 = 62515,
        attemptNumber: Int = 0
    ) -> [UInt8] {
        let event: [String: Any] = [
            "eventId": eventId, "subscriptionId": 12345, "portalId": portalId, "appId": 54321, "occurredAt": occurredAt,
            "subscriptionType": "deal.propertyChange", "attemptNumber": attemptNumber, "objectId": dealID,
            "propertyName": propertyName, "propertyValue": propertyValue, "changeSource": "CRM_UI",
        ]
        return (try? JSONSerialization.data(withJSONObject: [event], options: [.sortedKeys])).map(Array.init) ?? []
    }
}
