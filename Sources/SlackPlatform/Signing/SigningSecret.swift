/// The app's signing secret: the HMAC key Slack signs every inbound request with.
///
/// Its `description` is redacted so it can never reach a log line by accident.
public struct SigningSecret: Sendable, Equatable, CustomStringConvertible {
    /// The key bytes (UTF-8 of the secret as configured).
    public let bytes: [UInt8]
    /// The key with its HMAC pads absorbed, built once per secret (every request is verified with it).
    let key: HMACSHA256.Key

    /// Creates a secret from its configured text.
    /// - Returns: `nil` when the text is empty or only whitespace: that is a configuration error.
    public init?(_ text: String) {
        guard !text.allSatisfy({ $0.isWhitespace }) else { return nil }
        self.bytes = Array(text.utf8)
        self.key = HMACSHA256.Key(bytes)
    }

    public var description: String { "SigningSecret(redacted)" }

    public static func == (lhs: SigningSecret, rhs: SigningSecret) -> Bool {
        HMACSHA256.constantTimeEquals(lhs.bytes, rhs.bytes)
    }
}
